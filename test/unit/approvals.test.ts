import { describe, expect, it } from 'vitest';
import { APPROVAL_TTL_MS, ApprovalStore } from '../../src/main/orders/approvals';

const manager = { userId: 'u-morgan', name: 'Morgan Lee', email: 'manager@coffeecloud.dev' };
const barista = { userId: 'u-jamie', name: 'Jamie Cruz', email: 'barista@coffeecloud.dev' };
const scope = { orderId: '01JAPPROVEDSALE00000000000', discountCents: 125 };
const dollars = (cents: number) => `$${(cents / 100).toFixed(2)}`;

describe('manager approvals', () => {
  it('that are granted and never used are gone once they expire, not kept for good', () => {
    let now = Date.parse('2026-12-01T09:00:00Z');
    const approvals = new ApprovalStore(() => now);
    // A busy day of discounts asked for and then abandoned at the till.
    const abandoned = Array.from({ length: 50 }, () => approvals.grant('web:till', scope, barista, manager, 'pin').approvalId);
    now += APPROVAL_TTL_MS + 1;
    const fresh = approvals.grant('web:till', scope, barista, manager, 'pin');
    expect(approvals.size).toBe(1);
    expect(approvals.peek(abandoned[0], 'web:till')).toBeNull();
    expect(approvals.peek(fresh.approvalId, 'web:till')).toEqual(manager);
  });

  it('stay usable until they expire, for the session that asked only', () => {
    let now = 0;
    const approvals = new ApprovalStore(() => now);
    const { approvalId } = approvals.grant('web:till', scope, barista, manager, 'pin');
    now += APPROVAL_TTL_MS - 1;
    approvals.grant('web:other', scope, barista, manager, 'pin');
    expect(approvals.peek(approvalId, 'web:other')).toBeNull();
    expect(approvals.peek(approvalId, 'web:till')).toEqual(manager);
    approvals.consume(approvalId);
    expect(approvals.peek(approvalId, 'web:till')).toBeNull();
  });

  it('cover one sale and at most the amount approved: a bigger discount or another sale is refused by name', () => {
    const approvals = new ApprovalStore(() => 0);
    const { approvalId } = approvals.grant('web:till', scope, barista, manager, 'pin');
    const missing = 'A discount over 20% needs a manager’s approval.';
    expect(approvals.check(approvalId, 'web:till', { ...scope, discountCents: 100 }, missing, dollars)).toMatchObject({
      askedBy: barista,
      approvedBy: manager,
      action: 'discount',
      amountCents: 125,
      via: 'pin',
    });
    expect(() => approvals.check(approvalId, 'web:till', { ...scope, discountCents: 500 }, missing, dollars)).toThrow(
      'Morgan Lee approved $1.25 off, but the sale now has $5.00 off. Ask a manager to approve the new discount.',
    );
    expect(() => approvals.check(approvalId, 'web:till', { ...scope, orderId: '01JOTHERSALE00000000000000' }, missing, dollars)).toThrow(
      'Morgan Lee’s approval was for another sale. Ask a manager to approve this one.',
    );
    expect(() => approvals.check(approvalId, 'web:other', scope, missing, dollars)).toThrow(missing);
    expect(() => approvals.check(undefined, 'web:till', scope, missing, dollars)).toThrow(missing);
  });
});
