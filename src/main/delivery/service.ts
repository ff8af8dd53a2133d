import { GetCommand, UpdateCommand, type DynamoDBDocumentClient, type UpdateCommandInput } from '@aws-sdk/lib-dynamodb';
import { DELIVERY_MOVES, deliveryMoveProblem, type DeliveryAction, type DeliveryChange, type DeliveryMoveRecord, type DeliveryTrip, type DeliveryView } from '../../shared/delivery';
import type { ShopSettings } from '../../shared/menu';
import { formatCents } from '../../shared/money';
import { businessDateOf, type Order } from '../../shared/orders';
import { AppError } from '../../shared/result';
import type { StaffSession } from '../auth/service';
import { queryAll } from '../data/client';
import { INDEX, type TableNames } from '../data/schema';
import { stampOf } from '../orders/stamp';
import { isNetworkError } from '../sync/connectivity';

/**
 * The shipper's side of a delivery order (src/shared/delivery.ts has the rules). A shipper reads
 * only these attributes of an order, and writes only `delivery` (with the version and change
 * stamp the boards refresh by): infra/stack.ts grants exactly these, so no lines, prices or
 * customer id ever reach a shipper's credentials.
 */
export const DELIVERY_READ_ATTRIBUTES = ['orderId', 'ticket', 'businessDate', 'createdAt', 'status', 'orderType', 'delivery', 'totalCents', 'version'] as const satisfies readonly (keyof Order)[];
export const DELIVERY_WRITE_ATTRIBUTES = ['delivery', 'orderType', 'version', 'updatedAt'] as const satisfies readonly (keyof Order)[];

const projection = {
  ProjectionExpression: DELIVERY_READ_ATTRIBUTES.map((a) => `#${a}`).join(', '),
  ExpressionAttributeNames: Object.fromEntries(DELIVERY_READ_ATTRIBUTES.map((a) => [`#${a}`, a])),
};

export type DeliveryItem = Pick<Order, (typeof DELIVERY_READ_ATTRIBUTES)[number]>;

/** `viewer`: who asks; their own trips are `mine` (names can repeat, ids can't). */
export function toDeliveryView(o: DeliveryItem, viewer: string): DeliveryView {
  const d = o.delivery!;
  const lastFail = d.history.findLast((h) => h.status === 'failed');
  return {
    orderId: o.orderId,
    ticket: o.ticket,
    createdAt: o.createdAt,
    kitchenStatus: o.status,
    totalCents: o.totalCents,
    name: d.name,
    phone: d.phone,
    address: d.address,
    ...(d.notes && { notes: d.notes }),
    status: d.status,
    ...(d.shipper && { shipper: { userId: d.shipper.userId, name: d.shipper.name } }),
    mine: d.shipper?.userId === viewer,
    payOnDelivery: d.payOnDelivery,
    ...(d.cashCollectedCents !== undefined && { cashCollectedCents: d.cashCollectedCents }),
    settled: d.settledAt !== undefined,
    ...(d.status === 'failed' && lastFail?.reason && { reason: lastFail.reason }),
  };
}

/**
 * One delivery step as a conditional update of the order's delivery map, the same online and from
 * the journal: only from where the shipper saw it, and past the claim only on their own trip. This
 * condition is what decides a claim made offline: when the journal sends it, DynamoDB lets it
 * through only if nobody claimed the order meanwhile; otherwise the earlier claim stands and ours is
 * parked with who has it (kinds/delivery.ts).
 */
export function deliveryUpdate(tables: TableNames, m: Pick<DeliveryMoveRecord, 'orderId' | 'action' | 'at' | 'by' | 'payOnDelivery' | 'reason' | 'cashCents'>, sentAt = m.at): UpdateCommandInput {
  const change: DeliveryChange = { status: DELIVERY_MOVES[m.action].to, at: m.at, by: m.by, ...(m.reason && { reason: m.reason }), ...(m.action === 'delivered' && m.cashCents !== undefined && { cashCents: m.cashCents }) };
  const sets = ['delivery.#dstatus = :to', 'delivery.history = list_append(delivery.history, :change)', '#version = #version + :one', '#updatedAt = :sent'];
  const values: Record<string, unknown> = { ':to': change.status, ':change': [change], ':one': 1, ':sent': sentAt, ':delivery': 'delivery' };
  if (m.action === 'claim') {
    sets.push('delivery.shipper = :me');
    values[':me'] = m.by;
  }
  if (m.action === 'delivered' && m.payOnDelivery) {
    sets.push('delivery.cashCollectedCents = :cash');
    values[':cash'] = m.cashCents;
  }
  const from = DELIVERY_MOVES[m.action].from;
  from.forEach((s, i) => (values[`:from${i}`] = s));
  let condition = `#orderType = :delivery AND delivery.#dstatus IN (${from.map((_, i) => `:from${i}`).join(', ')})`;
  if (m.action !== 'claim') {
    condition += ' AND delivery.shipper.userId = :uid';
    values[':uid'] = m.by.userId;
  }
  return {
    TableName: tables.Orders,
    Key: { orderId: m.orderId },
    UpdateExpression: `SET ${sets.join(', ')}`,
    ConditionExpression: condition,
    ExpressionAttributeNames: { '#dstatus': 'status', '#orderType': 'orderType', '#version': 'version', '#updatedAt': 'updatedAt' },
    ExpressionAttributeValues: values,
  };
}

const DAY_MS = 24 * 60 * 60 * 1000;

/** The business days a delivery's cash and trip can still be open on: yesterday's and today's. */
export function deliveryDays(at: Date): [string, string] {
  return [businessDateOf(new Date(at.getTime() - DAY_MS)), businessDateOf(at)];
}

/** Nothing left to do on this trip: delivered, and any cash collected handed in. */
const tripDone = (trip: Pick<DeliveryTrip, 'status' | 'settledAt'> & { payOnDelivery: boolean }): boolean =>
  trip.status === 'cancelled' || (trip.status === 'delivered' && (!trip.payOnDelivery || trip.settledAt !== undefined));

/** A shipper's read of one order: its delivery attributes only. */
export async function readDelivery(doc: DynamoDBDocumentClient, tables: TableNames, orderId: string): Promise<DeliveryItem | null> {
  const { Item } = await doc.send(new GetCommand({ TableName: tables.Orders, Key: { orderId }, ConsistentRead: true, ...projection }));
  return Item?.ticket ? (Item as DeliveryItem) : null;
}

/** The trip with this till's unsent steps on top: the shipper sees what they did, online or not. */
function withLocal(item: DeliveryItem, local: readonly DeliveryMoveRecord[]): DeliveryItem {
  let delivery = item.delivery!;
  for (const m of local) {
    if (m.orderId !== item.orderId) continue;
    const change: DeliveryChange = { status: DELIVERY_MOVES[m.action].to, at: m.at, by: m.by, ...(m.reason && { reason: m.reason }), ...(m.cashCents !== undefined && { cashCents: m.cashCents }) };
    delivery = {
      ...delivery,
      status: change.status,
      history: [...delivery.history, change],
      ...(m.action === 'claim' && { shipper: m.by }),
      ...(m.action === 'delivered' && m.cashCents !== undefined && { cashCollectedCents: m.cashCents }),
    };
  }
  return { ...item, delivery };
}

export interface DeliveryDeps {
  doc: DynamoDBDocumentClient;
  tables: TableNames;
  /** The till's journal: steps made while the cloud can't be reached wait there (kinds/delivery.ts). */
  sync: { deliveryMove(move: DeliveryMoveRecord): Promise<void>; localDeliveries(): (DeliveryMoveRecord & { state: string })[] };
  connectivity: { online: boolean };
  shop: () => Promise<Pick<ShopSettings, 'currency' | 'locale'>>;
  now?: () => Date;
}

export function createDeliveryService({ doc, tables, sync, connectivity, shop, now = () => new Date() }: DeliveryDeps) {
  /** The deliveries as the cloud last answered: what the screen shows (and moves) offline. */
  const known = new Map<string, DeliveryItem>();
  const unsent = () => sync.localDeliveries().filter((m) => m.state === 'pending');

  async function read(orderId: string): Promise<DeliveryItem> {
    const { Item } = await doc.send(new GetCommand({ TableName: tables.Orders, Key: { orderId }, ConsistentRead: true, ...projection }));
    if (!Item?.ticket) throw new AppError('NOT_FOUND', 'That order doesn’t exist. It may be on another day’s list.');
    if (Item.orderType !== 'delivery' || !Item.delivery) throw new AppError('VALIDATION', `${Item.ticket as string} isn’t a delivery order.`);
    known.set(orderId, Item as DeliveryItem);
    return withLocal(Item as DeliveryItem, unsent());
  }

  const sorted = (items: Iterable<DeliveryItem>, viewer: string) =>
    [...items]
      // A cancelled order stays listed only if a shipper had it: they are to stop, not wonder where it went.
      .filter((o) => o.delivery && (o.status !== 'cancelled' || o.delivery.shipper !== undefined))
      .toSorted((a, b) => a.createdAt.localeCompare(b.createdAt) || a.ticket.localeCompare(b.ticket))
      .map((o) => toDeliveryView(withLocal(o, unsent()), viewer));

  /** Checks a step the same way as online and journals it: sent, and decided, when the till is back. */
  async function moveOffline(orderId: string, action: DeliveryAction, session: StaffSession, extra: { reason?: string; cashCents?: number }): Promise<DeliveryView> {
    const seen = known.get(orderId);
    if (!seen) throw new AppError('OFFLINE', 'This till is offline and hasn’t seen that delivery yet. Try again once it is back online.');
    const current = withLocal(seen, unsent());
    const by = stampOf(session);
    const problem = deliveryMoveProblem(current.delivery!, action, by, current.ticket);
    if (problem) throw new AppError('CONFLICT', problem);
    if (action === 'delivered' && current.delivery!.payOnDelivery && (extra.cashCents ?? -1) < current.totalCents) {
      throw new AppError('VALIDATION', 'Enter the cash you collected: at least what is due.', { fields: [{ path: 'cashCents', message: 'Enter the cash collected.' }] });
    }
    const at = now().toISOString();
    await sync.deliveryMove({ moveId: `${orderId}@${at}`, orderId, ticket: current.ticket, action, at, by, payOnDelivery: current.delivery!.payOnDelivery, ...extra });
    return toDeliveryView(withLocal(seen, unsent()), session.sub);
  }

  return {
    /**
     * Today's delivery orders, oldest first, and yesterday's still on the road or with cash not yet
     * handed in: a trip rung at 23:40 is finished after midnight (each day through the date index, paged).
     */
    async list(viewer: string): Promise<DeliveryView[]> {
      if (!connectivity.online) return sorted(known.values(), viewer);
      let items: DeliveryItem[];
      try {
        const [yesterday, today] = await Promise.all(
          deliveryDays(now()).map((date) =>
            queryAll<DeliveryItem>(doc, {
              TableName: tables.Orders,
              IndexName: INDEX.ordersByDate,
              KeyConditionExpression: '#businessDate = :date',
              FilterExpression: '#orderType = :delivery',
              ...projection,
              ExpressionAttributeValues: { ':date': date, ':delivery': 'delivery' },
            }),
          ),
        );
        items = [...yesterday!.filter((o) => o.delivery && !tripDone(o.delivery)), ...today!];
      } catch (error) {
        if (isNetworkError(error)) return sorted(known.values(), viewer);
        throw error;
      }
      known.clear();
      for (const item of items) known.set(item.orderId, item);
      return sorted(items, viewer);
    },

    /**
     * One step of a trip. The write is conditional on the trip being where this shipper saw it
     * (and, past the claim, on being theirs): of two shippers claiming at once, DynamoDB lets one
     * through and the other is told who has it.
     */
    async move(orderId: string, action: DeliveryAction, session: StaffSession, extra: { reason?: string; cashCents?: number } = {}): Promise<DeliveryView> {
      if (action === 'failed' && !extra.reason) {
        throw new AppError('VALIDATION', 'Say why it couldn’t be delivered.', { fields: [{ path: 'reason', message: 'Say why it couldn’t be delivered.' }] });
      }
      // Offline (or this till's own steps still unsent on this order): journal it, like board moves.
      if (!connectivity.online || unsent().some((m) => m.orderId === orderId)) return moveOffline(orderId, action, session, extra);
      let current: DeliveryItem;
      try {
        current = await read(orderId);
      } catch (error) {
        if (isNetworkError(error)) return moveOffline(orderId, action, session, extra);
        throw error;
      }
      const by = stampOf(session);
      const trip = current.delivery!;
      const problem = deliveryMoveProblem(trip, action, by, current.ticket);
      if (problem) throw new AppError('CONFLICT', problem);
      if (action === 'claim' && current.status !== 'ready' && current.status !== 'completed') {
        throw new AppError('CONFLICT', `${current.ticket} isn’t ready to go out yet: the counter has it as ${current.status}.`);
      }
      if (action === 'failed' && !extra.reason) {
        throw new AppError('VALIDATION', 'Say why it couldn’t be delivered.', { fields: [{ path: 'reason', message: 'Say why it couldn’t be delivered.' }] });
      }
      if (action === 'delivered' && trip.payOnDelivery) {
        const { currency, locale } = await shop();
        const money = (c: number) => formatCents(c, currency, locale);
        if (extra.cashCents === undefined) {
          throw new AppError('VALIDATION', `Enter the cash you collected: ${money(current.totalCents)} is due.`, { fields: [{ path: 'cashCents', message: 'Enter the cash collected.' }] });
        }
        if (extra.cashCents < current.totalCents) {
          throw new AppError('VALIDATION', `${money(extra.cashCents)} is less than the ${money(current.totalCents)} due. Collect the rest, or mark it Couldn’t deliver.`, {
            fields: [{ path: 'cashCents', message: 'Less than is due.' }],
          });
        }
      }
      const at = now().toISOString();
      try {
        const { Attributes } = await doc.send(
          new UpdateCommand({
            ...deliveryUpdate(tables, { orderId, action, at, by, payOnDelivery: trip.payOnDelivery, ...extra }),
            // Only what the shipper may read comes back (ALL_NEW would be the whole order).
            ReturnValues: 'UPDATED_NEW',
          }),
        );
        const updated = Attributes as Partial<Order> | undefined;
        const after = { ...current, ...(updated?.delivery && { delivery: { ...trip, ...updated.delivery } }), version: updated?.version ?? current.version + 1 };
        known.set(orderId, after);
        return toDeliveryView(after, session.sub);
      } catch (error) {
        if (isNetworkError(error)) return moveOffline(orderId, action, session, extra);
        if ((error as { name?: string }).name !== 'ConditionalCheckFailedException') throw error;
        // Someone else got there first: say who, from the trip as it is now.
        const now = await read(orderId);
        throw new AppError('CONFLICT', deliveryMoveProblem(now.delivery!, action, by, now.ticket) ?? `${now.ticket} changed meanwhile. Look again.`);
      }
    },
  };
}

export type DeliveryService = ReturnType<typeof createDeliveryService>;
