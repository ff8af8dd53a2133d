import { GetCommand, UpdateCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { DELIVERY_MOVES, deliveryMoveProblem, type DeliveryAction, type DeliveryChange, type DeliveryView } from '../../shared/delivery';
import type { ShopSettings } from '../../shared/menu';
import { formatCents } from '../../shared/money';
import { businessDateOf, type Order } from '../../shared/orders';
import { AppError } from '../../shared/result';
import type { StaffSession } from '../auth/service';
import { queryAll } from '../data/client';
import { INDEX, type TableNames } from '../data/schema';
import { stampOf } from '../orders/stamp';

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

type DeliveryItem = Pick<Order, (typeof DELIVERY_READ_ATTRIBUTES)[number]>;

export function toDeliveryView(o: DeliveryItem): DeliveryView {
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
    payOnDelivery: d.payOnDelivery,
    ...(d.cashCollectedCents !== undefined && { cashCollectedCents: d.cashCollectedCents }),
    settled: d.settledAt !== undefined,
    ...(d.status === 'failed' && lastFail?.reason && { reason: lastFail.reason }),
  };
}

export interface DeliveryDeps {
  doc: DynamoDBDocumentClient;
  tables: TableNames;
  shop: () => Promise<Pick<ShopSettings, 'currency' | 'locale'>>;
  now?: () => Date;
}

export function createDeliveryService({ doc, tables, shop, now = () => new Date() }: DeliveryDeps) {
  async function read(orderId: string): Promise<DeliveryItem> {
    const { Item } = await doc.send(new GetCommand({ TableName: tables.Orders, Key: { orderId }, ConsistentRead: true, ...projection }));
    if (!Item?.ticket) throw new AppError('NOT_FOUND', 'That order doesn’t exist. It may be on another day’s list.');
    if (Item.orderType !== 'delivery' || !Item.delivery) throw new AppError('VALIDATION', `${Item.ticket as string} isn’t a delivery order.`);
    return Item as DeliveryItem;
  }

  return {
    /** Today's delivery orders, oldest first (one business day through the date index, paged). */
    async list(businessDate = businessDateOf(now())): Promise<DeliveryView[]> {
      const items = await queryAll<DeliveryItem>(doc, {
        TableName: tables.Orders,
        IndexName: INDEX.ordersByDate,
        KeyConditionExpression: '#businessDate = :date',
        FilterExpression: '#orderType = :delivery',
        ...projection,
        ExpressionAttributeValues: { ':date': businessDate, ':delivery': 'delivery' },
      });
      return items
        .filter((o) => o.delivery && o.status !== 'cancelled')
        .toSorted((a, b) => a.createdAt.localeCompare(b.createdAt) || a.ticket.localeCompare(b.ticket))
        .map(toDeliveryView);
    },

    /**
     * One step of a trip. The write is conditional on the trip being where this shipper saw it
     * (and, past the claim, on being theirs): of two shippers claiming at once, DynamoDB lets one
     * through and the other is told who has it.
     */
    async move(orderId: string, action: DeliveryAction, session: StaffSession, extra: { reason?: string; cashCents?: number } = {}): Promise<DeliveryView> {
      const current = await read(orderId);
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
      const change: DeliveryChange = { status: DELIVERY_MOVES[action].to, at, by, ...(extra.reason && { reason: extra.reason }), ...(action === 'delivered' && extra.cashCents !== undefined && { cashCents: extra.cashCents }) };
      const sets = ['delivery.#dstatus = :to', 'delivery.history = list_append(delivery.history, :change)', '#version = #version + :one', '#updatedAt = :at'];
      const values: Record<string, unknown> = { ':to': change.status, ':change': [change], ':one': 1, ':at': at, ':delivery': 'delivery' };
      if (action === 'claim') {
        sets.push('delivery.shipper = :me');
        values[':me'] = by;
      }
      if (action === 'delivered' && trip.payOnDelivery) {
        sets.push('delivery.cashCollectedCents = :cash');
        values[':cash'] = extra.cashCents;
      }
      const from = DELIVERY_MOVES[action].from;
      from.forEach((s, i) => (values[`:from${i}`] = s));
      let condition = `#orderType = :delivery AND delivery.#dstatus IN (${from.map((_, i) => `:from${i}`).join(', ')})`;
      if (action !== 'claim') {
        condition += ' AND delivery.shipper.userId = :uid';
        values[':uid'] = by.userId;
      }
      try {
        const { Attributes } = await doc.send(
          new UpdateCommand({
            TableName: tables.Orders,
            Key: { orderId },
            UpdateExpression: `SET ${sets.join(', ')}`,
            ConditionExpression: condition,
            ExpressionAttributeNames: { '#dstatus': 'status', '#orderType': 'orderType', '#version': 'version', '#updatedAt': 'updatedAt' },
            ExpressionAttributeValues: values,
            // Only what the shipper may read comes back (ALL_NEW would be the whole order).
            ReturnValues: 'UPDATED_NEW',
          }),
        );
        const updated = Attributes as Partial<Order> | undefined;
        return toDeliveryView({ ...current, ...(updated?.delivery && { delivery: { ...trip, ...updated.delivery } }), version: updated?.version ?? current.version + 1 });
      } catch (error) {
        if ((error as { name?: string }).name !== 'ConditionalCheckFailedException') throw error;
        // Someone else got there first: say who, from the trip as it is now.
        const now = await read(orderId);
        throw new AppError('CONFLICT', deliveryMoveProblem(now.delivery!, action, by, now.ticket) ?? `${now.ticket} changed meanwhile. Look again.`);
      }
    },
  };
}

export type DeliveryService = ReturnType<typeof createDeliveryService>;
