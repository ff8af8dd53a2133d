import { QueryCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { randomBytes } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import type { AdminProduct, ProductDraft } from '../../src/shared/menu';
import { INDEX } from '../../src/main/data/schema';
import type { Runtime } from '../../src/main/runtime';
import { DEMO, freshCafe, till, ok } from './helpers';

/**
 * The manager's menu editor lists products through the menu index, which on AWS lags the table
 * (DynamoDB Local's doesn't, so the lag is forced here): a manager's own save must still show at
 * once, and an archived product must stay in the editor's list.
 */
let runtime: Runtime;
const manager = { sessionKey: `mgr-${randomBytes(4).toString('hex')}` };
/** While set, the menu index answers as it did when frozen. */
let frozen: Map<string, unknown> | null = null;
const lastAnswers = new Map<string, unknown>();

function laggingIndex(doc: DynamoDBDocumentClient): DynamoDBDocumentClient {
  return {
    async send(command: QueryCommand) {
      const onIndex = command instanceof QueryCommand && command.input.IndexName === INDEX.activeMenu;
      const key = JSON.stringify([command.input?.ExpressionAttributeValues, command.input?.ExclusiveStartKey]);
      if (onIndex && frozen?.has(key)) return frozen.get(key);
      const answer = await doc.send(command);
      if (onIndex) lastAnswers.set(key, answer);
      return answer;
    },
  } as unknown as DynamoDBDocumentClient;
}

function draftOf(p: AdminProduct): ProductDraft {
  return { name: p.name, description: p.description, category: p.category, priceCents: p.priceCents, modifierGroups: p.modifierGroups, available: p.available, sortOrder: p.sortOrder };
}

const listed = async (productId: string): Promise<AdminProduct | undefined> =>
  (await ok(runtime.dispatch('menu.adminList', {}, manager))).products.find((p) => p.productId === productId);

beforeAll(async () => {
  runtime = till(await freshCafe(), { wrapDb: laggingIndex });
  await ok(runtime.dispatch('auth.signIn', { email: DEMO.manager, password: DEMO.password }, manager));
});

describe('the manager’s product list, read through a lagging index', () => {
  it('shows a product the manager just created, edited and archived, each at once', async () => {
    await listed('espresso');
    frozen = new Map(lastAnswers);

    const created = await ok(
      runtime.dispatch(
        'menu.create',
        { product: { name: 'Gibraltar', description: '', category: 'Coffee', priceCents: 375, modifierGroups: [], available: true, sortOrder: 450 } },
        manager,
      ),
    );
    expect(await listed(created.productId)).toMatchObject({ name: 'Gibraltar', priceCents: 375, archived: false });

    const espresso = (await listed('espresso'))!;
    const saved = await ok(runtime.dispatch('menu.update', { productId: 'espresso', expectedVersion: espresso.version, product: { ...draftOf(espresso), priceCents: 325 } }, manager));
    expect(await listed('espresso')).toMatchObject({ priceCents: 325, version: saved.version });

    await ok(runtime.dispatch('menu.archive', { productId: created.productId, expectedVersion: created.version }, manager));
    expect(await listed(created.productId)).toMatchObject({ archived: true });
  });

  it('keeps archived products in the list once the index has them, in its archive partition', async () => {
    frozen = null;
    const archived = (await ok(runtime.dispatch('menu.adminList', {}, manager))).products.filter((p) => p.archived);
    expect(archived.map((p) => p.name)).toContain('Gibraltar');
    // …and the register never sells them.
    expect((await ok(runtime.dispatch('menu.list', {}, manager))).products.map((p) => p.name)).not.toContain('Gibraltar');
  });
});
