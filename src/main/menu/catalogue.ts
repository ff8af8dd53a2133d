import { BatchGetCommand, type BatchGetCommandOutput, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { Product } from '../../shared/menu';
import { AppError } from '../../shared/result';
import type { TableNames } from '../data/schema';

export type CatalogueProduct = Product & { menuStatus?: string };

/**
 * Products as checkout prices them, cached in main. A cached product is only ever charged together
 * with a condition on its version in the same transaction, so a stale entry can make a checkout
 * retry, never charge an old price.
 */
export function createCatalogue(doc: DynamoDBDocumentClient, tables: TableNames, ttlMs = 60_000, now: () => number = Date.now) {
  const cache = new Map<string, { product: CatalogueProduct | null; at: number }>();

  async function fetch(ids: string[]): Promise<void> {
    for (let i = 0; i < ids.length; i += 100) {
      let keys: Record<string, unknown>[] | undefined = ids.slice(i, i + 100).map((productId) => ({ productId }));
      const missing = new Set(ids.slice(i, i + 100));
      for (let attempt = 0; keys && keys.length > 0; attempt++) {
        if (attempt > 8) throw new AppError('OFFLINE', 'The database is too busy to price this order. Try again.');
        const result: BatchGetCommandOutput = await doc.send(new BatchGetCommand({ RequestItems: { [tables.Products]: { Keys: keys, ConsistentRead: true } } }));
        for (const item of result.Responses?.[tables.Products] ?? []) {
          cache.set(item.productId, { product: item as CatalogueProduct, at: now() });
          missing.delete(item.productId);
        }
        keys = result.UnprocessedKeys?.[tables.Products]?.Keys;
        if (keys?.length) await new Promise((r) => setTimeout(r, 20 * 2 ** attempt));
      }
      for (const id of missing) cache.set(id, { product: null, at: now() });
    }
  }

  return {
    async get(ids: readonly string[]): Promise<Map<string, CatalogueProduct>> {
      const unique = [...new Set(ids)];
      const stale = unique.filter((id) => {
        const entry = cache.get(id);
        return !entry || now() - entry.at > ttlMs;
      });
      if (stale.length > 0) await fetch(stale);
      const found = new Map<string, CatalogueProduct>();
      for (const id of unique) {
        const product = cache.get(id)?.product;
        if (product) found.set(id, product);
      }
      return found;
    },
    invalidate(ids: readonly string[]): void {
      for (const id of ids) cache.delete(id);
    },
  };
}
export type Catalogue = ReturnType<typeof createCatalogue>;
