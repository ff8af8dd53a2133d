import { describe, expect, it } from 'vitest';
import { APPROVAL_TTL_MS, ApprovalStore } from '../../src/main/orders/approvals';

const manager = { userId: 'u-morgan', name: 'Morgan Lee', email: 'manager@coffeecloud.dev' };

describe('manager approvals', () => {
  it('that are granted and never used are gone once they expire, not kept for good', () => {
    let now = Date.parse('2026-12-01T09:00:00Z');
    const approvals = new ApprovalStore(() => now);
    // A busy day of discounts asked for and then abandoned at the till.
    const abandoned = Array.from({ length: 50 }, () => approvals.grant('web:till', manager).approvalId);
    now += APPROVAL_TTL_MS + 1;
    const fresh = approvals.grant('web:till', manager);
    expect(approvals.size).toBe(1);
    expect(approvals.peek(abandoned[0], 'web:till')).toBeNull();
    expect(approvals.peek(fresh.approvalId, 'web:till')).toEqual(manager);
  });

  it('stay usable until they expire, for the session that asked only', () => {
    let now = 0;
    const approvals = new ApprovalStore(() => now);
    const { approvalId } = approvals.grant('web:till', manager);
    now += APPROVAL_TTL_MS - 1;
    approvals.grant('web:other', manager);
    expect(approvals.peek(approvalId, 'web:other')).toBeNull();
    expect(approvals.peek(approvalId, 'web:till')).toEqual(manager);
    approvals.consume(approvalId);
    expect(approvals.peek(approvalId, 'web:till')).toBeNull();
  });
});
