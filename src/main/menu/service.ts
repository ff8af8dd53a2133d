import { GetCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { Category, Menu, Product, ShopSettings } from '../../shared/menu';
import { AppError } from '../../shared/result';
import { queryAll } from '../data/client';
import { CATEGORIES_ID, INDEX, MENU_ACTIVE, SETTINGS_ID, type TableNames } from '../data/schema';

const PRODUCT_FIELDS = [
  'productId',
  'name',
  'description',
  'category',
  'priceCents',
  'scheduledPrice',
  'modifierGroups',
  'available',
  'sortOrder',
  'version',
  'updatedAt',
  'updatedBy',
] as const;

function toProduct(item: Record<string, unknown>): Product {
  return Object.fromEntries(PRODUCT_FIELDS.filter((f) => item[f] !== undefined).map((f) => [f, item[f]])) as unknown as Product;
}

export function createMenuService(doc: DynamoDBDocumentClient, tables: TableNames) {
  return {
    async settings(): Promise<ShopSettings> {
      // Consistent: the owner's tools read settings right after writing them.
      const { Item } = await doc.send(new GetCommand({ TableName: tables.Products, Key: { productId: SETTINGS_ID }, ConsistentRead: true }));
      if (!Item) throw new AppError('NOT_FOUND', 'This shop has no settings yet. Ask your manager to finish setup.');
      const { productId: _id, updatedAt: _at, ...settings } = Item;
      return settings as ShopSettings;
    },

    /** The active menu through the sparse index (no Scan), categories in register order. */
    async list(): Promise<Menu> {
      const [items, categoriesItem] = await Promise.all([
        queryAll<Record<string, unknown>>(doc, {
          TableName: tables.Products,
          IndexName: INDEX.activeMenu,
          KeyConditionExpression: 'menuStatus = :active',
          ExpressionAttributeValues: { ':active': MENU_ACTIVE },
        }),
        doc.send(new GetCommand({ TableName: tables.Products, Key: { productId: CATEGORIES_ID } })),
      ]);
      const categories = ((categoriesItem.Item?.categories ?? []) as Category[]).toSorted((a, b) => a.sortOrder - b.sortOrder);
      const rank = new Map(categories.map((c, i) => [c.name, i]));
      const products = items
        .map(toProduct)
        .toSorted(
          (a, b) =>
            (rank.get(a.category) ?? Infinity) - (rank.get(b.category) ?? Infinity) ||
            a.sortOrder - b.sortOrder ||
            a.name.localeCompare(b.name),
        );
      return { categories, products };
    },
  };
}
export type MenuService = ReturnType<typeof createMenuService>;
