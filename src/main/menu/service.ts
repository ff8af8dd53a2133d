import { GetCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { Category, Menu, Product, ShopSettings } from '../../shared/menu';
import { AppError } from '../../shared/result';
import { readOrLastKnown, type Connectivity } from '../sync/connectivity';
import type { Catalogue } from './catalogue';
import { menuPartition } from './menu-index';
import { settingsOf } from './settings';
import { CATEGORIES_ID, MENU_ACTIVE, SETTINGS_ID, type TableNames } from '../data/schema';

const PRODUCT_FIELDS = [
  'productId',
  'name',
  'description',
  'category',
  'priceCents',
  'scheduledPrice',
  'modifierGroups',
  'available',
  'favourite',
  'sortOrder',
  'version',
  'updatedAt',
  'updatedBy',
] as const;

function toProduct(item: Record<string, unknown>): Product {
  return Object.fromEntries(PRODUCT_FIELDS.filter((f) => item[f] !== undefined).map((f) => [f, item[f]])) as unknown as Product;
}

/** The active menu in register order: categories by their order, then each product's. */
function buildMenu(items: Record<string, unknown>[], categoriesItem: Record<string, unknown> | null): Menu {
  const categories = ((categoriesItem?.categories ?? []) as Category[]).toSorted((a, b) => a.sortOrder - b.sortOrder);
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
}

/**
 * The menu and settings the register shows. Read from the database when it can be reached (and
 * remembered in the till's catalogue); when it can't, the till shows the last-known copy and keeps
 * selling.
 */
export function createMenuService(doc: DynamoDBDocumentClient, tables: TableNames, catalogue?: Catalogue, connectivity?: Connectivity) {
  const NO_COPY = 'It has no saved copy of the menu yet; it needs to be online once.';

  return {
    settings(): Promise<ShopSettings> {
      return readOrLastKnown(
        connectivity,
        async () => {
          // Consistent: the owner's tools read settings right after writing them.
          const { Item } = await doc.send(new GetCommand({ TableName: tables.Products, Key: { productId: SETTINGS_ID }, ConsistentRead: true }));
          if (!Item) throw new AppError('NOT_FOUND', 'This shop has no settings yet. Ask your manager to finish setup.');
          catalogue?.remember([Item]);
          return settingsOf(Item);
        },
        () => {
          const item = catalogue?.lastKnown(SETTINGS_ID);
          return item ? settingsOf(item) : null;
        },
        NO_COPY,
      );
    },

    /** The active menu through the menu index (no Scan), categories in register order. */
    list(): Promise<Menu> {
      return readOrLastKnown(
        connectivity,
        async () => {
          const [items, categoriesItem] = await Promise.all([
            menuPartition<Record<string, unknown>>(doc, tables, MENU_ACTIVE),
            doc.send(new GetCommand({ TableName: tables.Products, Key: { productId: CATEGORIES_ID } })),
          ]);
          catalogue?.remember([...items, ...(categoriesItem.Item ? [categoriesItem.Item] : [])], true);
          return buildMenu(items, categoriesItem.Item ?? null);
        },
        () => {
          const items = catalogue?.lastKnownMenu() ?? [];
          return items.length > 0 ? buildMenu(items, catalogue?.lastKnown(CATEGORIES_ID) ?? null) : null;
        },
        NO_COPY,
      );
    },
  };
}
export type MenuService = ReturnType<typeof createMenuService>;
