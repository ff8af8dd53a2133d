import { BatchGetCommand, type BatchGetCommandOutput, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { existsSync, readFileSync } from 'node:fs';
import { atTime, type Product, type ShopSettings } from '../../shared/menu';
import { AppError } from '../../shared/result';
import { MENU_ACTIVE, SETTINGS_ID, type TableNames } from '../data/schema';
import { isNetworkError, OFFLINE_MESSAGE, type Connectivity } from '../sync/connectivity';
import { writeFileDurably } from '../sync/journal';
import { settingsOf } from './settings';

export type CatalogueProduct = Product & { menuStatus?: string };
type Item = Record<string, unknown>;

/**
 * How old a row may be before checkout reads it again. An open register refreshes the whole menu
 * every few seconds through `remember`, so this only matters after a quiet spell.
 */
export const CATALOGUE_TTL_MS = 30_000;
/**
 * Past this age a row is read again before the sale, not after it: after a quiet spell the price
 * must be today's. Between the two, the sale goes on with the row and the read happens behind it,
 * so a network that silently dropped a moment ago doesn't hold up the queue.
 */
const CATALOGUE_MAX_AGE_MS = 10 * 60_000;

export interface CatalogueOptions {
  now?: () => number;
  connectivity?: Connectivity;
  /** Where the last-known rows are kept, so a till that restarts offline can still sell. */
  file?: string;
}

/**
 * This till's copy of the Products table rows it has seen (products, settings, categories): what
 * checkout prices with, and what the menu is when the database can't be reached. Fresh rows come
 * from the register's menu refreshes and from checkout's own batch reads; stale rows are read again
 * in one batch when online, and used as they are when offline.
 */
export function createCatalogue(doc: DynamoDBDocumentClient, tables: TableNames, options: CatalogueOptions = {}) {
  const now = options.now ?? Date.now;
  /**
   * `mustRead`: this till just changed the row (an edit, an 86), so only a read of the table itself
   * may refresh it: the register's menu comes through an index that lags, and its older copy would
   * otherwise count as fresh and sell the item as it was.
   */
  const cache = new Map<string, { item: Item | null; at: number; mustRead?: true }>();
  if (options.file && existsSync(options.file)) {
    try {
      for (const [id, item] of JSON.parse(readFileSync(options.file, 'utf8')) as [string, Item][]) cache.set(id, { item, at: -Infinity });
    } catch {
      // A damaged copy is only a cache: the next refresh replaces it.
    }
  }

  let saveTimer: NodeJS.Timeout | null = null;
  function save(): void {
    if (saveTimer) clearTimeout(saveTimer);
    saveTimer = null;
    const rows = [...cache].filter(([, entry]) => entry.item).map(([id, entry]) => [id, entry.item]);
    try {
      if (options.file) writeFileDurably(options.file, JSON.stringify(rows));
    } catch {
      // Not being able to save the offline copy must never break a sale.
    }
  }
  /** Changes come in bursts (a menu refresh, a batch read): one write for the lot. */
  function persist(): void {
    if (!options.file || saveTimer) return;
    saveTimer = setTimeout(save, 500);
    saveTimer.unref?.();
  }

  /**
   * Keeps a row just read, and writes the copy on disk only if something changed: the register
   * refreshes every few seconds and the menu rarely changes.
   */
  function store(rows: readonly [string, Item | null][], dropped: readonly string[] = [], from: 'table' | 'index' = 'table'): void {
    let changed = dropped.length > 0;
    for (const id of dropped) cache.delete(id);
    for (const [id, item] of rows) {
      const held = cache.get(id);
      if (from === 'index' && (held?.mustRead || olderThan(item, held?.item))) continue;
      changed ||= JSON.stringify(held?.item ?? null) !== JSON.stringify(item);
      cache.set(id, { item, at: now() });
    }
    if (changed) persist();
  }

  /** A row an index returned that predates the one this till holds. */
  function olderThan(item: Item | null, held: Item | null | undefined): boolean {
    return typeof item?.version === 'number' && typeof held?.version === 'number' && item.version < held.version;
  }

  async function fetch(ids: string[]): Promise<void> {
    for (let i = 0; i < ids.length; i += 100) {
      const chunk = ids.slice(i, i + 100);
      const missing = new Set(chunk);
      let keys: Record<string, unknown>[] | undefined = chunk.map((productId) => ({ productId }));
      for (let attempt = 0; keys && keys.length > 0; attempt++) {
        if (attempt > 8) throw new AppError('OFFLINE', 'The database is too busy to price this order. Try again.');
        const result: BatchGetCommandOutput = await doc.send(new BatchGetCommand({ RequestItems: { [tables.Products]: { Keys: keys, ConsistentRead: true } } }));
        const found = result.Responses?.[tables.Products] ?? [];
        store(found.map((item) => [item.productId as string, item]));
        for (const item of found) missing.delete(item.productId as string);
        keys = result.UnprocessedKeys?.[tables.Products]?.Keys;
        if (keys?.length) await new Promise((r) => setTimeout(r, 20 * 2 ** attempt));
      }
      store([...missing].map((id) => [id, null]));
    }
  }

  /**
   * Rows for a sale. A recent row is used as it is (and read again behind the sale if over 30 s
   * old); rows never seen, old ones, or `fresh` (the barista's screen disagrees with ours) wait for
   * the database. Offline, whatever the till has is used.
   */
  async function items(ids: readonly string[], fresh: boolean): Promise<Map<string, Item>> {
    const unique = [...new Set(ids)];
    const online = options.connectivity?.online !== false;
    const age = (id: string) => now() - (cache.get(id)?.at ?? -Infinity);
    const missing = unique.filter((id) => fresh || age(id) > CATALOGUE_MAX_AGE_MS);
    const stale = unique.filter((id) => !missing.includes(id) && age(id) > CATALOGUE_TTL_MS);
    if (missing.length > 0 && online) {
      try {
        await fetch(missing);
      } catch (error) {
        if (!isNetworkError(error)) throw error;
      }
    }
    if (stale.length > 0 && online) fetch(stale).catch(() => {});
    const unknown = unique.filter((id) => !cache.has(id));
    if (unknown.length > 0) {
      throw new AppError('OFFLINE', `${OFFLINE_MESSAGE} It hasn’t loaded ${unknown.length === 1 ? 'an item' : 'some items'} in this order yet, so it can’t price ${unknown.length === 1 ? 'it' : 'them'}. Remove ${unknown.length === 1 ? 'it' : 'them'} or wait for the connection.`);
    }
    const found = new Map<string, Item>();
    for (const id of unique) {
      const item = cache.get(id)?.item;
      if (item) found.set(id, item);
    }
    return found;
  }

  return {
    /**
     * The products (those that exist) and the settings, in one round trip at most. `fresh` reads
     * them from the database even if recently cached (when the barista's screen and ours disagree).
     */
    async pricing(productIds: readonly string[], fresh = false): Promise<{ shop: ShopSettings; products: Map<string, CatalogueProduct> }> {
      const found = await items([SETTINGS_ID, ...productIds], fresh);
      const settings = found.get(SETTINGS_ID);
      if (!settings) throw new AppError('NOT_FOUND', 'This shop has no settings yet. Ask your manager to finish setup.');
      found.delete(SETTINGS_ID);
      // A row read before its scheduled price came in force sells at that price now.
      const products = new Map([...found].map(([id, item]) => [id, atTime(item as unknown as CatalogueProduct, now())]));
      return { shop: settingsOf(settings), products };
    },

    /**
     * Rows read for the screens (the menu comes through an index that lags the table): never over a
     * newer row, nor one this till just changed. `activeMenu`: these are the whole active menu, so
     * drop any other active row.
     */
    remember(rows: readonly Item[], activeMenu = false): void {
      const listed = new Set(rows.map((row) => row.productId as string));
      const unlisted = activeMenu ? [...cache].filter(([id, entry]) => entry.item?.menuStatus === MENU_ACTIVE && !listed.has(id)).map(([id]) => id) : [];
      store(rows.map((row) => [row.productId as string, row]), unlisted, 'index');
    },

    /** The last-known row, however old. */
    lastKnown(id: string): Item | null {
      return cache.get(id)?.item ?? null;
    },

    /** The last-known active menu rows, however old. */
    lastKnownMenu(): Item[] {
      return [...cache.values()].flatMap((entry) => (entry.item?.menuStatus === MENU_ACTIVE ? [entry.item] : []));
    },

    /** Writes a pending change now (the till is closing). */
    flush(): void {
      if (saveTimer) save();
    },

    invalidate(ids: readonly string[]): void {
      for (const id of ids) {
        const entry = cache.get(id);
        if (entry) {
          entry.at = -Infinity;
          entry.mustRead = true;
        }
      }
    },
  };
}
export type Catalogue = ReturnType<typeof createCatalogue>;
