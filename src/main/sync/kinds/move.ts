import { GetCommand, UpdateCommand, type UpdateCommandInput } from '@aws-sdk/lib-dynamodb';
import { STATUS_LABEL, type Order, type OrderStatus, type StaffStamp } from '../../../shared/orders';
import type { TableNames } from '../../data/schema';
import type { JournalRecord } from '../journal';
import type { Entry, Move, TillState } from '../state';
import { errorName, markSent, park, type Outcome, type SendContext, type Sender } from './kind';

/**
 * A board move (Start, Ready, Complete) made on this till. Applied: the order moves on this till's
 * board at once. Sent after its order: one conditional update, only from where the mover saw it.
 * Refused for good: someone else moved the order on meanwhile; theirs stands and ours is dropped
 * with a note.
 */

/** A move's key in sync records: its order and when it was made. */
export const moveKey = (orderId: string, at: string) => `${orderId}@${at}`;
export const isMoveKey = (key: string) => key.includes('@');

/** Moves an order along the board, only from where the mover saw it; the same write online and from the journal. */
export function statusUpdate(tables: TableNames, orderId: string, from: OrderStatus, change: { status: OrderStatus; at: string; by: StaffStamp }, sentAt = change.at): UpdateCommandInput {
  return {
    TableName: tables.Orders,
    Key: { orderId },
    UpdateExpression: 'SET #status = :to, statusHistory = list_append(statusHistory, :change), version = version + :one, updatedAt = :sent',
    ConditionExpression: 'attribute_exists(ticket) AND #status = :from',
    ExpressionAttributeNames: { '#status': 'status' },
    ExpressionAttributeValues: { ':to': change.status, ':from': from, ':change': [change], ':one': 1, ':sent': sentAt },
  };
}

export function applyMove(state: TillState, record: Extract<JournalRecord, { t: 'status' }>): void {
  state.entries.get(record.id)?.moves.push({ from: record.from, to: record.to, at: record.at, by: record.by, state: 'pending' });
}

function findMove(state: TillState, key: string): Move | undefined {
  const at = key.indexOf('@');
  return state.entries.get(key.slice(0, at))?.moves.find((m) => m.at === key.slice(at + 1));
}

export function settleMove(state: TillState, key: string, record: Extract<JournalRecord, { t: 'synced' | 'parked' | 'retry' }>): void {
  const move = findMove(state, key);
  if (!move) return;
  if (record.t === 'synced') move.state = 'synced';
  else if (record.t === 'parked') move.state = 'skipped';
}

export const pendingMoves = (state: TillState) => [...state.entries.values()].filter((e) => e.state === 'synced').reduce((n, e) => n + e.moves.filter((m) => m.state === 'pending').length, 0);

export function moveSender(ctx: SendContext): Sender {
  const { state, tables, doc } = ctx;

  async function push(entry: Entry, move: Move): Promise<Outcome> {
    const { orderId, ticket } = entry.order;
    const key = moveKey(orderId, move.at);
    const change = { status: move.to, at: move.at, by: move.by };
    try {
      await ctx.asStaff(() => doc.send(new UpdateCommand(statusUpdate(tables, orderId, move.from, change, ctx.now().toISOString()))));
    } catch (error) {
      const transient = ctx.transient(error);
      if (transient) return transient;
      let reason = `DynamoDB refused it: ${(error as Error).message}`;
      if (errorName(error) === 'ConditionalCheckFailedException') {
        const { Item } = await ctx.asStaff(() => doc.send(new GetCommand({ TableName: tables.Orders, Key: { orderId }, ConsistentRead: true })));
        const current = Item as Order | undefined;
        if (current?.statusHistory.some((h) => h.at === move.at && h.status === move.to)) {
          // An earlier try landed.
          return markSent(ctx, key);
        }
        reason = `Ticket ${ticket} was already ${STATUS_LABEL[current?.status ?? move.from].toLowerCase()} on another till, so this till’s “${STATUS_LABEL[move.to]}” was left out.`;
      }
      return park(ctx, key, reason);
    }
    return markSent(ctx, key);
  }

  return {
    /** The first move whose order is in the cloud; a move waits for its order. */
    next() {
      for (const entry of state.entries.values()) {
        if (entry.state !== 'synced') continue;
        const move = entry.moves.find((m) => m.state === 'pending');
        if (move) return () => push(entry, move);
      }
      return null;
    },
  };
}
