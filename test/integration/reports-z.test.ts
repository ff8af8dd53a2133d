import { randomBytes } from 'node:crypto';
import { ulid } from 'ulid';
import { describe, expect, it } from 'vitest';
import type { Runtime } from '../../src/main/runtime';
import { DEMO, freshCafe, till, ok } from './helpers';

async function manager(runtime: Runtime) {
  const who = { sessionKey: `manager-${randomBytes(4).toString('hex')}` };
  await ok(runtime.dispatch('auth.signIn', { email: DEMO.manager, password: DEMO.password }, who));
  return who;
}

const espressoInCash = () => ({
  orderId: ulid(),
  lines: [{ productId: 'espresso', quantity: 1, selection: {}, unitPriceCents: 300 }],
  tenders: [{ kind: 'cash' as const, amountCents: 500 }],
  expectedTotalCents: 324,
});

describe('Z reports across tills, for managers', () => {
  it('lists every till’s shifts of the day with the Z number, expected, counted and variance; an open shift shows as open', async () => {
    const config = await freshCafe();
    const t1 = till(config, { terminalId: 'T1' });
    const t2 = till(config, { terminalId: 'T2' });
    const m1 = await manager(t1);
    const m2 = await manager(t2);

    await ok(t1.dispatch('shift.open', { float: { totalCents: 10_000 } }, m1));
    await ok(t1.dispatch('orders.checkout', espressoInCash(), m1)); // $3.24 kept: expected $103.24
    const z1 = await ok(t1.dispatch('shift.close', { count: { totalCents: 10_224 }, reason: 'a dollar short' }, m1));
    await ok(t2.dispatch('shift.open', { float: { totalCents: 5_000 } }, m2));
    const z2 = await ok(t2.dispatch('shift.close', { count: { totalCents: 5_000 } }, m2));
    await ok(t2.dispatch('shift.open', { float: { totalCents: 5_000 } }, m2));
    await Promise.all([t1.sync.idle(), t2.sync.idle()]);

    const day = z1.businessDate;
    const all = await ok(t1.dispatch('reports.zReports', { from: day, to: day }, m1));
    expect(all.rows.map((r) => [r.terminalId, r.z?.label ?? 'open'])).toEqual([
      ['T1', 'Z-T1-0001'],
      ['T2', 'Z-T2-0001'],
      ['T2', 'open'],
    ]);
    expect(all.rows[0]).toMatchObject({ shiftId: z1.shiftId, floatCents: 10_000, z: { expectedCents: 10_324, countedCents: 10_224, varianceCents: -100, reason: 'a dollar short' } });
    expect(all.rows[1]).toMatchObject({ shiftId: z2.shiftId, z: { expectedCents: 5_000, countedCents: 5_000, varianceCents: 0 } });

    const justT2 = await ok(t1.dispatch('reports.zReports', { from: day, to: day, terminalId: 'T2' }, m1));
    expect(justT2.rows.map((r) => r.z?.label ?? 'open')).toEqual(['Z-T2-0001', 'open']);
    expect((await ok(t1.dispatch('reports.zReports', { from: '2001-01-01', to: '2001-01-03' }, m1))).rows).toEqual([]);
  });
});
