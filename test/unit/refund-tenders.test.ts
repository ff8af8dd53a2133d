import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkRefundTenders } from '../../src/shared/drawer';
import { refundLeft, refundParts, suggestRefund } from '../../src/shared/refund-tenders';

const cents = (max: number) => fc.integer({ min: 0, max });

describe('how a refund goes back, unless staff say otherwise', () => {
  it('an order paid one way is refunded that way', () => {
    expect(suggestRefund(324, { cash: 324, card: 0 })).toEqual({ choice: 'cash', parts: [{ kind: 'cash', amountCents: 324 }] });
    expect(suggestRefund(324, { cash: 0, card: 324 })).toEqual({ choice: 'card', parts: [{ kind: 'card', amountCents: 324 }] });
  });

  it('a split order is split in proportion to what each tender took', () => {
    expect(suggestRefund(324, { cash: 100, card: 224 }).parts).toEqual([
      { kind: 'cash', amountCents: 100 },
      { kind: 'card', amountCents: 224 },
    ]);
  });

  it('the suggested parts add up to the refund and, when it fits, never exceed a tender (main accepts them)', () => {
    fc.assert(
      fc.property(cents(1_000_000), cents(1_000_000), fc.double({ min: 0, max: 1, noNaN: true }), (cash, card, share) => {
        fc.pre(cash + card > 0);
        const amount = Math.floor((cash + card) * share);
        const { parts } = suggestRefund(amount, { cash, card });
        expect(parts.reduce((s, p) => s + p.amountCents, 0)).toBe(amount);
        for (const p of parts) expect(Number.isSafeInteger(p.amountCents) && p.amountCents >= 0).toBe(true);
        expect(parts.find((p) => p.kind === 'cash')?.amountCents ?? 0).toBeLessThanOrEqual(cash);
        expect(parts.find((p) => p.kind === 'card')?.amountCents ?? 0).toBeLessThanOrEqual(card);
        const sent = refundParts(amount, 'split', {
          cash: parts.find((p) => p.kind === 'cash')?.amountCents ?? 0,
          card: parts.find((p) => p.kind === 'card')?.amountCents ?? 0,
        });
        const tenders = [
          ...(cash > 0 ? [{ kind: 'cash' as const, amountCents: cash }] : []),
          ...(card > 0 ? [{ kind: 'card' as const, amountCents: card }] : []),
        ];
        if (amount > 0) expect(checkRefundTenders(amount, sent, tenders, [], String)).toBeNull();
      }),
    );
  });

  it('a split drops its empty side; one tender takes the whole amount', () => {
    expect(refundParts(500, 'split', { cash: 0, card: 500 })).toEqual([{ kind: 'card', amountCents: 500 }]);
    expect(refundParts(500, 'cash', { cash: 1, card: 2 })).toEqual([{ kind: 'cash', amountCents: 500 }]);
  });

  it('what is left per tender is net of change and of earlier refunds, never negative', () => {
    const order = {
      tenders: [
        { kind: 'cash' as const, amountCents: 500 },
        { kind: 'card' as const, amountCents: 224 },
      ],
      changeCents: 176,
      totalCents: 548,
      refunds: [{ refundId: 'r', at: '', by: { userId: 'u', name: 'n', email: 'n@example.com' }, reason: 'x', amountCents: 300, lines: [], tenders: [{ kind: 'card' as const, amountCents: 300 }] }],
    };
    expect(refundLeft(order)).toEqual({ cash: 324, card: 0 });
  });

  it('cash on delivery gives back by cash once the shipper collected it, at most its total; before that, nothing', () => {
    const trip = { name: 'Ada', phone: '+15550100100', address: '12 Analytical Row', feeCents: 200, feeTaxed: true, payOnDelivery: true, status: 'delivered' as const, history: [] };
    // A $20 note for $13.50: the $6.50 over was change at the door, not the café's to give back.
    const collected = { tenders: [], changeCents: 0, totalCents: 1350, refunds: [], delivery: { ...trip, cashCollectedCents: 2000 } };
    expect(refundLeft(collected)).toEqual({ cash: 1350, card: 0 });
    expect(refundLeft({ ...collected, delivery: { ...trip, status: 'out' as const } })).toEqual({ cash: 0, card: 0 });
  });
});
