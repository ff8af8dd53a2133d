import { randomBytes } from 'node:crypto';
import type { DiscountApproval, StaffStamp } from '../../shared/orders';
import { AppError } from '../../shared/result';

/** How long a manager's approval stays usable at the till that asked for it. */
export const APPROVAL_TTL_MS = 10 * 60 * 1000;

/** What a manager approved: one discount, on one sale, up to this amount. */
export interface ApprovalScope {
  orderId: string;
  discountCents: number;
}

interface Approval extends ApprovalScope {
  sessionKey: string;
  askedBy: StaffStamp;
  approver: StaffStamp;
  via: DiscountApproval['via'];
  at: string;
  expiresAt: number;
}

/**
 * Manager approvals for large discounts: kept in main, tied to the till that asked, to one sale
 * and to the amount approved, used once. The renderer only ever holds the opaque id.
 */
export class ApprovalStore {
  private approvals = new Map<string, Approval>();

  constructor(private readonly now: () => number = Date.now) {}

  grant(sessionKey: string, scope: ApprovalScope, askedBy: StaffStamp, approver: StaffStamp, via: DiscountApproval['via']): { approvalId: string; expiresAt: string } {
    // An approval asked for and never used (the sale abandoned) would otherwise stay for good.
    this.pruneExpired();
    const approvalId = randomBytes(16).toString('hex');
    const expiresAt = this.now() + APPROVAL_TTL_MS;
    this.approvals.set(approvalId, { ...scope, sessionKey, askedBy, approver, via, at: new Date(this.now()).toISOString(), expiresAt });
    return { approvalId, expiresAt: new Date(expiresAt).toISOString() };
  }

  /** The approval, if the id is valid for this till; does not use it up. */
  private find(approvalId: string | undefined, sessionKey: string): Approval | null {
    if (!approvalId) return null;
    const approval = this.approvals.get(approvalId);
    if (!approval || approval.sessionKey !== sessionKey) return null;
    if (approval.expiresAt <= this.now()) {
      this.approvals.delete(approvalId);
      return null;
    }
    return approval;
  }

  peek(approvalId: string | undefined, sessionKey: string): StaffStamp | null {
    return this.find(approvalId, sessionKey)?.approver ?? null;
  }

  /**
   * Checkout's second look: the approval must be this till's, for this sale, and cover the
   * discount the cart has now. A cart changed after the manager approved needs a new approval.
   * `describe` formats cents the shop's way for the message.
   */
  check(approvalId: string | undefined, sessionKey: string, scope: ApprovalScope, missing: string, describe: (cents: number) => string): DiscountApproval {
    const approval = this.find(approvalId, sessionKey);
    const field = (message: string) => ({ fields: [{ path: 'approvalId', message }] });
    if (!approval) throw new AppError('FORBIDDEN', missing, field('Manager approval needed.'));
    if (approval.orderId !== scope.orderId) {
      throw new AppError('FORBIDDEN', `${approval.approver.name}’s approval was for another sale. Ask a manager to approve this one.`, field('Approval is for another sale.'));
    }
    if (scope.discountCents > approval.discountCents) {
      throw new AppError(
        'FORBIDDEN',
        `${approval.approver.name} approved ${describe(approval.discountCents)} off, but the sale now has ${describe(scope.discountCents)} off. Ask a manager to approve the new discount.`,
        field('The discount changed since it was approved.'),
      );
    }
    return { askedBy: approval.askedBy, approvedBy: approval.approver, action: 'discount', amountCents: approval.discountCents, via: approval.via, at: approval.at };
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
