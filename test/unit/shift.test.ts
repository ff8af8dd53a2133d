import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { drawerTotals } from '../../src/shared/drawer';
import type { Order } from '../../src/shared/orders';
import { settle, type Tender } from '../../src/shared/pricing';
import { shiftDrawer, shiftSales, tendersWithChange, type DrawerRecord, type ShiftOpen } from '../../src/shared/shift';

const by = { userId: 'u', name: 'Morgan Lee', email: 'm@example.com' };
const open: ShiftOpen = { shiftId: 's1', terminalId: 'T1', businessDate: '2026-12-01', floatCents: 10_000, at: '2026-12-01T08:00:00.000Z', by };

/** A paid order as checkout records it: tenders as given, change from settle(). */
const order = fc
  .record({
    totalCents: fc.integer({ min: 0, max: 20_000 }),
    card: fc.integer({ min: 0, max: 20_000 }),
    cash: fc.integer({ min: 0, max: 50_000 }),
  })
  .filter(({ totalCents, card, cash }) => card <= totalCents && card + cash >= totalCents && (card > 0 || cash > 0 || totalCents === 0))
  .map(({ totalCents, card, cash }, ) => {
    const tenders: Tender[] = [...(card > 0 ? [{ kind: 'card' as const, amountCents: card }] : []), ...(cash > 0 ? [{ kind: 'cash' as const, amountCents: cash }] : [])];
    const s = settle(totalCents, tenders);
    return { orderId: `o${totalCents}-${card}-${cash}`, totalCents, taxCents: 0, subtotalCents: totalCents, discountCents: 0, refundedCents: 0, tenders, changeCents: s.changeCents, paidCents: s.paidCents } as unknown as Order;
  });

const movement: fc.Arbitrary<DrawerRecord> = fc.record({
  movementId: fc.uuid(),
  shiftId: fc.constant('s1'),
  kind: fc.constantFrom('payIn' as const, 'payOut' as const, 'drop' as const, 'noSale' as const, 'cashRefund' as const),
  amountCents: fc.integer({ min: 0, max: 10_000 }),
  reason: fc.constant('milk'),
  at: fc.constant('2026-12-01T09:00:00.000Z'),
  by: fc.constant(by),
}).map((m) => (m.kind === 'noSale' ? { ...m, amountCents: 0 } : m));

describe('a shift’s drawer, derived from its records', () => {
  it('expected = float + cash tendered − change + pay-ins − pay-outs − drops − cash refunds, whatever the mix', () => {
    fc.assert(
      fc.property(fc.array(order, { maxLength: 30 }), fc.array(movement, { maxLength: 30 }), (orders, moves) => {
        const totals = shiftDrawer(open, orders, moves);
        const sum = (kind: DrawerRecord['kind']) => moves.filter((m) => m.kind === kind).reduce((s, m) => s + m.amountCents, 0);
        const cash = orders.flatMap((o) => o.tenders).filter((t) => t.kind === 'cash').reduce((s, t) => s + t.amountCents, 0);
        const change = orders.reduce((s, o) => s + o.changeCents, 0);
        expect(totals.expectedCents).toBe(open.floatCents + cash - change + sum('payIn') - sum('payOut') - sum('drop') - sum('cashRefund'));
        // A sale's cash in the drawer is what it cost less what the card paid: never more.
        for (const o of orders) {
          const own = drawerTotals([{ kind: 'float', amountCents: 0 }, ...shiftDrawerMovements(o)]);
          const card = o.tenders.filter((t) => t.kind === 'card').reduce((s, t) => s + t.amountCents, 0);
          expect(own.expectedCents).toBe(o.totalCents - card);
        }
      }),
    );
  });

  it('puts an order’s change on its last cash tender, and leaves card-only or exact sales alone', () => {
    const split = { tenders: [{ kind: 'cash' as const, amountCents: 500 }, { kind: 'card' as const, amountCents: 300 }, { kind: 'cash' as const, amountCents: 1000 }], changeCents: 517 };
    expect(tendersWithChange(split)).toEqual([split.tenders[0], split.tenders[1], { ...split.tenders[2], changeCents: 517 }]);
    const exact = { tenders: [{ kind: 'card' as const, amountCents: 983 }], changeCents: 0 };
    expect(tendersWithChange(exact)).toBe(exact.tenders);
  });

  it('sales by tender: cash + card − change = totals, for any paid orders', () => {
    fc.assert(
      fc.property(fc.array(order, { maxLength: 30 }), (orders) => {
        const s = shiftSales(orders);
        expect(s.orders).toBe(orders.length);
        expect(s.cashCents! + s.cardCents! - s.changeCents!).toBe(s.totalCents);
      }),
    );
  });
});

function shiftDrawerMovements(o: Order) {
  const d = shiftDrawer({ ...open, floatCents: 0 }, [o], []);
  return [{ kind: 'cashSale' as const, orderId: o.orderId, tenderedCents: d.cashSalesCents, changeCents: d.changeCents }];
}

describe('compaction keeps the drawer', () => {
  it('a snapshot replays to the same shifts, movements, closes and sync states, and keeps an open shift’s older orders', async () => {
    const { applyRecord, snapshot } = await import('../../src/main/sync/records');
    const { createTillState } = await import('../../src/main/sync/state');
    const state = createTillState();
    const old = { orderId: 'o-yesterday', businessDate: '2026-11-30', shiftId: 's1', tenders: [{ kind: 'cash', amountCents: 2000 }], changeCents: 1017, statusHistory: [] } as unknown as Order;
    const today = { ...old, orderId: 'o-today', businessDate: '2026-12-01', shiftId: undefined } as unknown as Order;
    const records = [
      { t: 'shiftOpen', shift: { ...open, shiftId: 's0' } },
      { t: 'shiftClose', close: { shiftId: 's0', zNumber: 1, countedCents: 10_000, expectedCents: 10_000, varianceCents: 0, drawer: shiftDrawer(open, [], []), sales: shiftSales([]), carried: [], at: open.at, by } },
      { t: 'shiftOpen', shift: open },
      { t: 'order', seq: 1, order: old },
      { t: 'order', seq: 1, order: today },
      { t: 'drawer', movement: { movementId: 'm1', shiftId: 's1', kind: 'payOut', amountCents: 400, reason: 'milk', at: open.at, by } },
      { t: 'synced', ids: ['shift:s0', 'close:s0', 'shift:s1', 'o-yesterday', 'o-today'], at: open.at },
      { t: 'parked', id: 'drawer:m1', reason: 'refused', at: open.at },
    ] as const;
    for (const r of records) applyRecord(state, r as never);
    const replayed = createTillState();
    for (const r of snapshot(state, () => new Date('2026-12-01T12:00:00Z'))) applyRecord(replayed, r);
    expect([...replayed.shifts.values()]).toEqual([...state.shifts.values()]);
    expect(replayed.entries.has('o-yesterday')).toBe(true);
    expect(shiftDrawer(open, [old], replayed.shifts.get('s1')!.movements).expectedCents).toBe(10_000 + 2000 - 1017 - 400);
  });
});
