import { randomBytes } from 'node:crypto';
import { ulid } from 'ulid';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Runtime } from '../../src/main/runtime';
import type { CheckoutInput } from '../../src/shared/contract';
import { DEFAULT_PRINTER } from '../../src/shared/printer';
import { squeezed } from '../support/escpos-decode';
import { FakePrinter } from '../support/fake-printer';
import { DEMO, freshCafe, till, ok } from './helpers';

/**
 * The X and the Z on the café's thermal printer, and the drawer opening on every cash movement,
 * against the fake ESC/POS printer on loopback.
 */
let runtime: Runtime;
let fake: FakePrinter;
const barista = { sessionKey: `barista-${randomBytes(4).toString('hex')}` };
const manager = { sessionKey: `manager-${randomBytes(4).toString('hex')}` };

const cart = (tenders: CheckoutInput['tenders']): CheckoutInput => ({
  orderId: ulid(),
  lines: [{ productId: 'espresso', quantity: 1, selection: {}, unitPriceCents: 300 }],
  tenders,
  expectedTotalCents: 324,
});

// Receipts only when asked: the jobs these tests look at are the reports and the kicks.
const printerAt = (drawer = true) => ({ ...DEFAULT_PRINTER, host: fake.host, port: fake.port, drawer, receipts: 'ask' as const });

beforeAll(async () => {
  fake = await FakePrinter.start();
  runtime = till(await freshCafe(), { printer: { timeouts: { connectMs: 500, idleMs: 300 }, retryDelaysMs: [20, 20] } });
  for (const [who, email] of [
    [barista, DEMO.barista],
    [manager, DEMO.manager],
  ] as const) {
    await ok(runtime.dispatch('auth.signIn', { email, password: DEMO.password }, who));
  }
});
afterAll(() => fake.close());

beforeEach(async () => {
  await fake.setMode('print');
  fake.jobs.length = 0;
  await ok(runtime.dispatch('printer.save', printerAt(), manager));
});

async function printed() {
  await runtime.printer.idle();
  return fake.jobs.splice(0);
}

describe('cash movements open the drawer', () => {
  it('a pay-in, pay-out, drop and no-sale each kick the drawer once, and print nothing', async () => {
    await ok(runtime.dispatch('shift.open', { float: { totalCents: 10_000 } }, manager));
    for (const movement of [
      { kind: 'payIn', amountCents: 2_500, reason: 'change from the bank' },
      { kind: 'payOut', amountCents: 400, reason: 'milk' },
      { kind: 'drop', amountCents: 5_000, reason: 'to the safe' },
      { kind: 'noSale', amountCents: 0, reason: 'customer asked for change' },
    ] as const) {
      await ok(runtime.dispatch('shift.movement', movement, manager));
    }
    const jobs = await printed();
    expect(jobs.map((j) => ({ kicks: j.kicks, cuts: j.cuts, text: squeezed(j) }))).toEqual(Array(4).fill({ kicks: 1, cuts: 0, text: [] }));
  });

  it('a printer that is off never loses the movement: it is recorded and counted, the kick shows as failed', async () => {
    await fake.setMode('refuse');
    const before = await ok(runtime.dispatch('shift.report', {}, manager));
    const after = await ok(runtime.dispatch('shift.movement', { kind: 'payOut', amountCents: 150, reason: 'window cleaner' }, manager));
    expect(after.movements.at(-1)).toMatchObject({ kind: 'payOut', amountCents: 150, reason: 'window cleaner' });
    expect(after.drawer!.expectedCents).toBe(before.drawer!.expectedCents - 150);
    await runtime.printer.idle();
    const status = await ok(runtime.dispatch('printer.status', {}, manager));
    expect(status.failed).toEqual([expect.objectContaining({ kind: 'drawer', label: 'Cash drawer for a pay out (window cleaner)' })]);
    await runtime.sync.idle();
    // Journaled and sent like any drawer record, whatever the printer did.
    expect(runtime.sync.status().pendingDrawer).toBe(0);
    for (const f of status.failed) await runtime.dispatch('printer.dismiss', { jobId: f.jobId }, manager);
  });

  it('with no cash drawer on the printer, a movement kicks nothing', async () => {
    await ok(runtime.dispatch('printer.save', printerAt(false), manager));
    await ok(runtime.dispatch('shift.movement', { kind: 'noSale', amountCents: 0, reason: 'checking the roll' }, manager));
    expect(await printed()).toEqual([]);
  });
});

describe('the X and the Z on the thermal printer', () => {
  it('prints the X so far, then the Z with its number, expected, counted and variance; and reprints the Z', async () => {
    await ok(runtime.dispatch('orders.checkout', cart([{ kind: 'cash', amountCents: 500 }]), manager));
    await printed(); // the cash sale's kick

    const x = await ok(runtime.dispatch('shift.report', {}, manager));
    expect(await ok(runtime.dispatch('printer.shiftReport', {}, manager))).toEqual({ queued: true });
    const [xJob] = await printed();
    expect(xJob!.big).toEqual(['X REPORT']);
    const money = (c: number) => `$${(c / 100).toFixed(2)}`;
    expect(squeezed(xJob!)).toEqual(expect.arrayContaining([`Float ${money(10_000)}`, `Expected cash ${money(x.drawer!.expectedCents)}`, 'Pay-outs $5.50', 'No-sales 2']));
    expect(xJob!.kicks).toBe(0);
    expect(xJob!.cuts).toBe(1);

    const z = await ok(runtime.dispatch('shift.close', { count: { totalCents: x.drawer!.expectedCents - 100 }, reason: 'a dollar short' }, manager));
    await ok(runtime.dispatch('printer.shiftReport', { shiftId: z.shiftId }, manager));
    const [zJob] = await printed();
    expect(zJob!.big).toEqual([z.z!.label]);
    expect(z.z!.label).toMatch(/^Z-T1-\d{4}$/);
    expect(squeezed(zJob!)).toEqual(
      expect.arrayContaining([`Expected cash ${money(x.drawer!.expectedCents)}`, `Counted ${money(x.drawer!.expectedCents - 100)}`, 'Short $1.00', 'Reason: a dollar short']),
    );
    expect(zJob!.kicks).toBe(0);

    // A reprint is the same Z, as often as asked; once its records are in the cloud it is no longer "pending sync".
    await runtime.sync.idle();
    await ok(runtime.dispatch('printer.shiftReport', { shiftId: z.shiftId }, manager));
    const [again] = await printed();
    expect(squeezed(again!)).not.toContain('PENDING SYNC');
    expect(squeezed(again!)).toEqual(squeezed(zJob!).filter((l) => l !== 'PENDING SYNC'));
  });

  it('a barista’s print is blind, as their screen is: the count, never expected cash or the variance', async () => {
    await ok(runtime.dispatch('shift.open', { float: { totalCents: 5_000 } }, barista));
    const z = await ok(runtime.dispatch('shift.close', { count: { totalCents: 5_000 } }, barista));
    await ok(runtime.dispatch('printer.shiftReport', { shiftId: z.shiftId }, barista));
    const [job] = await printed();
    const lines = squeezed(job!);
    expect(job!.big).toEqual([z.z!.label]);
    expect(lines).toContain('Counted $50.00');
    expect(lines.some((l) => /Expected|Short|Over|Cash sales|Change given|Cash taken/.test(l))).toBe(false);
  });

  it('a manager’s X that failed to print is retried by a manager only: a barista can’t print expected cash through Retry', async () => {
    await ok(runtime.dispatch('shift.open', { float: { totalCents: 5_000 } }, manager));
    await fake.setMode('refuse');
    await ok(runtime.dispatch('printer.shiftReport', {}, manager));
    await runtime.printer.idle();
    const failed = (await ok(runtime.dispatch('printer.status', {}, barista))).failed.find((f) => f.label === 'X report');
    expect(failed).toBeDefined();
    await fake.setMode('print');
    expect(await runtime.dispatch('printer.retry', { jobId: failed!.jobId }, barista)).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN', message: 'The X report shows the drawer’s expected cash: a manager prints it again.' },
    });
    expect(await printed()).toEqual([]);
    await ok(runtime.dispatch('printer.retry', { jobId: failed!.jobId }, manager));
    const [job] = await printed();
    expect(squeezed(job!).some((l) => l.startsWith('Expected cash'))).toBe(true);
    await ok(runtime.dispatch('shift.close', { count: { totalCents: 5_000 } }, manager));
  });

  it('with no printer set up, main says so and the window prints instead', async () => {
    await ok(runtime.dispatch('printer.save', DEFAULT_PRINTER, manager));
    expect(await runtime.dispatch('printer.shiftReport', {}, manager)).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
  });
});
