import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { createHash } from 'node:crypto';
import { pointsItems } from '../../loyalty/service';
import type { JournalRecord } from '../journal';
import type { Entry, TillState } from '../state';
import { markSent, park, RETRYABLE, type Outcome, type SendContext, type Sender } from './kind';
import { pointsChangeOf, pointsReason } from './order';

/**
 * An order's points change, once the cloud refused it for good with the order (the customer's
 * account is gone, their balance no longer covers the reward). The sale went without it; the change
 * is parked for a manager, and when they retry it is sent alone: the balance, the customer's mirror
 * and the ledger lines in one transaction, whose lines (`attribute_not_exists`) make a second
 * landing recognisable.
 */

export const POINTS_SUFFIX = '#points';
export const pointsKey = (orderId: string) => `${orderId}${POINTS_SUFFIX}`;
export const isPointsKey = (key: string) => key.endsWith(POINTS_SUFFIX);

export function settlePoints(state: TillState, key: string, record: Extract<JournalRecord, { t: 'synced' | 'parked' | 'retry' }>): void {
  const entry = state.entries.get(key.slice(0, -POINTS_SUFFIX.length));
  if (!entry) return;
  if (record.t === 'parked') entry.points = { state: 'parked', reason: record.reason, parkedAt: record.at };
  else if (entry.points && record.t === 'synced') entry.points.state = 'synced';
  else if (entry.points?.state === 'parked') entry.points.state = 'pending';
}

/** A points change goes once its order is in the cloud: the ledger lines name the order. */
const due = (entry: Entry) => entry.state === 'synced' && entry.points?.state === 'pending';

export function pointsSender(ctx: SendContext): Sender {
  const { state, tables } = ctx;

  async function push(entry: Entry): Promise<Outcome> {
    const { orderId, ticket } = entry.order;
    const change = pointsChangeOf(entry.order);
    const key = pointsKey(orderId);
    if (!change) {
      return markSent(ctx, key);
    }
    const items = pointsItems(tables, change);
    const token = createHash('sha256').update(key).digest('base64url').slice(0, 36);
    try {
      await ctx.asStaff(() => ctx.doc.send(new TransactWriteCommand({ TransactItems: items, ClientRequestToken: token })));
    } catch (error) {
      const transient = ctx.transient(error);
      if (transient) return transient;
      if (error instanceof TransactionCanceledException) {
        const codes = (error.CancellationReasons ?? []).map((r) => r.Code ?? 'None');
        // The ledger lines come after the balance and the mirror: theirs failing means they are there.
        if (codes.slice(2).includes('ConditionalCheckFailed')) {
          return markSent(ctx, key);
        }
        if (codes.some((c) => RETRYABLE.has(c))) return ctx.retryBecause('The database is busy; trying again shortly.');
      }
      const reason = error instanceof TransactionCanceledException ? pointsReason(entry.order) : `DynamoDB refused these points: ${(error as Error).message}`;
      return park(ctx, key, reason, `Ticket ${ticket}’s points parked again: ${reason}`);
    }
    return markSent(ctx, key);
  }

  return {
    next() {
      for (const entry of state.entries.values()) if (due(entry)) return () => push(entry);
      return null;
    },
  };
}
