import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import {
  GetCommand,
  ScanCommand,
  TransactWriteCommand,
  UpdateCommand,
  type DynamoDBDocumentClient,
  type ScanCommandOutput,
  type TransactWriteCommandInput,
} from '@aws-sdk/lib-dynamodb';
import { randomBytes } from 'node:crypto';
import type { AdminProduct, Category, PriceChange, Product, ProductDraft, ShopSettings } from '../../shared/menu';
import { formatCents } from '../../shared/money';
import { AppError } from '../../shared/result';
import { CATEGORIES_ID, MENU_ACTIVE, type TableNames } from '../data/schema';

type TransactItem = NonNullable<TransactWriteCommandInput['TransactItems']>[number];
type Stored = AdminProduct & { menuStatus?: string; menuSort?: string; archivedAt?: string };

/** Price history kept on the product: enough for any rollback a café would want. */
const HISTORY_LIMIT = 50;

/** A marker item per (category, name): two products can't share a name in one category. */
export const nameKey = (category: string, name: string) => `#NAME#${category.trim().toLowerCase()}#${name.trim().toLowerCase()}`;

function toAdmin(item: Stored): AdminProduct {
  return {
    productId: item.productId,
    name: item.name,
    description: item.description ?? '',
    category: item.category,
    priceCents: item.priceCents,
    ...(item.scheduledPrice && { scheduledPrice: item.scheduledPrice }),
    modifierGroups: item.modifierGroups ?? [],
    available: item.available,
    ...(item.favourite && { favourite: true }),
    sortOrder: item.sortOrder,
    version: item.version,
    updatedAt: item.updatedAt,
    updatedBy: item.updatedBy,
    archived: item.menuStatus !== MENU_ACTIVE,
    priceHistory: item.priceHistory ?? [],
  };
}

function slugify(name: string): string {
  const base = name
    .toLowerCase()
    .normalize('NFKD')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 40);
  return `${base || 'item'}-${randomBytes(3).toString('hex')}`;
}

function failedAt(error: unknown, index: number): boolean {
  return error instanceof TransactionCanceledException && error.CancellationReasons?.[index]?.Code === 'ConditionalCheckFailed';
}

export function createMenuAdmin({
  doc,
  tables,
  settings,
  now = () => new Date(),
}: {
  doc: DynamoDBDocumentClient;
  tables: TableNames;
  settings: () => Promise<ShopSettings>;
  now?: () => Date;
}) {
  async function stored(productId: string): Promise<Stored> {
    const { Item } = await doc.send(new GetCommand({ TableName: tables.Products, Key: { productId }, ConsistentRead: true }));
    if (!Item || productId.startsWith('#')) throw new AppError('NOT_FOUND', 'That product doesn’t exist.');
    return Item as Stored;
  }

  async function categories(): Promise<{ categories: Category[]; categoriesVersion: number }> {
    const { Item } = await doc.send(new GetCommand({ TableName: tables.Products, Key: { productId: CATEGORIES_ID }, ConsistentRead: true }));
    return {
      categories: ((Item?.categories ?? []) as Category[]).toSorted((a, b) => a.sortOrder - b.sortOrder),
      categoriesVersion: typeof Item?.version === 'number' ? Item.version : 0,
    };
  }

  async function allProducts(): Promise<Stored[]> {
    const items: Stored[] = [];
    let ExclusiveStartKey: Record<string, unknown> | undefined;
    do {
      const page: ScanCommandOutput = await doc.send(new ScanCommand({ TableName: tables.Products, ExclusiveStartKey, ConsistentRead: true }));
      items.push(...((page.Items ?? []) as Stored[]).filter((i) => !String(i.productId).startsWith('#')));
      ExclusiveStartKey = page.LastEvaluatedKey;
    } while (ExclusiveStartKey);
    return items;
  }

  /** Rules the schema can't know: the shop's price cap and its list of categories. */
  async function checkDraft(draft: ProductDraft): Promise<void> {
    const [shop, { categories: list }] = await Promise.all([settings(), categories()]);
    if (draft.priceCents > shop.priceCapCents) {
      throw new AppError('VALIDATION', `Prices over ${formatCents(shop.priceCapCents, shop.currency, shop.locale)} aren’t allowed. Check the price.`, {
        fields: [{ path: 'product.priceCents', message: 'Above the price cap.' }],
      });
    }
    if (!list.some((c) => c.name === draft.category)) {
      throw new AppError('VALIDATION', `“${draft.category}” isn’t a category. Choose one from the list.`, { fields: [{ path: 'product.category', message: 'Not a category.' }] });
    }
  }

  /** The product as it is now, for a manager whose save lost the race. */
  async function conflict(productId: string): Promise<never> {
    const current = toAdmin(await stored(productId));
    throw new AppError('CONFLICT', `Someone else changed ${current.name} while you were editing it. Review their changes.`, { existing: current });
  }

  function duplicateName(draft: Pick<ProductDraft, 'name' | 'category'>): AppError {
    return new AppError('CONFLICT', `There’s already a ${draft.name.trim()} in ${draft.category}.`, { fields: [{ path: 'product.name', message: 'Name already used in this category.' }] });
  }

  /** One versioned write of a product; `extra` items ride in the same transaction. */
  async function writeProduct(current: Stored, next: Stored, extra: TransactItem[] = []): Promise<AdminProduct> {
    try {
      await doc.send(
        new TransactWriteCommand({
          TransactItems: [
            { Put: { TableName: tables.Products, Item: next, ConditionExpression: '#v = :v', ExpressionAttributeNames: { '#v': 'version' }, ExpressionAttributeValues: { ':v': current.version } } },
            ...extra,
          ],
        }),
      );
    } catch (error) {
      if (failedAt(error, 0)) return conflict(current.productId);
      if (extra.some((_, i) => failedAt(error, i + 1))) throw duplicateName(next);
      throw error;
    }
    return toAdmin(next);
  }

  function stamp(actor: string) {
    return { updatedAt: now().toISOString(), updatedBy: actor };
  }

  function withHistory(current: Stored, change: Omit<PriceChange, 'at' | 'by'>, actor: string): PriceChange[] {
    return [...(current.priceHistory ?? []), { at: now().toISOString(), by: actor, ...change }].slice(-HISTORY_LIMIT);
  }

  async function editable(productId: string, expectedVersion: number): Promise<Stored> {
    const current = await stored(productId);
    if (current.menuStatus !== MENU_ACTIVE) throw new AppError('CONFLICT', `${current.name} is archived. Archived products can’t be changed.`);
    if (current.version !== expectedVersion) return conflict(productId);
    return current;
  }

  return {
    async list() {
      const [products, cats] = await Promise.all([allProducts(), categories()]);
      return { products: products.map(toAdmin).toSorted((a, b) => a.category.localeCompare(b.category) || a.sortOrder - b.sortOrder), ...cats };
    },

    async create(draft: ProductDraft, actor: string): Promise<AdminProduct> {
      await checkDraft(draft);
      const productId = slugify(draft.name);
      const item: Stored = {
        productId,
        ...draft,
        version: 1,
        ...stamp(actor),
        archived: false,
        priceHistory: [],
        menuStatus: MENU_ACTIVE,
        menuSort: String(draft.sortOrder).padStart(8, '0'),
      };
      delete (item as Partial<Stored>).archived;
      try {
        await doc.send(
          new TransactWriteCommand({
            TransactItems: [
              { Put: { TableName: tables.Products, Item: { productId: nameKey(draft.category, draft.name), owner: productId }, ConditionExpression: 'attribute_not_exists(productId)' } },
              { Put: { TableName: tables.Products, Item: item, ConditionExpression: 'attribute_not_exists(productId)' } },
            ],
          }),
        );
      } catch (error) {
        if (failedAt(error, 0)) throw duplicateName(draft);
        throw error;
      }
      return toAdmin(item);
    },

    async update(productId: string, expectedVersion: number, draft: ProductDraft, actor: string): Promise<AdminProduct> {
      await checkDraft(draft);
      const current = await editable(productId, expectedVersion);
      const next: Stored = {
        ...current,
        ...draft,
        version: current.version + 1,
        ...stamp(actor),
        menuSort: String(draft.sortOrder).padStart(8, '0'),
        priceHistory: draft.priceCents !== current.priceCents ? withHistory(current, { fromCents: current.priceCents, toCents: draft.priceCents, kind: 'edit' }, actor) : (current.priceHistory ?? []),
      };
      delete (next as Partial<Stored>).archived;
      const renamed = nameKey(current.category, current.name) !== nameKey(draft.category, draft.name);
      return writeProduct(
        current,
        next,
        renamed
          ? [
              { Put: { TableName: tables.Products, Item: { productId: nameKey(draft.category, draft.name), owner: productId }, ConditionExpression: 'attribute_not_exists(productId)' } },
              { Delete: { TableName: tables.Products, Key: { productId: nameKey(current.category, current.name) } } },
            ]
          : [],
      );
    },

    /** "86" an item, or bring it back: baristas may too, so it carries no version to match. */
    async setAvailable(productId: string, available: boolean, actor: string): Promise<Product> {
      try {
        const { Attributes } = await doc.send(
          new UpdateCommand({
            TableName: tables.Products,
            Key: { productId },
            UpdateExpression: 'SET available = :a, #v = #v + :one, updatedAt = :at, updatedBy = :by',
            ConditionExpression: 'menuStatus = :active',
            ExpressionAttributeNames: { '#v': 'version' },
            ExpressionAttributeValues: { ':a': available, ':one': 1, ':at': now().toISOString(), ':by': actor, ':active': MENU_ACTIVE },
            ReturnValues: 'ALL_NEW',
          }),
        );
        return toAdmin(Attributes as Stored);
      } catch (error) {
        if ((error as { name?: string }).name === 'ConditionalCheckFailedException') throw new AppError('NOT_FOUND', 'That product isn’t on the menu any more.');
        throw error;
      }
    },

    /** Off the menu for good; old orders keep their own copy of it. */
    async archive(productId: string, expectedVersion: number, actor: string): Promise<AdminProduct> {
      const current = await editable(productId, expectedVersion);
      const next: Stored = { ...current, version: current.version + 1, ...stamp(actor), archivedAt: now().toISOString() };
      delete next.menuStatus;
      delete next.menuSort;
      delete (next as Partial<Stored>).archived;
      return writeProduct(current, next, [{ Delete: { TableName: tables.Products, Key: { productId: nameKey(current.category, current.name) } } }]);
    },

    async rollbackPrice(productId: string, expectedVersion: number, toPriceCents: number, actor: string): Promise<AdminProduct> {
      const current = await editable(productId, expectedVersion);
      const known = (current.priceHistory ?? []).some((h) => h.fromCents === toPriceCents || h.toCents === toPriceCents);
      if (!known) throw new AppError('VALIDATION', 'That price isn’t in this product’s history.');
      if (toPriceCents === current.priceCents) throw new AppError('VALIDATION', `${current.name} already costs that.`);
      const next: Stored = {
        ...current,
        priceCents: toPriceCents,
        version: current.version + 1,
        ...stamp(actor),
        priceHistory: withHistory(current, { fromCents: current.priceCents, toCents: toPriceCents, kind: 'rollback' }, actor),
      };
      delete (next as Partial<Stored>).archived;
      return writeProduct(current, next);
    },

    async schedulePrice(productId: string, expectedVersion: number, schedule: { priceCents: number; effectiveAt: string } | null, actor: string): Promise<AdminProduct> {
      const current = await editable(productId, expectedVersion);
      const shop = await settings();
      let next: Stored;
      if (schedule) {
        if (Date.parse(schedule.effectiveAt) <= now().getTime()) {
          throw new AppError('VALIDATION', 'Choose a time in the future for the new price.', { fields: [{ path: 'schedule.effectiveAt', message: 'In the past.' }] });
        }
        if (schedule.priceCents > shop.priceCapCents) {
          throw new AppError('VALIDATION', `Prices over ${formatCents(shop.priceCapCents, shop.currency, shop.locale)} aren’t allowed. Check the price.`, { fields: [{ path: 'schedule.priceCents', message: 'Above the price cap.' }] });
        }
        next = {
          ...current,
          scheduledPrice: { ...schedule, effectiveAt: new Date(schedule.effectiveAt).toISOString(), setBy: actor },
          priceHistory: withHistory(current, { fromCents: current.priceCents, toCents: schedule.priceCents, kind: 'scheduled', effectiveAt: new Date(schedule.effectiveAt).toISOString() }, actor),
          version: current.version + 1,
          ...stamp(actor),
        };
      } else {
        if (!current.scheduledPrice) throw new AppError('VALIDATION', `${current.name} has no scheduled price to cancel.`);
        next = {
          ...current,
          priceHistory: withHistory(current, { fromCents: current.priceCents, toCents: current.scheduledPrice.priceCents, kind: 'schedule-cancelled', effectiveAt: current.scheduledPrice.effectiveAt }, actor),
          version: current.version + 1,
          ...stamp(actor),
        };
        delete next.scheduledPrice;
      }
      delete (next as Partial<Stored>).archived;
      return writeProduct(current, next);
    },

    async saveCategories(expectedVersion: number, list: Category[], actor: string) {
      const [products, { categories: before }] = await Promise.all([allProducts(), categories()]);
      const active = products.filter((p) => p.menuStatus === MENU_ACTIVE);
      for (const old of before) {
        const kept = list.find((c) => c.categoryId === old.categoryId);
        if (kept?.name === old.name) continue;
        const using = active.filter((p) => p.category === old.name).length;
        if (using > 0) {
          throw new AppError('VALIDATION', `${old.name} still has ${using} product${using === 1 ? '' : 's'}: move or archive ${using === 1 ? 'it' : 'them'} before ${kept ? 'renaming' : 'removing'} the category.`);
        }
      }
      const item = { productId: CATEGORIES_ID, categories: list, version: expectedVersion + 1, ...stamp(actor) };
      try {
        await doc.send(
          new TransactWriteCommand({
            TransactItems: [
              {
                Put: {
                  TableName: tables.Products,
                  Item: item,
                  ConditionExpression: expectedVersion === 0 ? 'attribute_not_exists(#v) OR #v = :v' : '#v = :v',
                  ExpressionAttributeNames: { '#v': 'version' },
                  ExpressionAttributeValues: { ':v': expectedVersion },
                },
              },
            ],
          }),
        );
      } catch (error) {
        if (failedAt(error, 0)) throw new AppError('CONFLICT', 'Someone else changed the categories. Look again and reapply.', { existing: await categories() });
        throw error;
      }
      return { categories: list.toSorted((a, b) => a.sortOrder - b.sortOrder), categoriesVersion: item.version };
    },
  };
}
export type MenuAdmin = ReturnType<typeof createMenuAdmin>;
