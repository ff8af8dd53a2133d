import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { unitPriceRange, type Product } from '../../src/shared/menu';
import {
  defaultSelection,
  discountCents,
  divideRoundHalfUp,
  needsApproval,
  orderTotals,
  priceLine,
  PricingError,
  selectionKey,
  settle,
  type Discount,
  type PricedLine,
} from '../../src/shared/pricing';
import { maxRedeemBlocks, pointsEarned } from '../../src/shared/customers';
import { DEMO_PRODUCTS, DEMO_SETTINGS } from '../../src/main/local/demo-data';

const rules = DEMO_SETTINGS.loyalty;

const product = (id: string): Product => {
  const p = DEMO_PRODUCTS.find((d) => d.productId === id)!;
  return { modifierGroups: [], available: true, sortOrder: 0, version: 1, updatedAt: '', updatedBy: '', ...p } as Product;
};
const latte = product('latte');
const espresso = product('espresso');
const mocha = product('mocha');
const exclusive8 = { rateBps: 800, inclusive: false };

describe('the demo order from the issue', () => {
  it('Latte (Large, Oat) + Espresso: subtotal $9.10, tax $0.73, total $9.83; $20 cash gives $10.17', () => {
    const lines = [
      priceLine({ product: latte, quantity: 1, selection: { size: ['large'], milk: ['oat'] } }),
      priceLine({ product: espresso, quantity: 1, selection: {} }),
    ];
    expect(lines[0]!.unitPriceCents).toBe(610);
    const totals = orderTotals(lines, undefined, exclusive8);
    expect(totals).toMatchObject({ subtotalCents: 910, discountCents: 0, taxCents: 73, totalCents: 983 });
    expect(settle(totals.totalCents, [{ kind: 'cash', amountCents: 2000 }])).toEqual({
      paidCents: 2000,
      dueCents: 0,
      changeCents: 1017,
      covered: true,
    });
  });
});

describe('modifiers', () => {
  it('starts from the defaults and prices size-dependent deltas by the chosen size', () => {
    expect(defaultSelection(latte)).toEqual({ size: ['small'], milk: ['whole'] });
    const small = priceLine({ product: mocha, quantity: 1, selection: { size: ['small'], milk: ['whole'], syrup: ['vanilla'] } });
    const large = priceLine({ product: mocha, quantity: 1, selection: { size: ['large'], milk: ['whole'], syrup: ['vanilla'] } });
    expect(small.unitPriceCents).toBe(500 + 50);
    expect(large.unitPriceCents).toBe(500 + 100 + 75);
  });

  it('refuses a missing required choice, too many choices, an unknown option or group, a repeat', () => {
    const bad = (selection: Record<string, string[]>) => () => priceLine({ product: mocha, quantity: 1, selection });
    expect(bad({ milk: ['whole'] })).toThrow('Choose a size for Mocha.');
    expect(bad({ size: ['small', 'large'], milk: ['whole'] })).toThrow('Choose only one size for Mocha.');
    expect(bad({ size: ['venti'], milk: ['whole'] })).toThrow('“venti” isn’t a choice for Size.');
    expect(bad({ size: ['small'], milk: ['whole'], sprinkles: ['yes'] })).toThrow('Mocha has no “sprinkles” choice.');
    expect(bad({ size: ['small'], milk: ['whole'], syrup: ['vanilla', 'vanilla'] })).toThrow('Syrup for Mocha lists an option twice.');
    expect(bad({ size: ['small'], milk: ['whole'], syrup: ['vanilla', 'caramel', 'hazelnut'] })).toThrow('Choose at most 2 syrup options for Mocha.');
  });

  it('keys a line by product and choices, whatever their order', () => {
    expect(selectionKey('mocha', { syrup: ['caramel', 'vanilla'], size: ['large'] })).toBe(
      selectionKey('mocha', { size: ['large'], syrup: ['vanilla', 'caramel'], milk: [] }),
    );
    expect(selectionKey('latte', { size: ['large'] })).not.toBe(selectionKey('latte', { size: ['small'] }));
  });
});

describe('quantities', () => {
  it('refuses zero, negative, fractional and absurd quantities', () => {
    for (const quantity of [0, -1, 1.5, 100, Number.NaN]) {
      expect(() => priceLine({ product: espresso, quantity, selection: {} }), String(quantity)).toThrow(PricingError);
    }
    expect(priceLine({ product: espresso, quantity: 99, selection: {} }).grossCents).toBe(29_700);
  });
});

// Arbitrary carts: a few lines of integer prices, quantities and discounts.
const discountArb: fc.Arbitrary<Discount | undefined> = fc.option(
  fc.oneof(
    fc.record({ kind: fc.constant('percent' as const), bps: fc.integer({ min: 0, max: 10_000 }) }),
    fc.record({ kind: fc.constant('amount' as const), cents: fc.integer({ min: 0, max: 50_000 }) }),
  ),
  { nil: undefined },
);
const lineArb: fc.Arbitrary<PricedLine> = fc
  .record({
    price: fc.integer({ min: 0, max: 100_000 }),
    quantity: fc.integer({ min: 1, max: 99 }),
    discount: discountArb,
  })
  .map(({ price, quantity, discount }) =>
    priceLine({ product: { ...espresso, priceCents: price }, quantity, selection: {}, discount }),
  );
const taxArb = fc.record({ rateBps: fc.integer({ min: 0, max: 3_000 }), inclusive: fc.boolean() });

describe('money rules (property-based)', () => {
  it('rounds half-up exactly like the rational number would', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 1e9 }), fc.integer({ min: 1, max: 1e5 }), (n, d) => {
        const r = divideRoundHalfUp(n, d);
        // r is the nearest integer to n/d, with .5 going up: |n - r·d| ≤ d/2, and = d/2 only when rounding up.
        expect(Math.abs(2 * (n - r * d))).toBeLessThanOrEqual(d);
        if (2 * (n - r * d) === d) throw new Error(`${n}/${d} rounded down at a half`);
      }),
    );
  });

  it('a discount is never negative and never more than what it discounts', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 1e7 }), discountArb, (base, discount) => {
        const d = discountCents(base, discount);
        expect(Number.isInteger(d)).toBe(true);
        expect(d).toBeGreaterThanOrEqual(0);
        expect(d).toBeLessThanOrEqual(base);
      }),
    );
  });

  it('totals add up: subtotal − discounts + exclusive tax = total, all in whole cents', () => {
    fc.assert(
      fc.property(fc.array(lineArb, { minLength: 1, maxLength: 8 }), discountArb, taxArb, (lines, orderDiscount, tax) => {
        const t = orderTotals(lines, orderDiscount, tax);
        for (const v of Object.values(t)) expect(Number.isSafeInteger(v)).toBe(true);
        expect(t.subtotalCents).toBe(lines.reduce((s, l) => s + l.unitPriceCents * l.quantity, 0));
        expect(t.discountCents).toBe(t.lineDiscountCents + t.orderDiscountCents + t.rewardCents);
        expect(t.netCents).toBe(t.subtotalCents - t.discountCents);
        expect(t.netCents).toBeGreaterThanOrEqual(0);
        expect(t.taxCents).toBeGreaterThanOrEqual(0);
        if (tax.inclusive) {
          expect(t.totalCents).toBe(t.netCents);
          expect(t.taxCents).toBeLessThanOrEqual(t.netCents);
        } else {
          expect(t.totalCents).toBe(t.netCents + t.taxCents);
          expect(t.taxCents).toBe(divideRoundHalfUp(t.netCents * tax.rateBps, 10_000));
        }
      }),
    );
  });

  it('tax is rounded once per order: never more than half a cent from the exact figure', () => {
    fc.assert(
      fc.property(fc.array(lineArb, { minLength: 1, maxLength: 8 }), taxArb, (lines, tax) => {
        const t = orderTotals(lines, undefined, tax);
        const exact = tax.inclusive ? (t.netCents * tax.rateBps) / (10_000 + tax.rateBps) : (t.netCents * tax.rateBps) / 10_000;
        expect(Math.abs(t.taxCents - exact)).toBeLessThanOrEqual(0.5 + 1e-9);
      }),
    );
  });

  it('the order of the lines does not change the totals', () => {
    fc.assert(
      fc.property(fc.array(lineArb, { minLength: 2, maxLength: 6 }), discountArb, taxArb, (lines, d, tax) => {
        expect(orderTotals([...lines].reverse(), d, tax)).toEqual(orderTotals(lines, d, tax));
      }),
    );
  });

  it('tenders: covered exactly when paid ≥ total; change only ever from cash', () => {
    const tenderArb = fc.oneof(
      fc.record({ kind: fc.constant('cash' as const), amountCents: fc.integer({ min: 1, max: 100_000 }) }),
      fc.record({ kind: fc.constant('card' as const), amountCents: fc.integer({ min: 1, max: 100_000 }) }),
    );
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 200_000 }), fc.array(tenderArb, { maxLength: 5 }), (total, tenders) => {
        const card = tenders.filter((t) => t.kind === 'card').reduce((s, t) => s + t.amountCents, 0);
        if (card > total) {
          expect(() => settle(total, tenders)).toThrow(PricingError);
          return;
        }
        const s = settle(total, tenders);
        expect(s.paidCents).toBe(tenders.reduce((sum, t) => sum + t.amountCents, 0));
        expect(s.covered).toBe(s.paidCents >= total);
        expect(s.paidCents - s.changeCents + s.dueCents).toBe(total);
        const cash = s.paidCents - card;
        expect(s.changeCents).toBeLessThanOrEqual(cash);
      }),
    );
  });

  it('refuses zero, negative and fractional tender amounts', () => {
    for (const amountCents of [0, -100, 10.5]) {
      expect(() => settle(500, [{ kind: 'cash', amountCents }]), String(amountCents)).toThrow('Each payment must be a positive amount.');
    }
  });
});

describe('the loyalty reward from the issue', () => {
  it('Latte (Large, Oat) + Espresso with one $2.00 reward: $9.10 − $2.00, tax $0.57, total $7.67, earns 7', () => {
    const lines = [
      priceLine({ product: latte, quantity: 1, selection: { size: ['large'], milk: ['oat'] } }),
      priceLine({ product: espresso, quantity: 1, selection: {} }),
    ];
    const totals = orderTotals(lines, undefined, exclusive8, 200);
    expect(totals).toMatchObject({ subtotalCents: 910, rewardCents: 200, discountCents: 200, taxCents: 57, totalCents: 767 });
    expect(pointsEarned(totals, rules)).toBe(7);
  });

  it('tax-inclusive prices earn on the pre-tax amount: a $21.60 order at 8% included is $20.00 before tax, 20 points', () => {
    const totals = orderTotals([priceLine({ product: { ...espresso, priceCents: 2160 }, quantity: 1, selection: {} })], undefined, { rateBps: 800, inclusive: true });
    expect(totals).toMatchObject({ totalCents: 2160, taxCents: 160 });
    expect(pointsEarned(totals, rules)).toBe(20);
  });

  it('points: one per whole pre-tax dollar after discounts and rewards, and tax never earns any (property)', () => {
    fc.assert(
      fc.property(
        fc.array(lineArb, { minLength: 1, maxLength: 5 }),
        discountArb,
        fc.integer({ min: 0, max: 5_000 }),
        taxArb,
        fc.integer({ min: 0, max: 10 }),
        (lines, orderDiscount, reward, tax, perDollar) => {
          const earn = { ...rules, earnPointsPerDollar: perDollar };
          const t = orderTotals(lines, orderDiscount, tax, reward);
          const preTax = t.subtotalCents - t.discountCents - (tax.inclusive ? t.taxCents : 0);
          expect(pointsEarned(t, earn)).toBe(Math.floor(preTax / 100) * perDollar);
          // The same cart in a shop without tax: exclusive tax changes nothing, included tax only takes points away.
          const untaxed = pointsEarned(orderTotals(lines, orderDiscount, { ...tax, rateBps: 0 }, reward), earn);
          if (tax.inclusive) expect(pointsEarned(t, earn)).toBeLessThanOrEqual(untaxed);
          else expect(pointsEarned(t, earn)).toBe(untaxed);
        },
      ),
    );
  });

  it('a reward never takes the pre-tax total below zero, and blocks are limited by points and order', () => {
    fc.assert(
      fc.property(fc.array(lineArb, { minLength: 1, maxLength: 5 }), fc.integer({ min: 0, max: 100_000 }), taxArb, (lines, reward, tax) => {
        const t = orderTotals(lines, undefined, tax, reward);
        expect(t.rewardCents).toBeLessThanOrEqual(reward);
        expect(t.netCents).toBeGreaterThanOrEqual(0);
      }),
    );
    expect(maxRedeemBlocks(120, 910, rules)).toBe(2);
    expect(maxRedeemBlocks(59, 910, rules)).toBe(0);
    expect(maxRedeemBlocks(600, 450, rules)).toBe(2);
  });
});

describe('manager approval', () => {
  it('is needed only above the threshold share of the subtotal', () => {
    expect(needsApproval({ subtotalCents: 1000, discountCents: 200, rewardCents: 0 }, 2000)).toBe(false);
    expect(needsApproval({ subtotalCents: 1000, discountCents: 201, rewardCents: 0 }, 2000)).toBe(true);
    expect(needsApproval({ subtotalCents: 0, discountCents: 0, rewardCents: 0 }, 2000)).toBe(false);
  });

  it('never for the customer’s own loyalty reward', () => {
    expect(needsApproval({ subtotalCents: 1000, discountCents: 800, rewardCents: 800 }, 2000)).toBe(false);
    expect(needsApproval({ subtotalCents: 1000, discountCents: 1000, rewardCents: 800 }, 2000)).toBe(false);
    expect(needsApproval({ subtotalCents: 1000, discountCents: 1001, rewardCents: 800 }, 2000)).toBe(true);
  });
});

describe('the range a product can ring up at with its options', () => {
  const group = (minChoices: number, maxChoices: number, deltas: number[]) => ({
    groupId: 'g',
    name: 'G',
    minChoices,
    maxChoices,
    defaultOptionIds: [],
    options: deltas.map((d, i) => ({ optionId: `o${i}`, name: `O${i}`, priceDeltaCents: d })),
  });

  it('takes each group’s dearest and cheapest choices, up to its max and at least its min', () => {
    // Two extra shots of three on offer (+75, +75, +50); one milk required (0 or −20 for a kids' cup).
    expect(unitPriceRange({ priceCents: 450, modifierGroups: [group(0, 2, [75, 50, 75]), group(1, 1, [0, -20])] })).toEqual({ lowest: 430, highest: 600 });
    // A required choice counts even when every option adds: the cheapest is still base + the least.
    expect(unitPriceRange({ priceCents: 300, modifierGroups: [group(1, 1, [50, 100])] })).toEqual({ lowest: 350, highest: 400 });
  });

  it('every demo product can be saved as it is: within the cap, never below zero', () => {
    for (const p of DEMO_PRODUCTS) {
      const { lowest, highest } = unitPriceRange({ priceCents: p.priceCents, modifierGroups: p.modifierGroups ?? [] });
      expect(lowest, p.name).toBeGreaterThanOrEqual(0);
      expect(highest, p.name).toBeLessThanOrEqual(DEMO_SETTINGS.priceCapCents);
    }
  });

  it('a line its options would price below zero is refused on the line, not later by checkout', () => {
    const product = { ...({} as Product), productId: 'cocoa', name: 'Hot Chocolate', priceCents: 250, modifierGroups: [group(0, 1, [-300])], available: true };
    expect(() => priceLine({ product, quantity: 1, selection: { g: ['o0'] } })).toThrow(PricingError);
  });
});
