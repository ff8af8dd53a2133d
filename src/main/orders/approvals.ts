import { randomBytes } from 'node:crypto';
import type { StaffStamp } from '../../shared/orders';

/** How long a manager's approval stays usable at the till that asked for it. */
export const APPROVAL_TTL_MS = 10 * 60 * 1000;

interface Approval {
  sessionKey: string;
  approver: StaffStamp;
  expiresAt: number;
}

/**
 * Manager approvals for large discounts: kept in main, tied to the till session that asked, used
 * once. The renderer only ever holds the opaque id.
 */
export class ApprovalStore {
  private approvals = new Map<string, Approval>();

  constructor(private readonly now: () => number = Date.now) {}

  grant(sessionKey: string, approver: StaffStamp): { approvalId: string; expiresAt: string } {
    // An approval asked for and never used (the sale abandoned) would otherwise stay for good.
    this.pruneExpired();
    const approvalId = randomBytes(16).toString('hex');
    const expiresAt = this.now() + APPROVAL_TTL_MS;
    this.approvals.set(approvalId, { sessionKey, approver, expiresAt });
    return { approvalId, expiresAt: new Date(expiresAt).toISOString() };
  }

  /** The approver, if the id is valid for this session; does not use it up. */
  peek(approvalId: string | undefined, sessionKey: string): StaffStamp | null {
    if (!approvalId) return null;
    const approval = this.approvals.get(approvalId);
    if (!approval || approval.sessionKey !== sessionKey) return null;
    if (approval.expiresAt <= this.now()) {
      this.approvals.delete(approvalId);
      return null;
    }
    return approval.approver;
  }

  consume(approvalId: string): void {
    this.approvals.delete(approvalId);
  }

  /** Approvals still held: granted, not used, not expired. */
  get size(): number {
    this.pruneExpired();
    return this.approvals.size;
  }

  private pruneExpired(): void {
    const now = this.now();
    for (const [id, approval] of this.approvals) if (approval.expiresAt <= now) this.approvals.delete(id);
  }
}
