import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { Order } from '../../shared/orders';
import { queryAll } from '../data/client';
import { INDEX, type TableNames } from '../data/schema';
import { isNetworkError, type Connectivity } from '../sync/connectivity';

/**
 * A shift's orders as the cloud has them now, refunds made on any till included; null when the
 * cloud can't be asked (the X and Z then use this till's copies). Through the date index, paged,
 * for each business day the shift ran over: never a Scan.
 */
export function cloudShiftOrders(doc: DynamoDBDocumentClient, tables: TableNames, connectivity: Connectivity) {
  return async (shiftId: string, businessDates: readonly string[]): Promise<Order[] | null> => {
    if (!connectivity.online) return null;
    try {
      const days = await Promise.all(
        [...new Set(businessDates)].map((date) =>
          queryAll<Order>(doc, {
            TableName: tables.Orders,
            IndexName: INDEX.ordersByDate,
            KeyConditionExpression: 'businessDate = :date',
            FilterExpression: 'shiftId = :shift',
            ExpressionAttributeValues: { ':date': date, ':shift': shiftId },
          }),
        ),
      );
      return days.flat();
    } catch (error) {
      if (isNetworkError(error)) return null;
      throw error;
    }
  };
}
