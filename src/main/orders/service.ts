import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { businessDateOf, type OrderSummary } from '../../shared/orders';
import { queryAll } from '../data/client';
import { INDEX, type TableNames } from '../data/schema';

interface StoredOrder {
  orderId: string;
  ticket: string;
  status: OrderSummary['status'];
  totalCents: number;
  lines?: { quantity: number }[];
  customerName?: string;
  createdAt: string;
  createdBy: string;
}

export function createOrdersService(doc: DynamoDBDocumentClient, tables: TableNames, now: () => Date = () => new Date()) {
  return {
    /** One business day's orders, oldest first, for the order board. */
    async board(businessDate = businessDateOf(now())): Promise<OrderSummary[]> {
      const orders = await queryAll<StoredOrder>(doc, {
        TableName: tables.Orders,
        IndexName: INDEX.ordersByDate,
        KeyConditionExpression: 'businessDate = :date',
        ExpressionAttributeValues: { ':date': businessDate },
      });
      return orders.map((o) => ({
        orderId: o.orderId,
        ticket: o.ticket,
        status: o.status,
        totalCents: o.totalCents,
        itemCount: (o.lines ?? []).reduce((sum, line) => sum + line.quantity, 0),
        ...(o.customerName && { customerName: o.customerName }),
        createdAt: o.createdAt,
        createdBy: o.createdBy,
      }));
    },
  };
}
export type OrdersService = ReturnType<typeof createOrdersService>;
