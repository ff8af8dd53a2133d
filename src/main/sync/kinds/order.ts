import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { GetCommand, TransactWriteCommand, type TransactWriteCommandInput } from '@aws-sdk/lib-dynamodb';
import { createHash } from 'node:crypto';
import type { Order } from '../../../shared/orders';
import type { TableNames } from '../../data/schema';
import { pointsItems, type PointsChange } from '../../loyalty/service';
import type { JournalRecord } from '../journal';
import { raiseCounter, type Entry, type TillState } from '../state';
import { errorName, RETRYABLE, type Outcome, type SendContext, type Sender, type TransactItem } from './kind';

/**
 * The order placed on this till. Applied: it joins the till's orders and moves the day's ticket
 * counter. Sent: one Put (never twice: `attribute_not_exists`) with the points it earns or spends,
 * several orders to a transaction with the ticket counters moved up (never down). Refused for good:
 * a points part the cloud won't take (customer gone, balance spent) is parked apart and the sale
 * goes without it; data DynamoDB won't store parks the order.
 */

type OrderRecord = Extract<JournalRecord, { t: 'order' | 'void' | 'counter' }>;

/** DynamoDB's limit on one transaction; a group leaves room for two days' ticket counters (midnight). */
const MAX_ITEMS = 100;
/** Well under the 4 MB request limit, leaving room for the request's own wrapping. */
const MAX_GROUP_BYTES = 3_000_000;

export const counterKey = (terminalId: string, businessDate: string) => `#COUNTER#${terminalId}#${businessDate}`;

export function applyOrder(state: TillState, record: OrderRecord): void {
  switch (record.t) {
    case 'order':
      state.entries.set(record.order.orderId, { order: record.order, seq: record.seq, state: 'pending', moves: [] });
      raiseCounter(state, record.order.businessDate, record.seq);
      break;
    case 'void': {
      const entry = state.entries.get(record.id);
      if (entry) Object.assign(entry, { state: 'void', reason: record.reason });
      break;
    }
    case 'counter':
      raiseCounter(state, record.date, record.seq);
      break;
  }
}

/** A `synced`, `parked` or `retry` record naming an order id. */
export function settleOrder(state: TillState, id: string, record: Extract<JournalRecord, { t: 'synced' | 'parked' | 'retry' }>): void {
  const entry = state.entries.get(id);
  if (!entry) return;
  if (record.t === 'synced') {
    entry.state = 'synced';
    delete entry.reason;
  } else if (record.t === 'parked') {
    if (entry.state === 'pending') Object.assign(entry, { state: 'parked', reason: record.reason, parkedAt: record.at });
  } else if (entry.state === 'parked') entry.state = 'pending';
}

/** The points an order earns or spends, as one change to the customer's balance and ledger. */
export function pointsChangeOf(order: Order): PointsChange | null {
  if (!order.customerId || !(order.pointsEarned || order.pointsRedeemed)) return null;
  return {
    customerId: order.customerId,
    entries: [
      ...(order.pointsRedeemed ? [{ suffix: `${order.orderId}#R`, delta: -order.pointsRedeemed, reason: 'Redeemed reward', orderId: order.orderId, ticket: order.ticket }] : []),
      ...(order.pointsEarned ? [{ suffix: `${order.orderId}#E`, delta: order.pointsEarned, reason: 'Earned on order', orderId: order.orderId, ticket: order.ticket }] : []),
    ],
    actor: order.createdBy,
    at: order.createdAt,
    ...(order.pointsRedeemed && { atLeast: order.pointsRedeemed }),
  };
}

/**
 * Everything one order writes, built only from the journaled order so that every retry is
 * byte-identical: the order itself and, unless they were refused apart, its points in the same
 * transaction.
 */
export function orderItems(tables: TableNames, order: Order, withPoints = true): TransactItem[] {
  const items: TransactItem[] = [{ Put: { TableName: tables.Orders, Item: order, ConditionExpression: 'attribute_not_exists(orderId)' } }];
  const change = withPoints ? pointsChangeOf(order) : null;
  if (change) items.push(...pointsItems(tables, change));
  return items;
}

const itemsOf = (tables: TableNames, entry: Entry) => orderItems(tables, entry.order, !entry.points);

/** Why an order's points part was refused, for the manager who decides what to do. */
export function pointsReason(order: Order): string {
  const who = order.customerName ?? 'The customer';
  return order.pointsRedeemed
    ? `${who} didn’t have the ${order.pointsRedeemed} points for the reward any more when this order reached the cloud. The sale stands; adjust their points if needed, then try again.`
    : `${who}’s loyalty account wasn’t found, so the ${order.pointsEarned ?? 0} points earned couldn’t be added.`;
}

/** Each item's table and key, to keep two writes to one item out of one transaction. */
function itemKey(item: TransactItem): string {
  const op = item.Put ?? item.Update ?? item.Delete ?? item.ConditionCheck;
  if (!op) return '';
  const key = item.Put ? { orderId: item.Put.Item?.orderId, customerId: item.Put.Item?.customerId, entryId: item.Put.Item?.entryId, userId: item.Put.Item?.userId } : (op as { Key: Record<string, unknown> }).Key;
  return `${op.TableName}|${JSON.stringify(key)}`;
}

/** Well inside the half-minute a board's "what changed since" looks back (orders/service.ts). */
const RESTAMP_AFTER_MS = 15_000;

interface Group {
  entries: Entry[];
  /** Where each order's items start in the transaction. */
  starts: number[];
  items: TransactItem[];
  /** Bumped if DynamoDB ever says the token was used for another payload. */
  generation: number;
  /** When the group was first sent: stamped on its orders, kept for its retries so they stay byte-identical. */
  sentAt?: string;
}

/**
 * Orders carry when they reached the cloud (`updatedAt`), so a board reading what changed since
 * its last refresh sees an order that waited offline for an hour.
 */
function stampSent(items: TransactItem[], ordersTable: string, sentAt: string): TransactItem[] {
  return items.map((item) => (item.Put?.TableName === ordersTable && item.Put.Item?.ticket ? { Put: { ...item.Put, Item: { ...item.Put.Item, updatedAt: sentAt } } } : item));
}

export interface OrderSenderDeps {
  /** The highest ticket number known to be in the cloud's counter, per `terminal#date`. */
  cloudCounter: Map<string, number>;
  /** Orders whose checkout is still deciding on their reward: a refused redemption parks the whole order so the checkout can withdraw it. */
  held: ReadonlySet<string>;
  /** This till's id now (tickets rung under an earlier id keep theirs). */
  terminalId: () => string;
}

const cloudKey = (terminalId: string, date: string) => `${terminalId}#${date}`;

/**
 * Sends orders in the order they were rung up, several to a transaction (never two writes to one
 * item in one), one transaction at a time: a retry resends the same group with the same
 * ClientRequestToken, so within DynamoDB's 10-minute window it is a no-op if the first try landed;
 * after that, `attribute_not_exists` on the order id makes it recognisable as already there.
 */
export function orderSender(ctx: SendContext, { cloudCounter, held, terminalId }: OrderSenderDeps): Sender & { drained: () => number | null } {
  const { tables, state } = ctx;
  let sticky: Group | null = null;
  /** Orders sent since the current backlog started to go out. */
  let drained: number | null = null;

  function nextGroup(): Group | null {
    const group: Group = { entries: [], starts: [], items: [], generation: 0 };
    const keys = new Set<string>();
    let bytes = 0;
    for (const entry of state.entries.values()) {
      if (entry.state !== 'pending') continue;
      const items = itemsOf(tables, entry);
      const itemKeys = items.map(itemKey);
      const size = JSON.stringify(items).length;
      const fits = group.items.length + items.length <= MAX_ITEMS - 2 && bytes + size <= MAX_GROUP_BYTES && !itemKeys.some((k) => keys.has(k));
      if (!fits && group.entries.length > 0) break;
      group.starts.push(group.items.length);
      group.entries.push(entry);
      group.items.push(...items);
      itemKeys.forEach((k) => keys.add(k));
      bytes += size;
      if (!fits) break;
    }
    return group.entries.length > 0 ? group : null;
  }

  /** Each ticket counter the group moves up: only ever up, so a reinstalled or renamed till never sets one back. */
  function counterItems(group: Group): { key: string; terminalId: string; date: string; item: TransactItem }[] {
    const highest = new Map<string, { terminalId: string; date: string; seq: number }>();
    for (const { order, seq } of group.entries) {
      const key = cloudKey(order.terminalId, order.businessDate);
      highest.set(key, { terminalId: order.terminalId, date: order.businessDate, seq: Math.max(highest.get(key)?.seq ?? 0, seq) });
    }
    return [...highest]
      .filter(([key, { seq }]) => seq > (cloudCounter.get(key) ?? 0))
      .map(([key, { terminalId: id, date, seq }]) => ({
        key,
        terminalId: id,
        date,
        item: {
          Update: {
            TableName: tables.Orders,
            Key: { orderId: counterKey(id, date) },
            UpdateExpression: 'SET seq = :seq',
            ConditionExpression: 'attribute_not_exists(seq) OR seq < :seq',
            ExpressionAttributeValues: { ':seq': seq },
          },
        },
      }));
  }

  function transaction(group: Group, counters: ReturnType<typeof counterItems>): TransactWriteCommandInput {
    const at = ctx.now();
    // A first try made as the network went (or DynamoDB stopped) would stamp its orders with a time
    // long gone by the time they land, and boards ask for what changed in the last half-minute:
    // restamped, and sent under a new token (one that landed meanwhile is recognised by its id).
    if (group.sentAt && at.getTime() - Date.parse(group.sentAt) > RESTAMP_AFTER_MS) {
      group.sentAt = undefined;
      group.generation += 1;
    }
    const ids = group.entries.map((e) => `${e.order.orderId}${e.points ? '-' : ''}`).join(',');
    const token = createHash('sha256').update(`${ids}#${group.generation}`).digest('base64url').slice(0, 36);
    group.sentAt ??= at.toISOString();
    return { TransactItems: [...stampSent(group.items, tables.Orders, group.sentAt), ...counters.map((c) => c.item)], ClientRequestToken: token };
  }

  async function markSynced(entries: Entry[]): Promise<void> {
    if (entries.length === 0) return;
    // Not flushed: losing this marker only means the orders are sent again and recognised by their ids.
    await ctx.record({ t: 'synced', ids: entries.map((e) => e.order.orderId), at: ctx.now().toISOString() }, false);
    for (const { order, seq } of entries) {
      const key = cloudKey(order.terminalId, order.businessDate);
      cloudCounter.set(key, Math.max(cloudCounter.get(key) ?? 0, seq));
    }
    if (drained !== null) drained += entries.length;
  }

  async function park(id: string, ticket: string, reason: string): Promise<void> {
    ctx.log(`Ticket ${ticket} parked: ${reason}`);
    await ctx.record({ t: 'parked', id, reason, at: ctx.now().toISOString() });
  }

  /** The cloud's counter is ahead of ours (a reinstall, a renamed till): learn it, and number on above it. */
  async function counterAhead(counter: { key: string; terminalId: string; date: string }): Promise<void> {
    const { Item } = await ctx.asStaff(() => ctx.doc.send(new GetCommand({ TableName: tables.Orders, Key: { orderId: counterKey(counter.terminalId, counter.date) }, ConsistentRead: true })));
    const seq = typeof Item?.seq === 'number' ? Item.seq : 0;
    cloudCounter.set(counter.key, Math.max(cloudCounter.get(counter.key) ?? 0, seq));
    // Journaled, so a restart before the next sale still numbers above it.
    if (counter.terminalId === terminalId() && seq > (state.counters.get(counter.date) ?? 0)) await ctx.record({ t: 'counter', date: counter.date, seq });
  }

  async function push(group: Group): Promise<Outcome> {
    const counters = counterItems(group);
    try {
      await ctx.asStaff(() => ctx.doc.send(new TransactWriteCommand(transaction(group, counters))));
      sticky = null;
      await markSynced(group.entries);
      return 'next';
    } catch (error) {
      const transient = ctx.transient(error);
      if (transient) return transient;
      const name = errorName(error);
      if (error instanceof TransactionCanceledException) {
        const reasons = error.CancellationReasons ?? [];
        const code = (i: number) => reasons[i]?.Code ?? 'None';
        const synced: Entry[] = [];
        let definitive = false;
        for (const [index, entry] of group.entries.entries()) {
          const start = group.starts[index]!;
          const end = group.starts[index + 1] ?? group.items.length;
          const codes = Array.from({ length: end - start }, (_, i) => code(start + i));
          if (codes[0] === 'ConditionalCheckFailed') {
            // Our own order id is already there: an earlier try landed.
            synced.push(entry);
            definitive = true;
          } else if (codes.includes('ConditionalCheckFailed')) {
            const { orderId, ticket } = entry.order;
            // The points part was refused: the sale still goes to the cloud, its points wait for a manager.
            if (held.has(orderId)) await park(orderId, ticket, pointsReason(entry.order));
            else await park(`${orderId}#points`, ticket, pointsReason(entry.order));
            definitive = true;
          } else if (codes.includes('ValidationError')) {
            await park(entry.order.orderId, entry.order.ticket, `DynamoDB refused this order: ${reasons[start + codes.indexOf('ValidationError')]?.Message ?? 'invalid data'}.`);
            definitive = true;
          }
        }
        const ahead = counters.filter((_, i) => code(group.items.length + i) === 'ConditionalCheckFailed');
        for (const counter of ahead) await counterAhead(counter);
        if (definitive || ahead.length > 0) {
          sticky = null;
          await markSynced(synced);
          return 'next';
        }
        if (reasons.some((r) => RETRYABLE.has(r.Code ?? ''))) return ctx.retryBecause('The database is busy; trying again shortly.');
      } else if (name === 'IdempotentParameterMismatchException') {
        group.generation += 1;
        return 'next';
      }
      if (group.entries.length > 1) {
        // Something about one order: send them one at a time to find which.
        const first = group.entries[0]!;
        sticky = { entries: [first], starts: [0], items: itemsOf(tables, first), generation: 0 };
        return 'next';
      }
      sticky = null;
      const only = group.entries[0]!;
      await park(only.order.orderId, only.order.ticket, `DynamoDB refused this order: ${(error as Error).message ?? name}`);
      return 'next';
    }
  }

  return {
    next() {
      const group = sticky ?? nextGroup();
      if (!group) return null;
      return () => {
        sticky = group;
        drained ??= 0;
        return push(group);
      };
    },
    idle() {
      drained = null;
    },
    drained: () => drained,
  };
}
