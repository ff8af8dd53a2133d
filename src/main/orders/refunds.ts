import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { TransactWriteCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { randomBytes } from 'node:crypto';
import { checkRefundTenders, refundableByTender } from '../../shared/drawer';
import type { ShopSettings } from '../../shared/menu';
import { formatCents, type Cents } from '../../shared/money';
import { lineAllocations, lineRefundCents, pointsReversal, unpaidOnDelivery, type Order, type Refund, type StaffStamp } from '../../shared/orders';
import type { Tender } from '../../shared/pricing';
import { AppError } from '../../shared/result';
import { paidTenders } from '../../shared/shift';
import type { StaffSession } from '../auth/service';
import type { TableNames } from '../data/schema';
import { pointsItems, type PointsChange } from '../loyalty/service';
import type { ShiftService } from '../shifts/service';
import { stampOf } from './stamp';

/**
 * Refunds and cancels: how much goes back, by which tender (cash, card, or split), checked against
 * what each tender took net of change and earlier refunds; cash that goes back comes out of this
 * till's open shift's drawer as a movement, so expected cash goes down with it.
 */
export type RefundTender = { kind: Tender['kind']; amountCents: Cents };

export interface RefundDeps {
  doc: DynamoDBDocumentClient;
  tables: TableNames;
  shifts: ShiftService;
  shop: () => Promise<ShopSettings>;
  mustGetOrder: (orderId: string) => Promise<Order>;
  now: () => Date;
}

function conditionFailed(error: unknown, index: number): boolean {
  return error instanceof TransactionCanceledException && error.CancellationReasons?.[index]?.Code === 'ConditionalCheckFailed';
}

const newRefundId = () => randomBytes(8).toString('hex');

/**
 * The screen asked for this refund before and it landed (the answer was lost on the way back): it
 * is done, so the order is the answer again. Its cash, if the till stopped before journaling it,
 * is put back into the drawer when the shift's sales are next read (shifts/service.ts heals it).
 */
const alreadyMade = (order: Order, refundId: string | undefined): boolean => refundId !== undefined && order.refunds.some((r) => r.refundId === refundId);

export function createRefunds({ doc, tables, shifts, shop, mustGetOrder, now }: RefundDeps) {
  /**
   * How `amountCents` goes back: as the caller said, checked per tender; or, unsaid, by the one
   * tender that can cover it (an order paid one way is refunded that way).
   */
  async function tendersBack(order: Order, amountCents: Cents, back: readonly RefundTender[] | undefined): Promise<RefundTender[]> {
    if (amountCents === 0) return [];
    const s = await shop();
    const money = (c: Cents) => formatCents(c, s.currency, s.locale);
    const tenders = paidTenders(order);
    const earlier = order.refunds.flatMap((r) => r.tenders ?? []);
    let parts = back ? [...back] : undefined;
    if (!parts) {
      const left = Object.entries(refundableByTender(tenders, earlier)).filter(([, cents]) => (cents ?? 0) > 0);
      if (left.length !== 1) {
        throw new AppError('VALIDATION', `Say how the ${money(amountCents)} goes back: this order was paid by ${left.map(([k]) => k).join(' and ') || 'nothing left to refund'}.`, {
          fields: [{ path: 'back', message: 'Choose cash, card or a split.' }],
        });
      }
      parts = [{ kind: left[0]![0] as Tender['kind'], amountCents }];
    }
    const problem = checkRefundTenders(amountCents, parts, tenders, earlier, money);
    if (problem) throw new AppError('VALIDATION', problem, { fields: [{ path: 'back', message: problem }] });
    return parts;
  }

  /** Cash going back needs an open shift on this till: the drawer it comes out of. */
  function drawerFor(parts: readonly RefundTender[]): string | undefined {
    if (!parts.some((p) => p.kind === 'cash')) return undefined;
    try {
      return shifts.requireOpen();
    } catch {
      throw new AppError('CONFLICT', 'Giving cash back needs an open shift on this till: open one (or give it back by card).', { fields: [{ path: 'back', message: 'No shift open for cash.' }] });
    }
  }

  /** Writes the refund, then takes its cash out of the drawer (a movement keyed by the refund: never twice). */
  async function refundWith(order: Order, change: Partial<Order>, refund: Refund | null, session: StaffSession, at: string): Promise<Order> {
    const next = await writeChange(order, change, stampOf(session), at);
    const cash = refund?.tenders?.filter((t) => t.kind === 'cash').reduce((sum, t) => sum + t.amountCents, 0) ?? 0;
    if (refund && cash > 0) await shifts.cashRefund(order.orderId, refund.refundId, cash, `Refund ${order.ticket}: ${refund.reason}`, session);
    return next;
  }

  return {
    async cancel(orderId: string, reason: string, session: StaffSession, back?: RefundTender[], refundId?: string): Promise<Order> {
      const order = await mustGetOrder(orderId);
      if (alreadyMade(order, refundId)) return order;
      if (order.status === 'cancelled') throw new AppError('CONFLICT', `Ticket ${order.ticket} is already cancelled.`);
      if (order.status === 'completed') {
        throw new AppError('CONFLICT', `Ticket ${order.ticket} is completed: refund it instead of cancelling.`);
      }
      const at = now().toISOString();
      const by = stampOf(session);
      const remaining = order.totalCents - order.refundedCents;
      const unpaid = unpaidOnDelivery(order);
      if (unpaid && back) {
        const problem = 'Nothing has been paid for this delivery yet (cash on delivery), so nothing goes back.';
        throw new AppError('VALIDATION', problem, { fields: [{ path: 'back', message: problem }] });
      }
      // Unpaid, the whole total is cancelled with no tender: nothing goes back, the sale is void.
      const parts = unpaid ? [] : await tendersBack(order, remaining, back);
      const shiftId = drawerFor(parts);
      const refund: Refund | null =
        remaining > 0 ? { refundId: refundId ?? newRefundId(), at, by, reason: `Cancelled: ${reason}`, amountCents: remaining, lines: [], tenders: parts, ...(shiftId && { shiftId }) } : null;
      return refundWith(
        order,
        {
          status: 'cancelled',
          statusHistory: [...order.statusHistory, { status: 'cancelled', at, by, reason }],
          // A trip not yet delivered stops too: a shipper's step sent later (made offline) finds it
          // cancelled, not out, and can't record cash on a sale that didn't happen.
          ...(order.delivery && order.delivery.status !== 'delivered' && { delivery: { ...order.delivery, status: 'cancelled' as const, history: [...order.delivery.history, { status: 'cancelled' as const, at, by, reason }] } }),
          refunds: [...order.refunds, ...(refund ? [refund] : [])],
          refundedCents: order.totalCents,
          lines: order.lines.map((l) => ({ ...l, refundedQuantity: l.quantity })),
        },
        refund,
        session,
        at,
      );
    },

    async refund(orderId: string, reason: string, lines: { lineId: string; quantity: number }[] | undefined, session: StaffSession, back?: RefundTender[], refundId?: string): Promise<Order> {
      const order = await mustGetOrder(orderId);
      if (alreadyMade(order, refundId)) return order;
      const left = order.totalCents - order.refundedCents;
      if (order.status === 'cancelled' || left <= 0) {
        throw new AppError('CONFLICT', `Ticket ${order.ticket} has already been refunded in full.`);
      }
      const allocations = lineAllocations(order);
      let amount = 0;
      let updatedLines = order.lines;
      if (!lines) {
        amount = left;
        updatedLines = order.lines.map((l) => ({ ...l, refundedQuantity: l.quantity }));
      } else {
        const wanted = new Map<string, number>();
        for (const { lineId, quantity } of lines) wanted.set(lineId, (wanted.get(lineId) ?? 0) + quantity);
        updatedLines = order.lines.map((line, index) => {
          const quantity = wanted.get(line.lineId) ?? 0;
          wanted.delete(line.lineId);
          if (quantity === 0) return line;
          const refundable = line.quantity - line.refundedQuantity;
          if (quantity > refundable) {
            throw new AppError('VALIDATION', refundable === 0 ? `${line.name} has already been refunded.` : `Only ${refundable} of ${line.name} can still be refunded.`, {
              fields: [{ path: `lines.${index}.quantity`, message: 'More than was paid for.' }],
            });
          }
          amount += lineRefundCents(allocations[index]!, line.quantity, line.refundedQuantity, quantity);
          return { ...line, refundedQuantity: line.refundedQuantity + quantity };
        });
        if (wanted.size > 0) throw new AppError('VALIDATION', 'A line to refund isn’t on this order.');
        amount = Math.min(amount, left);
      }
      const parts = await tendersBack(order, amount, back);
      const shiftId = drawerFor(parts);
      const at = now().toISOString();
      const by = stampOf(session);
      const refund: Refund = { refundId: refundId ?? newRefundId(), at, by, reason, amountCents: amount, lines: lines ?? [], tenders: parts, ...(shiftId && { shiftId }) };
      return refundWith(order, { lines: updatedLines, refunds: [...order.refunds, refund], refundedCents: order.refundedCents + amount }, refund, session, at);
    },
  };

  /**
   * Writes a change made from `order`, only if nobody changed it since it was read, together with
   * the points its refunds give back or take back.
   */
  async function writeChange(order: Order, change: Partial<Order>, by: StaffStamp, at: string): Promise<Order> {
    const next: Order = { ...order, ...change, version: order.version + 1, updatedAt: at };
    if (next.refundedCents > next.totalCents) throw new AppError('VALIDATION', 'That would refund more than was paid.');
    let points: PointsChange | null = null;
    if (order.customerId) {
      const { reverseEarned, returnRedeemed } = pointsReversal(order, next.refundedCents);
      const tag = `${order.orderId}#v${next.version}`;
      const entries = [
        ...(reverseEarned ? [{ suffix: `${tag}#E`, delta: -reverseEarned, reason: 'Refund: points earned taken back', orderId: order.orderId, ticket: order.ticket }] : []),
        ...(returnRedeemed ? [{ suffix: `${tag}#R`, delta: returnRedeemed, reason: 'Refund: reward points returned', orderId: order.orderId, ticket: order.ticket }] : []),
      ];
      next.pointsReversed = (order.pointsReversed ?? 0) + reverseEarned;
      next.pointsReturned = order.pointsReturned || returnRedeemed > 0;
      if (entries.length > 0) points = { customerId: order.customerId, entries, actor: by, at };
    }
    try {
      await doc.send(
        new TransactWriteCommand({
          TransactItems: [
            { Put: { TableName: tables.Orders, Item: next, ConditionExpression: 'version = :v', ExpressionAttributeValues: { ':v': order.version } } },
            ...(points ? pointsItems(tables, points) : []),
          ],
        }),
      );
      return next;
    } catch (error) {
      if (conditionFailed(error, 0)) throw new AppError('CONFLICT', `Ticket ${order.ticket} just changed on another till. Look again and retry.`);
      throw error;
    }
  }
}

export type Refunds = ReturnType<typeof createRefunds>;
