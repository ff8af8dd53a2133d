import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { deliveryMoveProblem, type DeliveryMoveRecord } from '../../../shared/delivery';
import { deliveryUpdate, readDelivery } from '../../delivery/service';
import type { JournalRecord } from '../journal';
import type { TillState } from '../state';
import { errorName, markSent, park, settleSending, type Outcome, type SendContext, type Sender } from './kind';

/**
 * A shipper's delivery step (claim, out, delivered, couldn't deliver) made while this till couldn't
 * reach the cloud. Applied: it joins the till's list of delivery steps, so the shipper's screen
 * shows it at once. Sent in the order made: the same conditional update as online
 * (delivery/service.ts deliveryUpdate). Refused for good: the trip moved on meanwhile. A claim
 * made offline is decided here, when it syncs: if another shipper's claim reached DynamoDB first,
 * theirs stands (one conditional write wins) and ours is parked with who has the order, for the
 * sync panel.
 */

export const deliveryKey = (moveId: string) => `deliver:${moveId}`;
export const isDeliveryKey = (key: string) => key.startsWith('deliver:');

export function applyDelivery(state: TillState, record: Extract<JournalRecord, { t: 'delivery' }>): void {
  if (!state.deliveries.has(record.move.moveId)) state.deliveries.set(record.move.moveId, { ...record.move, state: 'pending' });
}

export function settleDelivery(state: TillState, key: string, record: Extract<JournalRecord, { t: 'synced' | 'parked' | 'retry' }>): void {
  const move = state.deliveries.get(key.slice('deliver:'.length));
  if (move) settleSending(move, record);
}

export const pendingDeliveries = (state: TillState) => [...state.deliveries.values()].filter((m) => m.state === 'pending').length;

export function deliverySender(ctx: SendContext, asMaker: <T>(userId: string, run: () => Promise<T>, options: { shipper: true }) => Promise<T>): Sender {
  const { state, tables, doc } = ctx;

  async function push(move: DeliveryMoveRecord): Promise<Outcome> {
    const key = deliveryKey(move.moveId);
    // With the credentials of whoever made the step while they are signed in here (AWS sees the
    // shipper's own narrow role make it); else anyone's, a shipper's too: every role may make
    // this write (infra/stack.ts), so a till with only another shipper on it still sends it.
    const asStaff = <T>(run: () => Promise<T>) => asMaker(move.by.userId, run, { shipper: true });
    try {
      await asStaff(() => doc.send(new UpdateCommand(deliveryUpdate(tables, move, ctx.now().toISOString()))));
    } catch (error) {
      const transient = ctx.transient(error);
      if (transient) return transient;
      let reason = `DynamoDB refused it: ${(error as Error).message}`;
      if (errorName(error) === 'ConditionalCheckFailedException') {
        const current = await asStaff(() => readDelivery(doc, tables, move.orderId));
        if (current?.delivery?.history.some((h) => h.at === move.at && h.by.userId === move.by.userId)) {
          // An earlier try landed.
          return markSent(ctx, key);
        }
        const why = current?.delivery ? deliveryMoveProblem(current.delivery, move.action, move.by, move.ticket) : null;
        reason = `${why ?? `${move.ticket} changed on another till.`} This till’s step, made offline, was left out.`;
      }
      return park(ctx, key, reason);
    }
    return markSent(ctx, key);
  }

  return {
    next() {
      for (const move of state.deliveries.values()) if (move.state === 'pending') return () => push(move);
      return null;
    },
  };
}
