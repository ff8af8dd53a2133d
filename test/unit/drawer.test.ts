import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  cashEffect,
  cashSaleMovement,
  checkRefundTenders,
  countTotal,
  DENOMINATIONS,
  drawerTotals,
  refundableByTender,
  variance,
  varianceNeedsReason,
  zLabel,
  type DrawerMovement,
} from '../../src/shared/drawer';
import type { RecordedTender } from '../../src/shared/orders';

const cents = fc.integer({ min: 0, max: 500_000 });
const reason = fc.constantFrom('milk', 'bank run', 'tip jar', 'checking the roll');
const movement: fc.Arbitrary<DrawerMovement> = fc.oneof(
  cents.map((amountCents) => ({ kind: 'float' as const, amountCents })),
  fc.record({ kind: fc.constantFrom('payIn' as const, 'payOut' as const, 'drop' as const), amountCents: cents, reason }),
  reason.map((r) => ({ kind: 'noSale' as const, reason: r })),
  fc
    .record({ tenderedCents: cents, changeCents: cents })
    .filter((m) => m.changeCents <= m.tenderedCents)
    .map((m) => ({ kind: 'cashSale' as const, orderId: 'o', ...m })),
  cents.map((amountCents) => ({ kind: 'cashRefund' as const, orderId: 'o', amountCents })),
);
const usd = (c: number) => `$${(c / 100).toFixed(2)}`;

describe('expected cash', () => {
  it('is float + cash taken − change + pay-ins − pay-outs − drops − cash refunds, whatever the order of events', () => {
    fc.assert(
      fc.property(fc.array(movement, { maxLength: 60 }), (movements) => {
        const t = drawerTotals(movements);
        expect(t.expectedCents).toBe(t.floatCents + t.cashSalesCents - t.changeCents + t.payInsCents - t.payOutsCents - t.dropsCents - t.cashRefundsCents);
        expect(drawerTotals(movements.toReversed()).expectedCents).toBe(t.expectedCents);
        expect(t.expectedCents).toBe(movements.reduce((sum, m) => sum + cashEffect(m), 0));
        expect(Number.isSafeInteger(t.expectedCents)).toBe(true);
      }),
    );
  });

  it('a no-sale opens the drawer but moves no money; a card-only sale is no drawer movement at all', () => {
    expect(cashEffect({ kind: 'noSale', reason: 'change for a parking meter' })).toBe(0);
    expect(cashSaleMovement('o1', [{ kind: 'card', amountCents: 983 }])).toBeNull();
    expect(cashSaleMovement('o2', [{ kind: 'card', amountCents: 500 }, { kind: 'cash', amountCents: 2000, changeCents: 1517 }])).toEqual({
      kind: 'cashSale',
      orderId: 'o2',
      tenderedCents: 2000,
      changeCents: 1517,
    });
  });
});

describe('counting the drawer', () => {
  it('adds a count by denomination exactly, and names a bill the currency doesn’t have', () => {
    expect(countTotal('USD', { '2000': 3, '25': 4, '1': 7 })).toEqual({ ok: true, totalCents: 6107 });
    expect(countTotal('USD', { '300': 1 })).toEqual({ ok: false, problem: '300 isn’t a USD bill or coin.' });
    expect(countTotal('USD', { '100': 1.5 })).toMatchObject({ ok: false, problem: 'The count of 100 must be a whole number, 0 or more.' });
    expect(countTotal('JPY', {})).toMatchObject({ ok: false });
  });

  it('a count’s total equals the sum of its parts for any counts', () => {
    const denominations = DENOMINATIONS.EUR!;
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 500 }), { minLength: denominations.length, maxLength: denominations.length }), (counts) => {
        const result = countTotal('EUR', Object.fromEntries(denominations.map((d, i) => [String(d), counts[i]!])));
        expect(result).toEqual({ ok: true, totalCents: denominations.reduce((sum, d, i) => sum + d * counts[i]!, 0) });
      }),
    );
  });

  it('over/short beyond the threshold needs a reason, either way', () => {
    expect(variance(9_900, 10_000)).toBe(-100);
    expect(varianceNeedsReason(-501, 500)).toBe(true);
    expect(varianceNeedsReason(501, 500)).toBe(true);
    expect(varianceNeedsReason(-500, 500)).toBe(false);
    expect(zLabel('T1', 42)).toBe('Z-T1-0042');
  });
});

describe('how a refund goes back', () => {
  const split: RecordedTender[] = [
    { kind: 'card', amountCents: 500 },
    { kind: 'cash', amountCents: 2000, changeCents: 1517 },
  ];

  it('never returns by a tender more than it took, net of change and of earlier refunds', () => {
    expect(refundableByTender(split, [])).toEqual({ card: 500, cash: 483 });
    expect(checkRefundTenders(983, [{ kind: 'cash', amountCents: 983 }], split, [], usd)).toBe('At most $4.83 can go back by cash: that is what it took.');
    expect(checkRefundTenders(983, [{ kind: 'cash', amountCents: 483 }, { kind: 'card', amountCents: 500 }], split, [], usd)).toBeNull();
    expect(checkRefundTenders(300, [{ kind: 'card', amountCents: 300 }], split, [{ kind: 'card', amountCents: 300 }], usd)).toBe('At most $2.00 can go back by card: that is what it took.');
    expect(checkRefundTenders(100, [{ kind: 'card', amountCents: 100 }], [{ kind: 'cash', amountCents: 100 }], [], usd)).toBe('This order took nothing by card to give back that way.');
    expect(checkRefundTenders(500, [{ kind: 'cash', amountCents: 200 }], split, [], usd)).toBe('The refund is $5.00 but its parts add up to $2.00.');
  });

  it('any sequence of accepted refunds gives back at most what each tender took', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 20_000 }),
        fc.integer({ min: 0, max: 20_000 }),
        fc.integer({ min: 0, max: 20_000 }),
        fc.array(fc.record({ kind: fc.constantFrom('cash' as const, 'card' as const), amountCents: fc.integer({ min: 1, max: 5_000 }) }), { maxLength: 12 }),
        (card, cashGiven, change, attempts) => {
          fc.pre(change <= cashGiven);
          const tenders: RecordedTender[] = [
            { kind: 'card', amountCents: card },
            { kind: 'cash', amountCents: cashGiven, changeCents: change },
          ];
          const accepted: { kind: 'cash' | 'card'; amountCents: number }[] = [];
          for (const a of attempts) if (checkRefundTenders(a.amountCents, [a], tenders, accepted, usd) === null) accepted.push(a);
          const back = (kind: 'cash' | 'card') => accepted.filter((a) => a.kind === kind).reduce((s, a) => s + a.amountCents, 0);
          expect(back('card')).toBeLessThanOrEqual(card);
          expect(back('cash')).toBeLessThanOrEqual(cashGiven - change);
        },
      ),
    );
  });
});
