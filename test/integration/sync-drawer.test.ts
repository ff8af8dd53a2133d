import { randomBytes } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { describeBacklog } from '../../src/shared/sync';
import { DEMO, freshCafe, till, unplugged, ok } from './helpers';

describe('the sync count includes shift and drawer records', () => {
  it('a pay-out and a no-sale made offline are "waiting to sync" until they reach the cloud', async () => {
    const cable = { cut: false };
    const runtime = till(await freshCafe(), { landed: false, wrapDb: (doc) => unplugged(doc, cable), dataDir: mkdtempSync(path.join(tmpdir(), 'coffee-sync-drawer-')) });
    const manager = { sessionKey: `manager-${randomBytes(4).toString('hex')}` };
    await ok(runtime.dispatch('auth.signIn', { email: DEMO.manager, password: DEMO.password }, manager));
    await ok(runtime.dispatch('menu.list', {}, manager));
    await ok(runtime.dispatch('shift.open', { float: { totalCents: 10_000 } }, manager));
    await runtime.sync.idle();
    expect(await ok(runtime.dispatch('sync.status', {}, manager))).toMatchObject({ pendingDrawer: 0 });

    cable.cut = true;
    await ok(runtime.dispatch('shift.movement', { kind: 'payOut', amountCents: 400, reason: 'milk' }, manager));
    await ok(runtime.dispatch('shift.movement', { kind: 'noSale', amountCents: 0, reason: 'change for the meter' }, manager));
    const offline = await ok(runtime.dispatch('sync.status', {}, manager));
    expect(offline).toMatchObject({ pending: 0, pendingMoves: 0, pendingDrawer: 2 });
    expect(offline.oldestAt).not.toBeNull();
    expect(describeBacklog(offline, Date.parse(offline.asOf))).toMatch(/^2 drawer records waiting to sync, oldest /);

    cable.cut = false;
    await runtime.dispatch('sync.now', {}, manager);
    await runtime.sync.idle();
    expect(await ok(runtime.dispatch('sync.status', {}, manager))).toMatchObject({ pendingDrawer: 0, oldestAt: null });
  });
});
