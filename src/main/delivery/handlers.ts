import { UpdateCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { Channel } from '../../shared/contract';
import type { Order } from '../../shared/orders';
import { handInCents, shipperCash } from '../../shared/delivery';
import { AppError } from '../../shared/result';
import { queryAll } from '../data/client';
import { INDEX, type TableNames } from '../data/schema';
import type { HandlerContext, Handlers } from '../ipc/router';
import type { ShiftService } from '../shifts/service';
import { deliveryDays, type DeliveryService } from './service';

export type DeliveryChannel = Extract<Channel, `delivery.${string}`>;

function staff(ctx: HandlerContext) {
  if (!ctx.session) throw new AppError('UNAUTHENTICATED', 'Please sign in first.');
  return ctx.session;
}

export interface DeliveryHandlerDeps {
  delivery: DeliveryService;
  shifts: ShiftService;
  doc: DynamoDBDocumentClient;
  tables: TableNames;
  now?: () => Date;
}

export function createDeliveryHandlers({ delivery, shifts, doc, tables, now = () => new Date() }: DeliveryHandlerDeps): Pick<Handlers, DeliveryChannel> {
  /**
   * A shipper hands in the cash-on-delivery money of today and yesterday at this till: an order rung
   * at 23:40 and delivered at 00:15 is still theirs to hand in (older cash is on the manager's
   * report of that day). Each order is marked settled first, conditionally (a second hand-in of the
   * same orders finds nothing to settle), then the total goes into the drawer as one pay-in through
   * the shift's own journal record, so the drawer's expected cash and the X/Z count it like any
   * other pay-in.
   */
  const recent = async () => {
    const perDay = await Promise.all(
      deliveryDays(now()).map((day) =>
        queryAll<Order>(doc, { TableName: tables.Orders, IndexName: INDEX.ordersByDate, KeyConditionExpression: 'businessDate = :date', ExpressionAttributeValues: { ':date': day } }),
      ),
    );
    return perDay.flat();
  };

  async function settle(shipperId: string, ctx: HandlerContext) {
    const session = staff(ctx);
    const at = now().toISOString();
    const orders = await recent();
    const owed = orders.filter((o) => o.delivery?.payOnDelivery && o.delivery.status === 'delivered' && o.delivery.shipper?.userId === shipperId && !o.delivery.settledAt);
    if (owed.length === 0) throw new AppError('NOT_FOUND', 'That shipper has no cash on delivery left to hand in.');
    const current = await shifts.current();
    if (!current.open) throw new AppError('CONFLICT', 'Open a shift on this till first: the cash goes into its drawer.');
    const shiftId = current.open.shiftId;
    const settled: Order[] = [];
    for (const o of owed) {
      try {
        await doc.send(
          new UpdateCommand({
            TableName: tables.Orders,
            Key: { orderId: o.orderId },
            UpdateExpression: 'SET delivery.settledAt = :at, delivery.settledShiftId = :shift, version = version + :one, updatedAt = :at',
            ConditionExpression: 'attribute_not_exists(delivery.settledAt)',
            ExpressionAttributeValues: { ':at': at, ':shift': shiftId, ':one': 1 },
          }),
        );
        settled.push(o);
      } catch (error) {
        if ((error as { name?: string }).name !== 'ConditionalCheckFailedException') throw error;
      }
    }
    if (settled.length === 0) throw new AppError('CONFLICT', 'That cash was just handed in at another till.');
    const cents = settled.reduce((sum, o) => sum + handInCents(o), 0);
    const tickets = settled.map((o) => o.ticket);
    const name = settled[0]!.delivery!.shipper!.name;
    let report;
    try {
      report = await shifts.movement({ kind: 'payIn', amountCents: cents, reason: `Cash on delivery from ${name}: ${tickets.join(', ')}` }, session);
    } catch (error) {
      // No drawer took the cash (the shift closed meanwhile, the journal refused the pay-in): the
      // orders are owed again rather than settled into nothing, and the shipper still has it to hand in.
      await Promise.all(
        settled.map((o) =>
          doc.send(
            new UpdateCommand({
              TableName: tables.Orders,
              Key: { orderId: o.orderId },
              UpdateExpression: 'REMOVE delivery.settledAt, delivery.settledShiftId SET version = version + :one, updatedAt = :now',
              ConditionExpression: 'delivery.settledAt = :at AND delivery.settledShiftId = :shift',
              ExpressionAttributeValues: { ':at': at, ':shift': shiftId, ':one': 1, ':now': now().toISOString() },
            }),
          ),
        ),
      );
      throw error;
    }
    return { settledCents: cents, tickets, report };
  }

  return {
    'delivery.list': (_input, ctx) => delivery.list(staff(ctx).sub),
    'delivery.move': ({ orderId, action, reason, cashCents }, ctx) =>
      delivery.move(orderId, action, staff(ctx), { ...(reason && { reason }), ...(cashCents !== undefined && { cashCents }) }),
    'delivery.settle': ({ shipperId }, ctx) => settle(shipperId, ctx),
    'delivery.owed': async () => shipperCash(await recent()).filter((r) => r.owedCents > 0),
  };
}
