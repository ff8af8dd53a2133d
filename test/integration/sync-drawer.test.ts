import { randomBytes } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { describeBacklog } from '../../src/shared/sync';
import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import { aroundSend, clients, DEMO, freshCafe, till, unplugged, ok } from './helpers';

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

describe('a shift record the cloud refuses', () => {
  it('is listed for a manager with its reason, holds back the drawer after it, and goes out with everything behind it when retried', async () => {
    let refuseOpening = true;
    const config = await freshCafe();
    const runtime = till(config, {
      landed: false,
      dataDir: mkdtempSync(path.join(tmpdir(), 'coffee-sync-parked-')),
      wrapDb: (doc) =>
        aroundSend(doc, async (command, real) => {
          const item = (command as { input?: { Item?: { entryId?: string }; TableName?: string } }).input;
          if (refuseOpening && item?.TableName === config.tables.Shifts && String(item.Item?.entryId ?? '').includes('OPEN')) {
            throw Object.assign(new Error('One or more parameter values were invalid'), { name: 'ValidationException', $fault: 'client', $metadata: { httpStatusCode: 400 } });
          }
          return real(command);
        }),
    });
    const manager = { sessionKey: `manager-${randomBytes(4).toString('hex')}` };
    await ok(runtime.dispatch('auth.signIn', { email: DEMO.manager, password: DEMO.password }, manager));
    await ok(runtime.dispatch('menu.list', {}, manager));
    await ok(runtime.dispatch('shift.open', { float: { totalCents: 10_000 } }, manager));
    await ok(runtime.dispatch('shift.movement', { kind: 'payOut', amountCents: 550, reason: 'milk' }, manager));
    await expect.poll(async () => (await ok(runtime.dispatch('sync.status', {}, manager))).parkedRecords).toEqual([
      { key: expect.stringMatching(/^shift:/), what: 'Shift opened by Morgan Lee', at: expect.any(String), reason: expect.stringContaining('One or more parameter values were invalid') },
    ]);
    // The pay-out waits behind its shift's opening.
    expect(await ok(runtime.dispatch('sync.status', {}, manager))).toMatchObject({ pendingDrawer: 1 });

    refuseOpening = false;
    await ok(runtime.dispatch('sync.retryParked', {}, manager));
    await runtime.sync.idle();
    expect(await ok(runtime.dispatch('sync.status', {}, manager))).toMatchObject({ parkedRecords: [], pendingDrawer: 0 });
    const shift = await ok(runtime.dispatch('shift.current', {}, manager));
    const items = await clients().doc.send(new QueryCommand({ TableName: config.tables.Shifts, KeyConditionExpression: 'shiftId = :s', ExpressionAttributeValues: { ':s': shift.open!.shiftId }, ConsistentRead: true }));
    // Its opening and the pay-out that waited behind it.
    expect(items.Items?.length).toBe(2);
  });
});
