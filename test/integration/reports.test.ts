import Papa from 'papaparse';
import { randomBytes } from 'node:crypto';
import { ulid } from 'ulid';
import { beforeAll, describe, expect, it } from 'vitest';
import type { CheckoutInput } from '../../src/shared/contract';
import type { Order } from '../../src/shared/orders';
import type { Runtime } from '../../src/main/runtime';
import { demoCart, DEMO, freshCafe, till } from './helpers';

/**
 * A day of sales rung on two tills, then read back as the manager's report, to the cent. The
 * figures below are worked out by hand from the demo menu (8% tax, exclusive):
 *   A 09:15 T1 barista  Latte (L, oat) + Espresso  910 + 73 = 983, $20 cash (1017 change)
 *   B 09:40 T1 manager  Espresso                    300 + 24 = 324, card
 *   C 14:05 T1 barista  Latte + Espresso            983, card; the espresso refunded (324 back)
 *   D 15:00 T1 barista  Espresso                    324, $5 cash (176 change); cancelled
 *   E 10:00 T2 barista  English Breakfast Tea       300 + 24 = 324, card
 *   F next day T1       Latte + Espresso            983, $10 cash (17 change)
 */
let clock = new Date(2026, 2, 2, 9, 15);
const now = () => clock;
let t1: Runtime;
let t2: Runtime;
const barista = { sessionKey: `b-${randomBytes(4).toString('hex')}` };
const manager = { sessionKey: `m-${randomBytes(4).toString('hex')}` };
const espresso = { productId: 'espresso', quantity: 1, selection: {}, unitPriceCents: 300 };
const tea = { productId: 'english-breakfast', quantity: 1, selection: {}, unitPriceCents: 300 };

async function ring(runtime: Runtime, at: Date, input: CheckoutInput, who = barista): Promise<Order> {
  clock = at;
  const result = await runtime.dispatch('orders.checkout', input, who);
  if (!result.ok) throw new Error(`${result.error.code}: ${result.error.message}`);
  return result.data;
}
const one = (line: typeof espresso, tenders: CheckoutInput['tenders']): CheckoutInput => ({ orderId: ulid(), lines: [line], tenders, expectedTotalCents: 324 });

beforeAll(async () => {
  const config = await freshCafe();
  t1 = till(config, { terminalId: 'T1', now });
  t2 = till(config, { terminalId: 'T2', now });
  for (const runtime of [t1, t2]) {
    for (const [who, email] of [
      [barista, DEMO.barista],
      [manager, DEMO.manager],
    ] as const) {
      expect((await runtime.dispatch('auth.signIn', { email, password: DEMO.password }, who)).ok).toBe(true);
    }
  }
  await ring(t1, new Date(2026, 2, 2, 9, 15), demoCart());
  await ring(t1, new Date(2026, 2, 2, 9, 40), one(espresso, [{ kind: 'card', amountCents: 324 }]), manager);
  const c = await ring(t1, new Date(2026, 2, 2, 14, 5), demoCart(undefined, { tenders: [{ kind: 'card', amountCents: 983 }] }));
  const refund = await t1.dispatch('orders.refund', { orderId: c.orderId, reason: 'cold', lines: [{ lineId: '2', quantity: 1 }] }, manager);
  expect(refund.ok && refund.data.refundedCents).toBe(324);
  const d = await ring(t1, new Date(2026, 2, 2, 15, 0), one(espresso, [{ kind: 'cash', amountCents: 500 }]));
  expect((await t1.dispatch('orders.cancel', { orderId: d.orderId, reason: 'customer left' }, manager)).ok).toBe(true);
  await ring(t2, new Date(2026, 2, 2, 10, 0), one(tea, [{ kind: 'card', amountCents: 324 }]));
  await ring(t1, new Date(2026, 2, 3, 8, 30), demoCart(undefined, { tenders: [{ kind: 'cash', amountCents: 1000 }] }));
  await Promise.all([t1.sync.idle(), t2.sync.idle()]);
});

async function sales(input: { from: string; to: string; terminalId?: string }) {
  const result = await t1.dispatch('reports.sales', input, manager);
  if (!result.ok) throw new Error(`${result.error.code}: ${result.error.message}`);
  return result.data;
}

describe('reports.sales', () => {
  it('a day on all tills, right to the cent', async () => {
    const { report, terminalId } = await sales({ from: '2026-03-02', to: '2026-03-02' });
    expect(terminalId).toBeNull();
    expect(report).toMatchObject({
      orderCount: 4,
      cancelledCount: 1,
      refundCount: 1,
      grossSalesCents: 2_720,
      discountsCents: 0,
      chargedCents: 2_938,
      refundsCents: 324,
      cancellationsCents: 324,
      netSalesCents: 2_120,
      taxCents: 170,
      averageTicketCents: 573,
    });
    expect(report.tenders).toEqual([
      { kind: 'cash', count: 2, takenCents: 2_500, changeCents: 1_193, refundedCents: 324, netCents: 983 },
      { kind: 'card', count: 3, takenCents: 1_631, changeCents: 0, refundedCents: 324, netCents: 1_307 },
    ]);
    expect(report.byCategory).toEqual([
      { category: 'Coffee', quantity: 6, refundedQuantity: 2, netSalesCents: 1_820 },
      { category: 'Tea', quantity: 1, refundedQuantity: 0, netSalesCents: 300 },
    ]);
    expect(report.byItem.map((i) => [i.name, i.quantity, i.refundedQuantity, i.netSalesCents])).toEqual([
      ['English Breakfast Tea', 1, 0, 300],
      ['Espresso', 4, 2, 600],
      ['Latte', 2, 0, 1_220],
    ]);
    expect(report.byHour.filter((h) => h.orders > 0 || h.netSalesCents > 0).map((h) => [h.hour, h.orders, h.netSalesCents])).toEqual([
      [9, 2, 1_210],
      [10, 1, 300],
      [14, 1, 610],
    ]);
    expect(report.byStaff.map((s) => [s.name, s.orders, s.netSalesCents]).toSorted()).toEqual([
      ['Jamie Cruz', 3, 1_820],
      ['Morgan Lee', 1, 300],
    ]);
  });

  it('one till', async () => {
    const { report } = await sales({ from: '2026-03-02', to: '2026-03-02', terminalId: 't1' });
    expect(report).toMatchObject({ orderCount: 3, cancelledCount: 1, netSalesCents: 1_820, taxCents: 146 });
  });

  it('a range adds the days and lists each', async () => {
    const { report } = await sales({ from: '2026-03-01', to: '2026-03-03' });
    expect(report).toMatchObject({ orderCount: 5, netSalesCents: 3_030, taxCents: 243 });
    expect(report.byDay).toEqual([
      { businessDate: '2026-03-02', orders: 4, netSalesCents: 2_120, taxCents: 170 },
      { businessDate: '2026-03-03', orders: 1, netSalesCents: 910, taxCents: 73 },
    ]);
  });

  it('the orders as CSV, one row per order, parsing back to the same totals', async () => {
    const result = await t1.dispatch('reports.ordersCsv', { from: '2026-03-02', to: '2026-03-02' }, manager);
    if (!result.ok) throw new Error(result.error.message);
    expect(result.data).toMatchObject({ filename: 'orders-2026-03-02.csv', rows: 5 });
    const rows = Papa.parse<Record<string, string>>(result.data.csv, { header: true, skipEmptyLines: true }).data;
    expect(rows).toHaveLength(5);
    const cents = (s: string) => Math.round(Number(s) * 100);
    expect(rows.reduce((s, r) => s + cents(r.total!) - cents(r.refunded!), 0)).toBe(2_290);
    expect(rows.map((r) => r.staff)).toContain('Morgan Lee');
    expect(rows.find((r) => r.status === 'cancelled')?.items).toBe('1 × Espresso');
  });

  it('a barista is refused by main', async () => {
    const result = await t1.dispatch('reports.sales', { from: '2026-03-02', to: '2026-03-02' }, barista);
    expect(result).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    const csv = await t1.dispatch('reports.ordersCsv', { from: '2026-03-02', to: '2026-03-02' }, barista);
    expect(csv).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
  });

  it('a bad range gets a clear message', async () => {
    const long = await t1.dispatch('reports.sales', { from: '2026-01-01', to: '2026-03-01' }, manager);
    expect(long).toMatchObject({ ok: false, error: { code: 'VALIDATION', message: '2026-01-01 to 2026-03-01 is 60 days; a report covers at most 31. Choose a shorter range.' } });
    const backwards = await t1.dispatch('reports.sales', { from: '2026-03-02', to: '2026-03-01' }, manager);
    expect(backwards).toMatchObject({ ok: false, error: { code: 'VALIDATION', message: 'The start date 2026-03-02 is after the end date 2026-03-01.' } });
    const shape = await t1.dispatch('reports.sales', { from: '2 March', to: '2026-03-01' }, manager);
    expect(shape).toMatchObject({ ok: false, error: { code: 'VALIDATION', message: expect.stringContaining('The start date must look like 2026-11-25.') } });
    const notADay = await t1.dispatch('reports.sales', { from: '2026-02-30', to: '2026-03-01' }, manager);
    expect(notADay).toMatchObject({ ok: false, error: { code: 'VALIDATION', message: 'The start date “2026-02-30” isn’t a date: dates look like 2026-11-25.' } });
  });
});
