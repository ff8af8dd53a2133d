import { BatchGetCommand, type BatchGetCommandOutput, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { Product, ShopSettings } from '../../shared/menu';
import { AppError } from '../../shared/result';
import { SETTINGS_ID, type TableNames } from '../data/schema';

export type CatalogueProduct = Product & { menuStatus?: string };

/** Cached products are version-checked in the checkout transaction, so they may live long. */
const PRODUCT_TTL_MS = 5 * 60_000;
/** Settings (tax rate, loyalty rules) carry no such check: a change reaches checkout within this. */
export const SETTINGS_TTL_MS = 30_000;

/**
 * What checkout prices with, cached in main: the products and the shop's settings. A cached product
 * is only ever charged together with a condition on its version in the same transaction, so a
 * stale entry can make a checkout retry, never charge an old price. Whatever is stale is fetched
 * in one batch read, so a sale after a quiet spell costs one extra round trip, not a chain of them.
 */
export function createCatalogue(doc: DynamoDBDocumentClient, tables: TableNames, now: () => number = Date.now) {
  const cache = new Map<string, { item: Record<string, unknown> | null; at: number }>();
  const ttl = (id: string) => (id === SETTINGS_ID ? SETTINGS_TTL_MS : PRODUCT_TTL_MS);

  async function fetch(ids: string[]): Promise<void> {
    for (let i = 0; i < ids.length; i += 100) {
      const chunk = ids.slice(i, i + 100);
      const missing = new Set(chunk);
      let keys: Record<string, unknown>[] | undefined = chunk.map((productId) => ({ productId }));
      for (let attempt = 0; keys && keys.length > 0; attempt++) {
        if (attempt > 8) throw new AppError('OFFLINE', 'The database is too busy to price this order. Try again.');
        const result: BatchGetCommandOutput = await doc.send(new BatchGetCommand({ RequestItems: { [tables.Products]: { Keys: keys, ConsistentRead: true } } }));
        for (const item of result.Responses?.[tables.Products] ?? []) {
          cache.set(item.productId as string, { item, at: now() });
          missing.delete(item.productId as string);
        }
        keys = result.UnprocessedKeys?.[tables.Products]?.Keys;
        if (keys?.length) await new Promise((r) => setTimeout(r, 20 * 2 ** attempt));
      }
      for (const id of missing) cache.set(id, { item: null, at: now() });
    }
  }

  async function items(ids: readonly string[]): Promise<Map<string, Record<string, unknown>>> {
    const unique = [...new Set(ids)];
    const stale = unique.filter((id) => {
      const entry = cache.get(id);
      return !entry || now() - entry.at > ttl(id);
    });
    if (stale.length > 0) await fetch(stale);
    const found = new Map<string, Record<string, unknown>>();
    for (const id of unique) {
      const item = cache.get(id)?.item;
      if (item) found.set(id, item);
    }
    return found;
  }

  return {
    /** The products (those that exist) and the settings, in one round trip at most. */
    async pricing(productIds: readonly string[]): Promise<{ shop: ShopSettings; products: Map<string, CatalogueProduct> }> {
      const found = await items([SETTINGS_ID, ...productIds]);
      const settings = found.get(SETTINGS_ID);
      if (!settings) throw new AppError('NOT_FOUND', 'This shop has no settings yet. Ask your manager to finish setup.');
      found.delete(SETTINGS_ID);
      return { shop: settings as unknown as ShopSettings, products: found as unknown as Map<string, CatalogueProduct> };
    },
    invalidate(ids: readonly string[]): void {
      for (const id of ids) cache.delete(id);
    },
  };
}
export type Catalogue = ReturnType<typeof createCatalogue>;
