import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { GetCommand, TransactWriteCommand, UpdateCommand, type DynamoDBDocumentClient, type TransactWriteCommandInput } from '@aws-sdk/lib-dynamodb';
import { randomBytes } from 'node:crypto';
import { atTime, unitPriceRange, type AdminProduct, type Category, type PriceChange, type Product, type ProductDraft, type ShopSettings } from '../../shared/menu';
import { formatCents } from '../../shared/money';
import { AppError } from '../../shared/result';
import { CATEGORIES_ID, MENU_ACTIVE, MENU_ARCHIVED, type TableNames } from '../data/schema';
import { menuPartition } from './menu-index';

type TransactItem = NonNullable<TransactWriteCommandInput['TransactItems']>[number];
type Stored = AdminProduct & { menuStatus?: string; menuSort?: string; archivedAt?: string };

/** Price history kept on the product: enough for any rollback a café would want. */
const HISTORY_LIMIT = 50;

/**
 * How long this till overlays its own product writes on the menu index, which lags the table by
 * up to a second or so: long enough that a manager never sees a save undone, short enough that
 * another till's later edit (a higher version) still wins once the index has it.
 */
const OWN_WRITES_MS = 60_000;

/** A marker item per (category, name): two products can't share a name in one category. */
export const nameKey = (category: string, name: string) => `#NAME#${category.trim().toLowerCase()}#${name.trim().toLowerCase()}`;

/**
 * Claiming a name succeeds on a marker nobody owns: never written, or released by a rename or an
 * archive. Released rather than deleted, so the manager's role needs no DeleteItem at all.
 */
function claimName(table: string, category: string, name: string, productId: string): TransactItem {
  return {
    Put: {
      TableName: table,
      Item: { productId: nameKey(category, name), owner: productId },
      ConditionExpression: 'attribute_not_exists(productId) OR attribute_not_exists(#owner)',
      ExpressionAttributeNames: { '#owner': 'owner' },
    },
  };
}
function releaseName(table: string, category: string, name: string): TransactItem {
  return { Update: { TableName: table, Key: { productId: nameKey(category, name) }, UpdateExpression: 'REMOVE #owner', ExpressionAttributeNames: { '#owner': 'owner' } } };
}

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

  /** Products this till wrote lately, by id: the menu index may not show them yet. */
  const ownWrites = new Map<string, { item: Stored; at: number }>();
  function wrote(item: Stored): void {
    const at = now().getTime();
    for (const [id, w] of ownWrites) if (at - w.at > OWN_WRITES_MS) ownWrites.delete(id);
    ownWrites.set(item.productId, { item, at });
  }

  /** Every product, on the menu or archived, through the menu index: Query, never Scan. */
  async function allProducts(): Promise<Stored[]> {
    const [active, archived] = await Promise.all([menuPartition<Stored>(doc, tables, MENU_ACTIVE), menuPartition<Stored>(doc, tables, MENU_ARCHIVED)]);
    const byId = new Map([...active, ...archived].map((p) => [p.productId, p]));
    const at = now().getTime();
    for (const [id, { item, at: wroteAt }] of ownWrites) {
      const listed = byId.get(id);
      if (at - wroteAt <= OWN_WRITES_MS && (!listed || listed.version < item.version)) byId.set(id, item);
    }
    return [...byId.values()];
  }

  /** Rules the schema can't know: the shop's price cap and its list of categories. */
  async function checkDraft(draft: ProductDraft): Promise<void> {
    const [shop, { categories: list }] = await Promise.all([settings(), categories()]);
    if (draft.priceCents > shop.priceCapCents) {
      throw new AppError('VALIDATION', `Prices over ${formatCents(shop.priceCapCents, shop.currency, shop.locale)} aren’t allowed. Check the price.`, {
        fields: [{ path: 'product.priceCents', message: 'Above the price cap.' }],
      });
    }
    // An option typed in cents as dollars (75 meaning 75¢) slips past a check of the base price alone.
    const { lowest, highest } = unitPriceRange(draft);
    const money = (cents: number) => formatCents(cents, shop.currency, shop.locale);
    if (highest > shop.priceCapCents) {
      throw new AppError('VALIDATION', `With its options this can cost ${money(highest)}: prices over ${money(shop.priceCapCents)} aren’t allowed. Check the options’ prices.`, {
        fields: [{ path: 'product.modifierGroups', message: 'Above the price cap with options.' }],
      });
    }
    if (lowest < 0) {
      throw new AppError('VALIDATION', `With its options this would cost ${money(lowest)}: options can’t take the price below ${money(0)}. Check the options’ prices.`, {
        fields: [{ path: 'product.modifierGroups', message: 'Below zero with options.' }],
      });
    }
    if (!list.some((c) => c.name === draft.category)) {
      throw new AppError('VALIDATION', `“${draft.category}” isn’t a category. Choose one from the list.`, { fields: [{ path: 'product.category', message: 'Not a category.' }] });
    }
  }

  /**
   * The row with a scheduled price whose moment has passed folded into its price: a change of the
   * product like any other, with its own version and history entry, as of that moment. Every read
   * shows this and every write starts from it, so the fold is saved with the next write.
   */
  function inForce(item: Stored): Stored {
    const scheduled = item.scheduledPrice;
    const folded = atTime(item, now().getTime());
    if (folded === item || !scheduled) return item;
    const applied: PriceChange = { at: scheduled.effectiveAt, by: scheduled.setBy, fromCents: item.priceCents, toCents: scheduled.priceCents, kind: 'schedule-applied', effectiveAt: scheduled.effectiveAt };
    return {
      ...folded,
      version: item.version + 1,
      updatedAt: scheduled.effectiveAt,
      updatedBy: scheduled.setBy,
      priceHistory: [...(item.priceHistory ?? []), applied].slice(-HISTORY_LIMIT),
    };
  }

  /** The product as it is now, for a manager whose save lost the race. */
  async function conflict(productId: string): Promise<never> {
    const current = toAdmin(inForce(await stored(productId)));
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
    wrote(next);
    return toAdmin(next);
  }

  function stamp(actor: string) {
    return { updatedAt: now().toISOString(), updatedBy: actor };
  }

  function withHistory(current: Stored, change: Omit<PriceChange, 'at' | 'by'>, actor: string): PriceChange[] {
    return [...(current.priceHistory ?? []), { at: now().toISOString(), by: actor, ...change }].slice(-HISTORY_LIMIT);
  }

  /**
   * What a write starts from: the row as it is now (`current`, carrying the stored version the
   * write is conditioned on) and the version it writes (`version`). A manager's copy from before a
   * scheduled price came in force is out of date like any other: they review it and reapply theirs.
   */
  async function editable(productId: string, expectedVersion: number): Promise<{ current: Stored; version: number }> {
    const row = await stored(productId);
    if (row.menuStatus !== MENU_ACTIVE) throw new AppError('CONFLICT', `${row.name} is archived. Archived products can’t be changed.`);
    const live = inForce(row);
    if (live.version === expectedVersion) return { current: { ...live, version: row.version }, version: live.version + 1 };
    if (row.version !== expectedVersion) return conflict(productId);
    const shop = await settings();
    throw new AppError('CONFLICT', `${row.name}’s scheduled price of ${formatCents(live.priceCents, shop.currency, shop.locale)} took effect while you were editing it. Review it and save again.`, {
      existing: toAdmin(live),
    });
  }

  return {
    async list() {
      const [products, cats] = await Promise.all([allProducts(), categories()]);
      return { products: products.map((p) => toAdmin(inForce(p))).toSorted((a, b) => a.category.localeCompare(b.category) || a.sortOrder - b.sortOrder), ...cats };
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
              claimName(tables.Products, draft.category, draft.name, productId),
              { Put: { TableName: tables.Products, Item: item, ConditionExpression: 'attribute_not_exists(productId)' } },
            ],
          }),
        );
      } catch (error) {
        if (failedAt(error, 0)) throw duplicateName(draft);
        throw error;
      }
      wrote(item);
      return toAdmin(item);
    },

    async update(productId: string, expectedVersion: number, draft: ProductDraft, actor: string): Promise<AdminProduct> {
      await checkDraft(draft);
      const { current, version } = await editable(productId, expectedVersion);
      const next: Stored = {
        ...current,
        ...draft,
        version,
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
          ? [claimName(tables.Products, draft.category, draft.name, productId), releaseName(tables.Products, current.category, current.name)]
          : [],
      );
    },

    /**
     * "86" an item, or bring it back. Baristas may too, so IAM lets their role write only these
     * few attributes (infra/stack.ts): the check that it is still on the menu is a read first,
     * and the write is conditioned on the version that read saw, retried if another till won.
     */
    async setAvailable(productId: string, available: boolean, actor: string): Promise<Product> {
      for (let attempt = 0; ; attempt += 1) {
        const current = await stored(productId);
        if (current.menuStatus !== MENU_ACTIVE) throw new AppError('NOT_FOUND', 'That product isn’t on the menu any more.');
        try {
          const { Attributes } = await doc.send(
            new UpdateCommand({
              TableName: tables.Products,
              Key: { productId },
              UpdateExpression: 'SET available = :a, #v = #v + :one, updatedAt = :at, updatedBy = :by',
              ConditionExpression: '#v = :seen',
              ExpressionAttributeNames: { '#v': 'version' },
              ExpressionAttributeValues: { ':a': available, ':one': 1, ':at': now().toISOString(), ':by': actor, ':seen': current.version },
              ReturnValues: 'ALL_NEW',
            }),
          );
          wrote(Attributes as Stored);
          return toAdmin(Attributes as Stored);
        } catch (error) {
          if ((error as { name?: string }).name !== 'ConditionalCheckFailedException' || attempt >= 2) throw error;
        }
      }
    },

    /** Off the menu for good; old orders keep their own copy of it. */
    async archive(productId: string, expectedVersion: number, actor: string): Promise<AdminProduct> {
      const { current, version } = await editable(productId, expectedVersion);
      // Into the index's archive partition: off the register, still in the manager's list.
      const next: Stored = { ...current, menuStatus: MENU_ARCHIVED, version, ...stamp(actor), archivedAt: now().toISOString() };
      delete (next as Partial<Stored>).archived;
      return writeProduct(current, next, [releaseName(tables.Products, current.category, current.name)]);
    },

    async rollbackPrice(productId: string, expectedVersion: number, toPriceCents: number, actor: string): Promise<AdminProduct> {
      const { current, version } = await editable(productId, expectedVersion);
      const known = (current.priceHistory ?? []).some((h) => h.fromCents === toPriceCents || h.toCents === toPriceCents);
      if (!known) throw new AppError('VALIDATION', 'That price isn’t in this product’s history.');
      if (toPriceCents === current.priceCents) throw new AppError('VALIDATION', `${current.name} already costs that.`);
      const next: Stored = {
        ...current,
        priceCents: toPriceCents,
        version,
        ...stamp(actor),
        priceHistory: withHistory(current, { fromCents: current.priceCents, toCents: toPriceCents, kind: 'rollback' }, actor),
      };
      delete (next as Partial<Stored>).archived;
      return writeProduct(current, next);
    },

    async schedulePrice(productId: string, expectedVersion: number, schedule: { priceCents: number; effectiveAt: string } | null, actor: string): Promise<AdminProduct> {
      const { current, version } = await editable(productId, expectedVersion);
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
          version,
          ...stamp(actor),
        };
      } else {
        if (!current.scheduledPrice) {
          const applied = (current.priceHistory ?? []).at(-1)?.kind === 'schedule-applied';
          throw new AppError(
            'VALIDATION',
            applied
              ? `${current.name}’s scheduled price of ${formatCents(current.priceCents, shop.currency, shop.locale)} has already taken effect, so there is nothing to cancel. Edit the price to change it.`
              : `${current.name} has no scheduled price to cancel.`,
          );
        }
        next = {
          ...current,
          priceHistory: withHistory(current, { fromCents: current.priceCents, toCents: current.scheduledPrice.priceCents, kind: 'schedule-cancelled', effectiveAt: current.scheduledPrice.effectiveAt }, actor),
          version,
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
