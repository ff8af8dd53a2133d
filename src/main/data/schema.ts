import type { CreateTableCommandInput } from '@aws-sdk/client-dynamodb';

/**
 * The one definition of the tables: local provisioning creates them from this, the cloud stack is
 * generated from it, and the services take their names from it.
 */
export const TABLE_KEYS = ['Users', 'Products', 'Orders', 'Points', 'Shifts', 'Timecards'] as const;
export type TableKey = (typeof TABLE_KEYS)[number];
export type TableNames = Record<TableKey, string>;

export const INDEX = {
  usersByEmail: 'email-index',
  usersByPhone: 'phone-index',
  activeMenu: 'menu-index',
  ordersByDate: 'businessDate-createdAt-index',
  ordersByCustomer: 'customerId-createdAt-index',
  /** What changed on a day since a moment: the board's refresh reads only that. */
  ordersByChange: 'businessDate-updatedAt-index',
  /**
   * A day's shifts: partition `<store>#<businessDate>` (room for a chain's other cafés), sorted by
   * `<terminalId>#<openedAt>` so one till's shifts are a begins_with. Only opening items carry them.
   */
  shiftsByDay: 'storeDate-tillOpenedAt-index',
} as const;

/**
 * Every product carries one of these in `menuStatus`, the menu index's partition: the register
 * reads the ACTIVE partition, the manager's editor both, and nobody needs a Scan.
 */
export const MENU_ACTIVE = 'ACTIVE';
export const MENU_ARCHIVED = 'ARCHIVED';

type AttrType = 'S' | 'N';
interface IndexDef {
  name: string;
  hash: string;
  range?: string;
}
export interface TableDef {
  hash: string;
  range?: string;
  attributes: Record<string, AttrType>;
  indexes: IndexDef[];
}

export const TABLES: Record<TableKey, TableDef> = {
  Users: {
    hash: 'userId',
    attributes: { userId: 'S', email: 'S', phone: 'S' },
    indexes: [
      { name: INDEX.usersByEmail, hash: 'email' },
      { name: INDEX.usersByPhone, hash: 'phone' },
    ],
  },
  Products: {
    hash: 'productId',
    attributes: { productId: 'S', menuStatus: 'S', menuSort: 'S' },
    indexes: [{ name: INDEX.activeMenu, hash: 'menuStatus', range: 'menuSort' }],
  },
  Orders: {
    hash: 'orderId',
    attributes: { orderId: 'S', businessDate: 'S', createdAt: 'S', customerId: 'S', updatedAt: 'S' },
    indexes: [
      { name: INDEX.ordersByDate, hash: 'businessDate', range: 'createdAt' },
      { name: INDEX.ordersByCustomer, hash: 'customerId', range: 'createdAt' },
      { name: INDEX.ordersByChange, hash: 'businessDate', range: 'updatedAt' },
    ],
  },
  Points: {
    hash: 'customerId',
    range: 'entryId',
    attributes: { customerId: 'S', entryId: 'S' },
    indexes: [],
  },
  /**
   * A till's shifts and drawers: per shift, an `OPEN` item (float), one `M#<at>#<id>` item per
   * pay-in, pay-out, drop, no-sale or cash refund, and a `CLOSE` item (count, Z). Each is written
   * once and never updated: expected cash is derived from them, never kept as a counter.
   */
  Shifts: {
    hash: 'shiftId',
    range: 'entryId',
    attributes: { shiftId: 'S', entryId: 'S', storeDate: 'S', tillOpenedAt: 'S' },
    indexes: [{ name: INDEX.shiftsByDay, hash: 'storeDate', range: 'tillOpenedAt' }],
  },
  /**
   * The time clock: one partition per work day (`<store>#<date>`, room for a chain's other cafés),
   * so a manager's range is one paged Query per day and never a Scan. In it, per person, punch items
   * `<userId>#P#<at>#<id>` (written once by the till's journal) and a manager's corrections
   * `<userId>#E#<at>#<id>` (old time, new time, reason, who): a punch is never overwritten.
   */
  Timecards: {
    hash: 'storeDate',
    range: 'entryId',
    attributes: { storeDate: 'S', entryId: 'S' },
    indexes: [],
  },
};

export function tableNames(prefix: string): TableNames {
  return Object.fromEntries(TABLE_KEYS.map((key) => [key, `${prefix}-${key}`])) as TableNames;
}

export function createTableInput(key: TableKey, name: string): CreateTableCommandInput {
  const def = TABLES[key];
  const keySchema = (hash: string, range?: string) => [
    { AttributeName: hash, KeyType: 'HASH' as const },
    ...(range ? [{ AttributeName: range, KeyType: 'RANGE' as const }] : []),
  ];
  return {
    TableName: name,
    BillingMode: 'PAY_PER_REQUEST',
    AttributeDefinitions: Object.entries(def.attributes).map(([AttributeName, AttributeType]) => ({
      AttributeName,
      AttributeType,
    })),
    KeySchema: keySchema(def.hash, def.range),
    ...(def.indexes.length > 0 && {
      GlobalSecondaryIndexes: def.indexes.map((index) => ({
        IndexName: index.name,
        KeySchema: keySchema(index.hash, index.range),
        Projection: { ProjectionType: 'ALL' },
      })),
    }),
  };
}

/** Items in the Products table that are not products. */
export const SETTINGS_ID = '#SETTINGS';
export const CATEGORIES_ID = '#CATEGORIES';
