import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { describe, expect, it } from 'vitest';
import type { TableNames } from '../../src/main/data/schema';
import { SETTINGS_ID } from '../../src/main/data/schema';
import { DEMO_SETTINGS } from '../../src/main/local/demo-data';
import { createCatalogue } from '../../src/main/menu/catalogue';

const tables = { Products: 'Products' } as TableNames;
const settings = { ...DEMO_SETTINGS, productId: SETTINGS_ID, version: 1 };
const espresso = (version: number, available: boolean) => ({ productId: 'espresso', version, available, menuStatus: 'active', name: 'Espresso', priceCents: 300 });

/** The Products table as DynamoDB holds it now; the catalogue reads it only through a consistent BatchGet. */
function table(rows: Record<string, unknown>[]) {
  const held = new Map(rows.map((r) => [r.productId as string, r]));
  let reads = 0;
  const doc = {
    send: async (command: { input: { RequestItems: Record<string, { Keys: { productId: string }[] }> } }) => {
      reads++;
      const keys = command.input.RequestItems[tables.Products]!.Keys;
      return { Responses: { [tables.Products]: keys.flatMap((k) => (held.has(k.productId) ? [held.get(k.productId)] : [])) } };
    },
  } as unknown as DynamoDBDocumentClient;
  return { doc, reads: () => reads };
}

describe('the till’s catalogue', () => {
  it('an item 86’d on this till is priced from the table, not from the register’s lagging menu read that still says available', async () => {
    const { doc } = table([settings, espresso(3, false)]);
    const catalogue = createCatalogue(doc, tables, { now: () => 1_000 });
    catalogue.remember([settings, espresso(2, true)], true);
    // The 86 is written (version 3) and this till's copy marked for a read...
    catalogue.invalidate(['espresso']);
    // ...but the register's next menu poll, through the index, still has version 2.
    catalogue.remember([settings, espresso(2, true)], true);
    const { products } = await catalogue.pricing(['espresso']);
    expect(products.get('espresso')).toMatchObject({ version: 3, available: false });
  });

  it('a row older than the one held never replaces it', async () => {
    const { doc, reads } = table([settings, espresso(5, true)]);
    const catalogue = createCatalogue(doc, tables, { now: () => 1_000 });
    catalogue.remember([settings, espresso(5, true)], true);
    catalogue.remember([settings, espresso(4, false)], true);
    expect(catalogue.lastKnown('espresso')).toMatchObject({ version: 5, available: true });
    await catalogue.pricing(['espresso']);
    expect(reads()).toBe(0);
  });
});
