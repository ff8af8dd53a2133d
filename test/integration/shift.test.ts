import { PutCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { randomBytes } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { ulid } from 'ulid';
import { beforeAll, describe, expect, it } from 'vitest';
import type { BackendConfig } from '../../src/main/config';
import type { Runtime } from '../../src/main/runtime';
import type { CheckoutInput } from '../../src/shared/contract';
import type { ShiftReport } from '../../src/shared/shift';
import { clients, freshCafe, till, unplugged, signInCounterStaff, ok } from './helpers';
import { storedDrawer } from './fixtures/stored-drawer';

/**
 * A shift on one till against DynamoDB Local: the float, sales by cash, card and both, drawer
 * movements, refunds by tender, the blind close, and the Z; offline too.
 */
const key = (who: string) => ({ sessionKey: `${who}-${randomBytes(4).toString('hex')}` });

async function signedIn(runtime: Runtime) {
  const barista = key('barista');
  const manager = key('manager');
  await signInCounterStaff(runtime, barista, manager);
  return { barista, manager };
}

/** The demo cart ($9.83) paid as given; no float offered unless asked. */
const cart = (tenders: CheckoutInput['tenders'], overrides: Partial<CheckoutInput> = {}): CheckoutInput => ({
  orderId: ulid(),
  lines: [
    { productId: 'latte', quantity: 1, selection: { size: ['large'], milk: ['oat'] }, unitPriceCents: 610 },
    { productId: 'espresso', quantity: 1, selection: {}, unitPriceCents: 300 },
  ],
  tenders,
  expectedTotalCents: 983,
  ...overrides,
});

/** A day's shift: $100 float, a cash sale, a card sale, a split, a $4 pay-out for milk, the cash sale refunded as cash. */
async function ringTheDay(runtime: Runtime, manager: { sessionKey: string }) {
  await ok(runtime.dispatch('shift.open', { float: { count: { '2000': 4, '1000': 1, '500': 2 } } }, manager));
  const cashSale = await ok(runtime.dispatch('orders.checkout', cart([{ kind: 'cash', amountCents: 2000 }]), manager));
  const cardSale = await ok(runtime.dispatch('orders.checkout', cart([{ kind: 'card', amountCents: 983 }]), manager));
  const split = await ok(runtime.dispatch('orders.checkout', cart([{ kind: 'card', amountCents: 500 }, { kind: 'cash', amountCents: 1000 }]), manager));
  await ok(runtime.dispatch('shift.movement', { kind: 'payOut', amountCents: 400, reason: 'milk' }, manager));
  await runtime.sync.idle();
  const refunded = await ok(runtime.dispatch('orders.refund', { orderId: cashSale.orderId, reason: 'cold drink', back: [{ kind: 'cash', amountCents: 983 }] }, manager));
  return { cashSale, cardSale, split, refunded };
}

/** float 100.00 + cash 20.00 − change 10.17 + cash 10.00 − change 5.17 − pay-out 4.00 − refund 9.83 */
const EXPECTED = 10_000 + 2_000 - 1_017 + 1_000 - 517 - 400 - 983;

describe('a manager’s day on one till', () => {
  let config: BackendConfig;
  let runtime: Runtime;
  let manager: { sessionKey: string };
  let barista: { sessionKey: string };

  beforeAll(async () => {
    config = await freshCafe();
    runtime = till(config, { terminalId: 'T1' });
    ({ manager, barista } = await signedIn(runtime));
  });

  it('cash needs an open shift (a clear error, nothing written); card-only sales don’t', async () => {
    const refused = await runtime.dispatch('orders.checkout', cart([{ kind: 'cash', amountCents: 2000 }]), barista);
    expect(refused).toMatchObject({ ok: false, error: { code: 'CONFLICT', message: 'Taking cash needs an open shift on this till: count the opening float first.' } });
    const card = await ok(runtime.dispatch('orders.checkout', cart([{ kind: 'card', amountCents: 983 }]), barista));
    expect(card.shiftId).toBeUndefined();
    expect(await ok(runtime.dispatch('shift.current', {}, barista))).toMatchObject({ open: null, varianceThresholdCents: 500 });
  });

  it('moves expected cash with every cash tender, change, pay-out and cash refund, and closes into a numbered Z once', async () => {
    const { cashSale, split } = await ringTheDay(runtime, manager);
    expect(cashSale.shiftId).toBeDefined();
    expect(split.shiftId).toBe(cashSale.shiftId);
    const x = await ok(runtime.dispatch('shift.report', {}, manager));
    expect(x).toMatchObject({ kind: 'X', floatCents: 10_000, drawer: { floatCents: 10_000, cashSalesCents: 3_000, changeCents: 1_534, payOutsCents: 400, cashRefundsCents: 983, expectedCents: EXPECTED } });

    // Off by more than $5.00: a reason is needed, and a manager is told by how much.
    const noReason = await runtime.dispatch('shift.close', { count: { totalCents: EXPECTED - 600 } }, manager);
    expect(noReason).toMatchObject({ ok: false, error: { code: 'VALIDATION', message: 'The drawer is $6.00 short (expected $100.83), more than the $5.00 allowed: give a reason, or count again.' } });

    const z = await ok(runtime.dispatch('shift.close', { count: { totalCents: EXPECTED - 100 }, reason: 'a dollar short, coin miscount' }, manager));
    expect(z.z).toMatchObject({ zNumber: 1, label: 'Z-T1-0001', countedCents: EXPECTED - 100, expectedCents: EXPECTED, varianceCents: -100, reason: 'a dollar short, coin miscount' });
    // The refund, made in the cloud, counts in the Z's sales too.
    expect(z.sales).toMatchObject({ orders: 3, cashCents: 3_000, cardCents: 1_483, changeCents: 1_534, refundsCents: 983 });

    expect(z.report).toMatchObject({ orderCount: 3, tenders: expect.arrayContaining([expect.objectContaining({ kind: 'cash' })]) });
    const again = await runtime.dispatch('shift.close', { shiftId: z.shiftId, count: { totalCents: EXPECTED } }, manager);
    expect(again).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
    expect(again.ok || again.error.message).toMatch(/already closed as Z-T1-0001; a Z never changes/);

    await runtime.sync.idle();
    const reprint = await ok(runtime.dispatch('shift.report', { shiftId: z.shiftId }, manager));
    expect(reprint.z).toMatchObject({ state: 'final', label: 'Z-T1-0001', varianceCents: -100 });

    // Computed again from what DynamoDB holds, not from the till.
    const stored = await storedDrawer(clients().doc, config.tables, z.shiftId, z.businessDate);
    expect(stored).toMatchObject({ expectedCents: EXPECTED, closedExpectedCents: EXPECTED, zNumber: 1, movements: 2 });
  });

  it('refunds say how the money goes back, within what each tender took', async () => {
    await ok(runtime.dispatch('shift.open', { float: { totalCents: 5_000 } }, manager));
    const split = await ok(runtime.dispatch('orders.checkout', cart([{ kind: 'card', amountCents: 500 }, { kind: 'cash', amountCents: 1000 }]), manager));
    await runtime.sync.idle();
    expect(await runtime.dispatch('orders.refund', { orderId: split.orderId, reason: 'wrong order' }, manager)).toMatchObject({
      ok: false,
      error: { code: 'VALIDATION', message: 'Say how the $9.83 goes back: this order was paid by card and cash.' },
    });
    expect(await runtime.dispatch('orders.refund', { orderId: split.orderId, reason: 'wrong order', back: [{ kind: 'card', amountCents: 983 }] }, manager)).toMatchObject({
      ok: false,
      error: { code: 'VALIDATION', message: 'At most $5.00 can go back by card: that is what it took.' },
    });
    expect(await runtime.dispatch('orders.refund', { orderId: split.orderId, reason: 'wrong order', back: [{ kind: 'cash', amountCents: 500 }] }, manager)).toMatchObject({
      ok: false,
      error: { code: 'VALIDATION', message: 'The refund is $9.83 but its parts add up to $5.00.' },
    });
    const refunded = await ok(
      runtime.dispatch('orders.refund', { orderId: split.orderId, reason: 'wrong order', back: [{ kind: 'card', amountCents: 500 }, { kind: 'cash', amountCents: 483 }] }, manager),
    );
    expect(refunded.refunds.at(-1)).toMatchObject({ tenders: [{ kind: 'card', amountCents: 500 }, { kind: 'cash', amountCents: 483 }], shiftId: split.shiftId });
    const x = await ok(runtime.dispatch('shift.report', {}, manager));
    expect(x.drawer).toMatchObject({ cashRefundsCents: 483, expectedCents: 5_000 + 1_000 - 517 - 483 });
  });

  it('a cash refund whose drawer record was lost (a crash after the cloud took the refund) is put back, once', async () => {
    const sale = await ok(runtime.dispatch('orders.checkout', cart([{ kind: 'cash', amountCents: 983 }]), manager));
    await runtime.sync.idle();
    const refund = { refundId: 'lost0001', at: new Date().toISOString(), by: sale.createdBy, reason: 'cold', amountCents: 983, lines: [], tenders: [{ kind: 'cash', amountCents: 983 }], shiftId: sale.shiftId };
    await clients().doc.send(new PutCommand({ TableName: config.tables.Orders, Item: { ...sale, refunds: [refund], refundedCents: 983, version: sale.version + 1 } }));
    const before = (await ok(runtime.dispatch('shift.report', {}, manager))).drawer!;
    const again = (await ok(runtime.dispatch('shift.report', {}, manager))).drawer!;
    expect(again).toEqual(before);
    expect(before.cashRefundsCents).toBe(483 + 983);
  });

  it('a $0.00 order completes with no payment', async () => {
    const comp = cart([], { orderDiscount: { kind: 'percent', bps: 10_000 }, discountReason: 'staff drink, comped', expectedTotalCents: 0 });
    const order = await ok(runtime.dispatch('orders.checkout', comp, manager));
    expect(order).toMatchObject({ totalCents: 0, tenders: [], paidCents: 0 });
  });
});

describe('a barista closes blind', () => {
  it('is never sent expected cash or the variance, sees only their own shift, and a manager sees it all', async () => {
    const config = await freshCafe();
    const runtime = till(config, { terminalId: 'T2' });
    const { barista, manager } = await signedIn(runtime);
    const opened = await ok(runtime.dispatch('shift.open', { float: { totalCents: 10_000 } }, barista));
    expect(opened.drawer).toBeUndefined();
    await ok(runtime.dispatch('orders.checkout', cart([{ kind: 'cash', amountCents: 1_000 }]), barista));
    const x: ShiftReport = await ok(runtime.dispatch('shift.report', {}, barista));
    expect(x.drawer).toBeUndefined();
    expect(x.sales?.cashCents).toBeUndefined();
    expect(JSON.stringify(x)).not.toContain('10983');
    expect((await ok(runtime.dispatch('shift.report', {}, manager))).drawer?.expectedCents).toBe(10_983);

    const off = await runtime.dispatch('shift.close', { count: { totalCents: 10_000 } }, barista);
    expect(off).toMatchObject({ ok: false, error: { code: 'VALIDATION', message: 'The count is off from what the drawer should hold by more than $5.00: count again, or give a reason.' } });
    const z = await ok(runtime.dispatch('shift.close', { count: { count: { '10000': 1, '500': 1, '100': 4, '25': 3, '5': 1 } } }, barista));
    expect(z.z).toMatchObject({ label: 'Z-T2-0001', countedCents: 10_980 });
    expect(z.z?.expectedCents).toBeUndefined();
    expect(z.z?.varianceCents).toBeUndefined();
    expect((await ok(runtime.dispatch('shift.report', { shiftId: z.shiftId }, manager))).z).toMatchObject({ expectedCents: 10_983, varianceCents: -3 });

    // The manager's shift is not the barista's to see.
    const managers = await ok(runtime.dispatch('shift.open', { float: { totalCents: 100 } }, manager));
    expect(await runtime.dispatch('shift.report', { shiftId: managers.shiftId }, barista)).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(await runtime.dispatch('shift.open', { float: { totalCents: 100 } }, barista)).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });

    // Yet a pay-out the barista makes on it is answered as done (once refused, after it was
    // recorded, inviting a second), with their own movement and none of the shift's figures.
    const paid = await ok(runtime.dispatch('shift.movement', { kind: 'payOut', amountCents: 50, reason: 'milk' }, barista));
    expect(paid.movements.map((m) => [m.kind, m.amountCents, m.by.name])).toEqual([['payOut', 50, 'Jamie Cruz']]);
    expect(paid.sales).toBeUndefined();
    expect(paid.report).toBeUndefined();
    expect(paid.drawer).toBeUndefined();
    const asManager = await ok(runtime.dispatch('shift.report', {}, manager));
    expect(asManager.movements.filter((m) => m.kind === 'payOut')).toHaveLength(1);
    expect(asManager.drawer?.expectedCents).toBe(50);
  });
});

describe('a day closed offline', () => {
  it('gives a Z pending sync that becomes final once synced, equal to one closed online for the same sales', async () => {
    const config = await freshCafe();
    const cable = { cut: false };
    const offline = till(config, { terminalId: 'T3', landed: false, wrapDb: (doc) => unplugged(doc, cable), dataDir: mkdtempSync(path.join(tmpdir(), 'coffee-shift-offline-')) });
    const online = till(await freshCafe(), { terminalId: 'T3' });
    const a = await signedIn(offline);
    const b = await signedIn(online);
    await offline.dispatch('menu.list', {}, a.manager);

    async function day(runtime: Runtime, manager: { sessionKey: string }, cut: boolean) {
      await ok(runtime.dispatch('shift.open', { float: { totalCents: 10_000 } }, manager));
      if (cut) cable.cut = true;
      await ok(runtime.dispatch('orders.checkout', cart([{ kind: 'cash', amountCents: 2000 }]), manager));
      await ok(runtime.dispatch('orders.checkout', cart([{ kind: 'card', amountCents: 500 }, { kind: 'cash', amountCents: 1000 }]), manager));
      await ok(runtime.dispatch('shift.movement', { kind: 'payOut', amountCents: 400, reason: 'milk' }, manager));
      await ok(runtime.dispatch('shift.movement', { kind: 'drop', amountCents: 5_000, reason: 'to the safe' }, manager));
      await ok(runtime.dispatch('shift.movement', { kind: 'payIn', amountCents: 2_500, reason: 'change from the bank' }, manager));
      await ok(runtime.dispatch('shift.movement', { kind: 'noSale', amountCents: 0, reason: 'customer asked for change' }, manager));
      return ok(runtime.dispatch('shift.close', { count: { totalCents: 8_500 }, reason: 'counted twice, $0.66 short' }, manager));
    }
    const offlineZ = await day(offline, a.manager, true);
    expect(offlineZ.z?.state).toBe('pending sync');
    const onlineZ = await day(online, b.manager, false);
    await online.sync.idle();

    cable.cut = false;
    await offline.dispatch('sync.now', {}, a.manager);
    await offline.sync.idle();
    const final = await ok(offline.dispatch('shift.report', { shiftId: offlineZ.shiftId }, a.manager));
    expect(final.z?.state).toBe('final');
    const figures = (r: ShiftReport) => ({ drawer: r.drawer, sales: r.sales, z: { ...r.z, closedAt: undefined, closedBy: undefined, state: undefined } });
    expect(figures(final)).toEqual(figures(await ok(online.dispatch('shift.report', { shiftId: onlineZ.shiftId }, b.manager))));

    const stored = await storedDrawer(clients().doc, config.tables, offlineZ.shiftId, offlineZ.businessDate);
    expect(stored).toMatchObject({ expectedCents: final.drawer!.expectedCents, closedExpectedCents: final.drawer!.expectedCents, movements: 4 });
    // The shift is on the day's index under the store prefix, by till.
    const { Items = [] } = await clients().doc.send(
      new QueryCommand({ TableName: config.tables.Shifts, IndexName: 'storeDate-tillOpenedAt-index', KeyConditionExpression: 'storeDate = :d AND begins_with(tillOpenedAt, :t)', ExpressionAttributeValues: { ':d': `main#${offlineZ.businessDate}`, ':t': 'T3#' } }),
    );
    expect(Items.map((i) => i.shiftId)).toEqual([offlineZ.shiftId]);
  });
});
