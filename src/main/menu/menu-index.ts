import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { queryAll } from '../data/client';
import { INDEX, type MENU_ACTIVE, type MENU_ARCHIVED, type TableNames } from '../data/schema';

/** One partition of the menu index, every page: the register's menu, or the editor's archive. */
export function menuPartition<T>(doc: DynamoDBDocumentClient, tables: TableNames, status: typeof MENU_ACTIVE | typeof MENU_ARCHIVED): Promise<T[]> {
  return queryAll<T>(doc, {
    TableName: tables.Products,
    IndexName: INDEX.activeMenu,
    KeyConditionExpression: 'menuStatus = :status',
    ExpressionAttributeValues: { ':status': status },
  });
}
