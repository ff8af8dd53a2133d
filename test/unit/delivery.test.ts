import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { pointsEarned } from '../../src/shared/customers';
import { fulfilmentSchema } from '../../src/shared/contract';
import { DELIVERY_MOVES, DELIVERY_STATUSES, deliveryMoveProblem, type DeliveryAction, type DeliveryStatus } from '../../src/shared/delivery';
import { DEMO_PRODUCTS, DEMO_SETTINGS } from '../../src/main/local/demo-data';
import type { Product } from '../../src/shared/menu';
import { fulfilmentFields } from '../../src/shared/orders';
import { orderTotals, priceLine, type PricedLine } from '../../src/shared/pricing';
import { shopSettingsSchema } from '../../src/shared/settings';
import { fillFromCustomer, fulfilmentFor, fulfilmentProblems, nextOrderType } from '../../src/shared/fulfilment';

const product = (id: string): Product => {
  const p = DEMO_PRODUCTS.find((d) => d.productId === id)!;
  return { modifierGroups: [], available: true, sortOrder: 0, version: 1, updatedAt: '', updatedBy: '', ...p } as Product;
};
const latte = product('latte');
const espresso = product('espresso');
const exclusive8 = { rateBps: 800, inclusive: false };
const demoFee = { cents: DEMO_SETTINGS.delivery!.feeCents, taxed: DEMO_SETTINGS.delivery!.taxed };

describe('the delivery fee', () => {
  it('demo: Latte + Espresso delivered, $7.50 + $2.00 fee, 8% on both: tax $0.76, total $10.26; earns 7 points, not 9', () => {
    const lines = [priceLine({ product: latte, quantity: 1, selection: { size: ['small'], milk: ['whole'] } }), priceLine({ product: espresso, quantity: 1, selection: {} })];
    const t = orderTotals(lines, undefined, exclusive8, 0, demoFee);
    expect(t).toMatchObject({ subtotalCents: 750, netCents: 750, feeCents: 200, taxCents: 76, totalCents: 1026 });
    expect(pointsEarned(t, DEMO_SETTINGS.loyalty)).toBe(7);
  });

  it('tax-inclusive with a taxed $2.00 fee at 8%: $21.60 of goods is $20.00 before tax and earns 20 points, not 19', () => {
    const t = orderTotals([priceLine({ product: { ...espresso, priceCents: 2160 }, quantity: 1, selection: {} })], undefined, { rateBps: 800, inclusive: true }, 0, { cents: 200, taxed: true });
    expect(t).toMatchObject({ totalCents: 2360, taxCents: 175, feeCents: 200 });
    expect(pointsEarned(t, DEMO_SETTINGS.loyalty)).toBe(20);
  });

  it('untaxed: the fee is added after tax; tax-inclusive: it is part of the total and of its tax', () => {
    const lines = [priceLine({ product: espresso, quantity: 1, selection: {} })];
    expect(orderTotals(lines, undefined, exclusive8, 0, { cents: 200, taxed: false })).toMatchObject({ taxCents: 24, totalCents: 524 });
    // $3.00 + $2.00 with 8% included: tax = 500 − round(500 / 1.08) = 500 − 463.
    expect(orderTotals(lines, undefined, { rateBps: 800, inclusive: true }, 0, { cents: 200, taxed: true })).toMatchObject({ taxCents: 37, totalCents: 500 });
  });

  it('is never discounted, and adds exactly the fee (and its tax when taxed) to any order (property)', () => {
    const lineArb: fc.Arbitrary<PricedLine> = fc
      .record({ price: fc.integer({ min: 0, max: 5_000 }), quantity: fc.integer({ min: 1, max: 5 }), off: fc.integer({ min: 0, max: 10_000 }) })
      .map(({ price, quantity, off }) => priceLine({ product: { ...espresso, priceCents: price }, quantity, selection: {}, discount: off > 0 ? { kind: 'percent', bps: off } : undefined }));
    fc.assert(
      fc.property(
        fc.array(lineArb, { minLength: 1, maxLength: 4 }),
        fc.integer({ min: 0, max: 10_000 }),
        fc.boolean(),
        fc.record({ rateBps: fc.integer({ min: 0, max: 3_000 }), inclusive: fc.boolean() }),
        fc.integer({ min: 0, max: 3_000 }),
        (lines, fee, taxed, tax, reward) => {
          const without = orderTotals(lines, { kind: 'percent', bps: 10_000 }, tax, reward);
          const withFee = orderTotals(lines, { kind: 'percent', bps: 10_000 }, tax, reward, { cents: fee, taxed });
          // A 100% order discount leaves only the fee (and its tax) to pay.
          expect(without.totalCents).toBe(0);
          expect(withFee.totalCents).toBe(fee + (tax.inclusive || !taxed ? 0 : withFee.taxCents));
          const plain = orderTotals(lines, undefined, tax, reward);
          const delivered = orderTotals(lines, undefined, tax, reward, { cents: fee, taxed: false });
          expect(delivered.totalCents - plain.totalCents).toBe(fee);
          expect(delivered.taxCents).toBe(plain.taxCents);
          expect(pointsEarned(delivered, DEMO_SETTINGS.loyalty)).toBe(pointsEarned(plain, DEMO_SETTINGS.loyalty));
          // Taxed, the fee still earns nothing, and its share of the tax takes nothing off the goods' points.
          const taxedFee = orderTotals(lines, undefined, tax, reward, { cents: fee, taxed: true });
          expect(pointsEarned(taxedFee, DEMO_SETTINGS.loyalty)).toBe(pointsEarned(plain, DEMO_SETTINGS.loyalty));
        },
      ),
    );
  });

  it('settings: the fee is cents between 0 and 10000 and says so', () => {
    const base = { ...DEMO_SETTINGS };
    expect(shopSettingsSchema.safeParse(base).success).toBe(true);
    const bad = shopSettingsSchema.safeParse({ ...base, delivery: { feeCents: 20_000, taxed: true } });
    expect(bad.success || bad.error.issues[0]!.message).toBe('delivery.feeCents must be between 0 and 10000 (cents: 200 = 2.00).');
    const missing = shopSettingsSchema.safeParse({ ...base, delivery: { feeCents: 200 } });
    expect(missing.success || missing.error.issues[0]!.message).toBe('delivery.taxed is missing.');
  });
});

describe('order types', () => {
  it('Alt+T goes round For here → To go → Pickup → Delivery → For here', () => {
    expect([nextOrderType('forHere'), nextOrderType('toGo'), nextOrderType('pickup'), nextOrderType('delivery')]).toEqual(['toGo', 'pickup', 'delivery', 'forHere']);
  });

  it('a delivery without phone or address gets a message for each, and is not sellable', () => {
    const problems = fulfilmentProblems({ type: 'delivery', name: 'Ada', phone: '', address: '' });
    expect(problems).toEqual({ phone: 'A delivery needs a phone number for the shipper to call.', address: 'A delivery needs an address: street and number at least.' });
    const bad = fulfilmentSchema.safeParse({ type: 'delivery', name: 'Ada', phone: '12', address: '12 Analytical Row' });
    expect(bad.success || bad.error.issues[0]!.message).toBe('That phone number doesn’t look right: use 10 digits, or + and the country code.');
    expect(fulfilmentProblems({ type: 'pickup', name: 'Ada', time: '25:00' })).toEqual({ time: 'Choose a pickup time like 14:30.' });
  });

  it('a loyalty customer fills a delivery’s name, phone and address, never over what was typed', () => {
    const ada = { customerId: 'cust-ada', name: 'Ada Lovelace', phone: '+15550100100', address: '12 Analytical Row, Apt 3' };
    expect(fulfilmentFor('delivery', ada)).toEqual({ type: 'delivery', name: 'Ada Lovelace', phone: '+15550100100', address: '12 Analytical Row, Apt 3' });
    expect(fulfilmentProblems(fulfilmentFor('delivery', ada))).toBeNull();
    expect(fillFromCustomer({ type: 'delivery', name: '', phone: '', address: '1 Other St' }, ada)).toMatchObject({ name: 'Ada Lovelace', phone: '+15550100100', address: '1 Other St' });
  });

  it('the order keeps its type, and a delivery starts waiting for a shipper', () => {
    expect(fulfilmentFields(undefined, 0, false)).toEqual({ orderType: 'forHere' });
    expect(fulfilmentFields({ type: 'pickup', name: 'Ada', time: '14:30' }, 0, false)).toEqual({ orderType: 'pickup', pickup: { name: 'Ada', time: '14:30' } });
    expect(fulfilmentFields({ type: 'delivery', name: 'Ada', phone: '+15550100100', address: 'x', payOnDelivery: true }, 200, true).delivery).toEqual({
      name: 'Ada',
      phone: '+15550100100',
      address: 'x',
      feeCents: 200,
      feeTaxed: true,
      payOnDelivery: true,
      status: 'waiting',
      history: [],
    });
  });
});

describe('the delivery state machine', () => {
  const alex = { userId: 'u-alex', name: 'Alex Kim', email: 'shipper@coffeecloud.dev' };
  const sam = { userId: 'u-sam', name: 'Sam Ortiz', email: 'sam@coffeecloud.dev' };

  it('claim → out → delivered, by the shipper who claimed it', () => {
    expect(deliveryMoveProblem({ status: 'waiting' }, 'claim', sam, 'T1-001')).toBeNull();
    expect(deliveryMoveProblem({ status: 'claimed', shipper: alex }, 'out', alex, 'T1-001')).toBeNull();
    expect(deliveryMoveProblem({ status: 'out', shipper: alex }, 'delivered', alex, 'T1-001')).toBeNull();
    expect(deliveryMoveProblem({ status: 'out', shipper: alex }, 'failed', alex, 'T1-001')).toBeNull();
    // Back at the café, anyone may take it again.
    expect(deliveryMoveProblem({ status: 'failed', shipper: alex }, 'claim', sam, 'T1-001')).toBeNull();
  });

  it('refuses a second claim naming who has it, a jump, and someone else’s trip', () => {
    expect(deliveryMoveProblem({ status: 'claimed', shipper: alex }, 'claim', sam, 'T1-001')).toBe('Alex Kim already has T1-001.');
    expect(deliveryMoveProblem({ status: 'claimed', shipper: alex }, 'delivered', alex, 'T1-001')).toBe(
      'T1-001 is claimed: it can’t be marked “Delivered” now (mark it Out for delivery first).',
    );
    expect(deliveryMoveProblem({ status: 'out', shipper: alex }, 'delivered', sam, 'T1-001')).toBe('T1-001 is Alex Kim’s delivery.');
    expect(deliveryMoveProblem({ status: 'delivered', shipper: alex }, 'failed', alex, 'T1-001')).toBe('T1-001 is delivered: it can’t be marked “Couldn’t deliver” now.');
  });

  it('every allowed move leads somewhere the next move starts from, and delivered is the end (property)', () => {
    const actions = Object.keys(DELIVERY_MOVES) as DeliveryAction[];
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...actions), { maxLength: 12 }), (tries) => {
        let trip: { status: DeliveryStatus; shipper?: typeof alex } = { status: 'waiting' };
        for (const action of tries) {
          if (deliveryMoveProblem(trip, action, alex, 'T1-001') === null) trip = { status: DELIVERY_MOVES[action].to, shipper: alex };
          expect(DELIVERY_STATUSES).toContain(trip.status);
        }
        if (trip.status === 'delivered') for (const a of actions) expect(deliveryMoveProblem(trip, a, alex, 'T1-001')).not.toBeNull();
      }),
    );
  });
});
