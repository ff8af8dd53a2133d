import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Product } from '../../src/shared/menu';
import { lineAllocations, lineRefundCents, newOrder, pointsReversal, type Order, type OrderLine, type Refund } from '../../src/shared/orders';
import { orderTotals, priceLine, settle, type Discount, type Tender } from '../../src/shared/pricing';
import { allocate, businessDatesBetween, changePerTender, emptyReport, mergeReports, rangeProblem, salesReport, UNCATEGORIZED, type SalesReport } from '../../src/shared/reports';

const product = (productId: string, name: string, category: string, priceCents: number): Product => ({
  productId,
  name,
  description: '',
  category,
  priceCents,
  modifierGroups: [],
  available: true,
  sortOrder: 0,
  version: 1,
  updatedAt: '2026-01-01T00:00:00.000Z',
  updatedBy: 'seed',
});
const MENU = [
  product('latte', 'Latte', 'Coffee', 475),
  product('flat', 'Flat white', 'Coffee', 450),
  product('muffin', 'Muffin, "blueberry"', 'Bakery', 325),
  product('tea', 'Tea', 'Tea', 299),
  product('odd', 'Odd item', 'Coffee', 1),
];
const CATEGORIES = Object.fromEntries(MENU.filter((p) => p.productId !== 'odd').map((p) => [p.productId, p.category]));
const STAFF = [
  { userId: 'u1', name: 'Mia', email: 'mia@example.com' },
  { userId: 'u2', name: 'Noah, Jr.', email: 'noah@example.com' },
];

const discount: fc.Arbitrary<Discount | undefined> = fc.oneof(
  fc.constant(undefined),
  fc.integer({ min: 0, max: 10_000 }).map((bps) => ({ kind: 'percent' as const, bps })),
  fc.integer({ min: 0, max: 3_000 }).map((cents) => ({ kind: 'amount' as const, cents })),
);

interface OrderPlan {
  lines: { product: number; quantity: number; discount: Discount | undefined }[];
  orderDiscount: Discount | undefined;
  reward: number;
  taxRateBps: number;
  taxInclusive: boolean;
  cardShare: number;
  extraCash: number;
  tendersCarryChange: boolean;
  customer: boolean;
  minute: number;
  day: number;
  staff: number;
  refunds: { line: number; quantity: number }[];
  wholeRefund: boolean;
  cancel: boolean;
}

const plan: fc.Arbitrary<OrderPlan> = fc.record({
  lines: fc.array(fc.record({ product: fc.nat(MENU.length - 1), quantity: fc.integer({ min: 1, max: 6 }), discount }), { minLength: 1, maxLength: 5 }),
  orderDiscount: discount,
  reward: fc.constantFrom(0, 0, 200, 400),
  taxRateBps: fc.constantFrom(0, 800, 1_000, 2_000),
  taxInclusive: fc.boolean(),
  cardShare: fc.double({ min: 0, max: 1, noNaN: true }),
  extraCash: fc.integer({ min: 0, max: 2_000 }),
  tendersCarryChange: fc.boolean(),
  customer: fc.boolean(),
  minute: fc.integer({ min: 0, max: 24 * 60 - 1 }),
  day: fc.integer({ min: 1, max: 3 }),
  staff: fc.nat(STAFF.length - 1),
  refunds: fc.array(fc.record({ line: fc.nat(4), quantity: fc.integer({ min: 1, max: 3 }) }), { maxLength: 3 }),
  wholeRefund: fc.boolean(),
  cancel: fc.boolean(),
});

/** An order as main would make it: priced, settled, then refunded and cancelled by the service's rules. */
function build(p: OrderPlan, seq: number): Order {
  const lines: OrderLine[] = p.lines.map((l, i) => ({
    lineId: String(i + 1),
    ...priceLine({ product: MENU[l.product]!, quantity: l.quantity, selection: {}, ...(l.discount && { discount: l.discount }) }),
    ...(l.discount && { discount: l.discount }),
    refundedQuantity: 0,
  }));
  const totals = orderTotals(lines, p.orderDiscount, { rateBps: p.taxRateBps, inclusive: p.taxInclusive }, p.reward);
  const card = Math.floor(totals.totalCents * p.cardShare);
  const cash = totals.totalCents - card + (totals.totalCents > 0 ? p.extraCash : 0);
  const tenders: Tender[] = [...(card > 0 ? [{ kind: 'card' as const, amountCents: card }] : []), ...(cash > 0 ? [{ kind: 'cash' as const, amountCents: cash }] : [])];
  const settlement = settle(totals.totalCents, tenders);
  const at = new Date(Date.UTC(2026, 2, p.day, 0, p.minute));
  const by = STAFF[p.staff]!;
  let order = newOrder({
    orderId: `o${seq}`,
    terminalId: 'T1',
    seq,
    at,
    by,
    lines,
    totals,
    shop: { taxRateBps: p.taxRateBps, taxInclusive: p.taxInclusive, loyalty: { earnPointsPerDollar: 1, redeemBlockPoints: 60, redeemBlockValueCents: 200 } },
    tenders,
    settlement,
    ...(p.orderDiscount && { orderDiscount: p.orderDiscount }),
    ...(p.customer && { customer: { userId: 'c1', name: 'Ada' }, pointsRedeemed: p.reward > 0 ? 60 : 0 }),
  });
  order = { ...order, businessDate: at.toISOString().slice(0, 10) };
  if (p.tendersCarryChange && settlement.changeCents > 0) {
    order.tenders = order.tenders.map((t) => (t.kind === 'cash' ? { ...t, changeCents: settlement.changeCents } : t));
  }
  const refundAt = new Date(at.getTime() + 60_000).toISOString();
  const change = (next: Partial<Order>) => {
    const merged = { ...order, ...next };
    const { reverseEarned, returnRedeemed } = pointsReversal(order, merged.refundedCents);
    if (order.customerId) {
      merged.pointsReversed = (order.pointsReversed ?? 0) + reverseEarned;
      merged.pointsReturned = order.pointsReturned || returnRedeemed > 0;
    }
    order = merged;
  };
  const refund = (amountCents: number, lines: Refund['lines'], reason = 'wrong milk', when = refundAt): Refund => ({ refundId: `r${order.refunds.length}`, at: when, by, reason, amountCents, lines });
  for (const r of p.refunds) {
    const index = r.line % order.lines.length;
    const line = order.lines[index]!;
    const quantity = Math.min(r.quantity, line.quantity - line.refundedQuantity);
    const left = order.totalCents - order.refundedCents;
    if (quantity <= 0 || left <= 0) continue;
    const amount = Math.min(lineRefundCents(lineAllocations(order)[index]!, line.quantity, line.refundedQuantity, quantity), left);
    change({
      lines: order.lines.map((l, i) => (i === index ? { ...l, refundedQuantity: l.refundedQuantity + quantity } : l)),
      refunds: [...order.refunds, refund(amount, [{ lineId: line.lineId, quantity }])],
      refundedCents: order.refundedCents + amount,
    });
  }
  if (p.wholeRefund && order.totalCents - order.refundedCents > 0 && !p.cancel) {
    const amount = order.totalCents - order.refundedCents;
    change({ lines: order.lines.map((l) => ({ ...l, refundedQuantity: l.quantity })), refunds: [...order.refunds, refund(amount, [])], refundedCents: order.totalCents });
  }
  if (p.cancel) {
    const cancelAt = new Date(at.getTime() + 120_000).toISOString();
    const remaining = order.totalCents - order.refundedCents;
    change({
      status: 'cancelled',
      statusHistory: [...order.statusHistory, { status: 'cancelled', at: cancelAt, by, reason: 'customer left' }],
      refunds: [...order.refunds, ...(remaining > 0 ? [refund(remaining, [], 'Cancelled: customer left', cancelAt)] : [])],
      refundedCents: order.totalCents,
      lines: order.lines.map((l) => ({ ...l, refundedQuantity: l.quantity })),
    });
  }
  return order;
}

const orders = fc.array(plan, { maxLength: 25 }).map((plans) => plans.map((p, i) => build(p, i + 1)));
const options = { timeZone: 'America/New_York', categories: CATEGORIES };
const sum = <T>(rows: readonly T[], f: (r: T) => number) => rows.reduce((s, r) => s + f(r), 0);

describe('sales report invariants', () => {
  it('items, categories, hours, staff and days each add up to net sales', () => {
    fc.assert(
      fc.property(orders, (list) => {
        const r = salesReport(list, options);
        expect(sum(r.byItem, (x) => x.netSalesCents)).toBe(r.netSalesCents);
        expect(sum(r.byCategory, (x) => x.netSalesCents)).toBe(r.netSalesCents);
        expect(sum(r.byHour, (x) => x.netSalesCents)).toBe(r.netSalesCents);
        expect(sum(r.byStaff, (x) => x.netSalesCents)).toBe(r.netSalesCents);
        expect(sum(r.byDay, (x) => x.netSalesCents)).toBe(r.netSalesCents);
        expect(sum(r.byDay, (x) => x.taxCents)).toBe(r.taxCents);
        expect(sum(r.byTill, (x) => x.netSalesCents)).toBe(r.netSalesCents);
        expect(sum(r.byTill, (x) => x.orders)).toBe(r.orderCount);
        expect(sum(r.byCategory, (x) => x.quantity)).toBe(sum(r.byItem, (x) => x.quantity));
      }),
      { numRuns: 300 },
    );
  });

  it('tenders − change − refunds = charged − refunds − cancellations = net sales + tax', () => {
    fc.assert(
      fc.property(orders, (list) => {
        const r = salesReport(list, options);
        const taken = sum(r.tenders, (t) => t.takenCents);
        const change = sum(r.tenders, (t) => t.changeCents);
        const back = sum(r.tenders, (t) => t.refundedCents);
        expect(back).toBe(r.refundsCents + r.cancellationsCents);
        expect(taken - change - back).toBe(r.netSalesCents + r.taxCents);
        expect(sum(r.tenders, (t) => t.netCents)).toBe(r.netSalesCents + r.taxCents);
        expect(r.chargedCents - r.refundsCents - r.cancellationsCents).toBe(r.netSalesCents + r.taxCents);
        expect(taken - change).toBe(r.chargedCents);
        // No tender gives back more than it took.
        for (const t of r.tenders) expect(t.netCents).toBeGreaterThanOrEqual(0);
        for (const x of [...r.byItem, ...r.byCategory]) expect(x.netSalesCents).toBeGreaterThanOrEqual(0);
      }),
      { numRuns: 300 },
    );
  });

  it('merging the reports of two disjoint sets of orders is the report of their union', () => {
    fc.assert(
      fc.property(orders, fc.nat(), (list, cut) => {
        const at = list.length === 0 ? 0 : cut % (list.length + 1);
        const a = list.slice(0, at);
        const b = list.slice(at);
        const whole = salesReport(list, options);
        expect(mergeReports(salesReport(a, options), salesReport(b, options))).toEqual(whole);
        expect(mergeReports(salesReport(b, options), salesReport(a, options))).toEqual(whole);
        expect(mergeReports(emptyReport(), whole)).toEqual(whole);
      }),
      { numRuns: 200 },
    );
  });

  it('a cancelled or fully refunded order keeps no sales and no tax; an untouched one keeps its net and tax', () => {
    fc.assert(
      fc.property(plan, (p) => {
        const order = build({ ...p, refunds: [], wholeRefund: false, cancel: false }, 1);
        const r = salesReport([order], options);
        expect(r.netSalesCents + r.taxCents).toBe(order.totalCents);
        expect(r.taxCents).toBe(order.taxCents);
        const gone = salesReport([build({ ...p, cancel: true }, 1)], options);
        expect([gone.netSalesCents, gone.taxCents, gone.orderCount, gone.cancelledCount]).toEqual([0, 0, 0, 1]);
      }),
    );
  });
});

describe('sales report figures', () => {
  const base = { refunds: [], wholeRefund: false, cancel: false, reward: 0, orderDiscount: undefined, customer: false, extraCash: 0, tendersCarryChange: false, day: 1, staff: 0 };
  // 13:05 UTC on 1 March is 08:05 in New York.
  const latte2: OrderPlan = { ...base, lines: [{ product: 0, quantity: 2, discount: undefined }], taxRateBps: 800, taxInclusive: false, cardShare: 0, extraCash: 1_000, minute: 13 * 60 + 5 };
  const muffinCard: OrderPlan = { ...base, lines: [{ product: 2, quantity: 1, discount: { kind: 'amount', cents: 25 } }], taxRateBps: 800, taxInclusive: false, cardShare: 1, minute: 13 * 60 + 40, staff: 1 };

  it('reads a small day right to the cent', () => {
    // Latte ×2: 950 + 76 tax = 1026, paid 2026 cash, 1000 change. Muffin 325 − 25 = 300 + 24 tax = 324 by card.
    const r = salesReport([build(latte2, 1), build(muffinCard, 2)], options);
    expect(r).toMatchObject({ orderCount: 2, grossSalesCents: 1_275, discountsCents: 25, chargedCents: 1_350, netSalesCents: 1_250, taxCents: 100, averageTicketCents: 675 });
    expect(r.tenders).toEqual([
      { kind: 'cash', count: 1, takenCents: 2_026, changeCents: 1_000, refundedCents: 0, netCents: 1_026 },
      { kind: 'card', count: 1, takenCents: 324, changeCents: 0, refundedCents: 0, netCents: 324 },
    ]);
    expect(r.byCategory).toEqual([
      { category: 'Bakery', quantity: 1, refundedQuantity: 0, netSalesCents: 300 },
      { category: 'Coffee', quantity: 2, refundedQuantity: 0, netSalesCents: 950 },
    ]);
    expect(r.byHour[8]).toEqual({ hour: 8, orders: 2, netSalesCents: 1_250 });
    expect(r.byStaff.map((s) => [s.name, s.orders, s.netSalesCents])).toEqual([
      ['Mia', 1, 950],
      ['Noah, Jr.', 1, 300],
    ]);
  });

  it('counts a cash-on-delivery order under its own tender, so the tenders still add up to net sales + tax', () => {
    // Paid to the shipper, not the till: no tender on the order, its total due on delivery.
    const cod: Order = { ...build(muffinCard, 3), tenders: [], paidCents: 0, changeCents: 0, orderType: 'delivery', delivery: { payOnDelivery: true } as Order['delivery'] };
    const r = salesReport([build(latte2, 1), cod], options);
    expect(r.tenders.map((t) => [t.kind, t.count, t.takenCents, t.netCents])).toEqual([
      ['cash', 1, 2_026, 1_026],
      ['cashOnDelivery', 1, 324, 324],
    ]);
    expect(sum(r.tenders, (t) => t.netCents)).toBe(r.netSalesCents + r.taxCents);
  });

  it('splits a refund from a cancellation and takes the refund back out of the item and its tax', () => {
    const refunded = build({ ...latte2, refunds: [{ line: 0, quantity: 1 }] }, 1);
    const cancelled = build({ ...muffinCard, cancel: true }, 2);
    const r = salesReport([refunded, cancelled], options);
    expect(r).toMatchObject({ orderCount: 1, cancelledCount: 1, refundCount: 1, refundsCents: 513, cancellationsCents: 324, netSalesCents: 475, taxCents: 38 });
    expect(r.tenders.find((t) => t.kind === 'card')).toMatchObject({ refundedCents: 324, netCents: 0 });
    expect(r.tenders.find((t) => t.kind === 'cash')).toMatchObject({ refundedCents: 513, netCents: 513 });
    expect(r.byItem.find((i) => i.productId === 'latte')).toMatchObject({ quantity: 2, refundedQuantity: 1, netSalesCents: 475 });
  });

  it('puts a product the catalogue no longer knows under Uncategorized', () => {
    const r = salesReport([build({ ...latte2, lines: [{ product: 4, quantity: 1, discount: undefined }] }, 1)], options);
    expect(r.byCategory.map((c) => c.category)).toEqual([UNCATEGORIZED]);
  });

  it('uses refund tenders when the refund records them', () => {
    const order = build({ ...latte2, cardShare: 0.5, extraCash: 0 }, 1);
    const withTenders = { ...order, refunds: [{ refundId: 'r', at: order.createdAt, by: order.createdBy, reason: 'x', amountCents: 100, lines: [], tenders: [{ kind: 'card' as const, amountCents: 100 }] }], refundedCents: 100 };
    const r = salesReport([withTenders], options);
    expect(r.tenders.find((t) => t.kind === 'card')?.refundedCents).toBe(100);
    expect(r.tenders.find((t) => t.kind === 'cash')?.refundedCents).toBe(0);
  });

  it('reads hours in the shop’s time zone', () => {
    const order = build(latte2, 1);
    expect(salesReport([order], { timeZone: 'UTC' }).byHour[13]?.orders).toBe(1);
    expect(salesReport([order], { timeZone: 'Asia/Tokyo' }).byHour[22]?.orders).toBe(1);
  });

  it('charges change to cash tenders when the order only records it as a whole', () => {
    expect(changePerTender({ tenders: [{ kind: 'card', amountCents: 500 }, { kind: 'cash', amountCents: 1_000 }], changeCents: 300 })).toEqual([0, 300]);
  });

  it('allocates exactly', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 1_000_000 }), fc.array(fc.nat(100_000), { minLength: 1, maxLength: 8 }), (total, weights) => {
        const shares = allocate(total, weights);
        if (weights.some((w) => w > 0)) expect(shares.reduce((a, b) => a + b, 0)).toBe(total);
        shares.forEach((s, i) => weights[i] === 0 && expect(s).toBe(0));
      }),
    );
  });

  it('an empty report has 24 empty hours', () => {
    const r: SalesReport = salesReport([], options);
    expect(r.byHour).toHaveLength(24);
    expect(r.averageTicketCents).toBe(0);
  });
});

describe('report ranges', () => {
  it('lists the days of a range across a month end and a leap day', () => {
    expect(businessDatesBetween('2028-02-27', '2028-03-01')).toEqual(['2028-02-27', '2028-02-28', '2028-02-29', '2028-03-01']);
    expect(businessDatesBetween('2026-11-25', '2026-11-25')).toEqual(['2026-11-25']);
  });

  it('says what is wrong with a range', () => {
    expect(rangeProblem('2026-01-01', '2026-01-31')).toBeNull();
    expect(rangeProblem('2026-01-01', '2026-02-01')).toBe('2026-01-01 to 2026-02-01 is 32 days; a report covers at most 31. Choose a shorter range.');
    expect(rangeProblem('2026-02-02', '2026-02-01')).toBe('The start date 2026-02-02 is after the end date 2026-02-01.');
    expect(rangeProblem('2026-02-30', '2026-03-01')).toMatch(/isn’t a date/);
  });
});
