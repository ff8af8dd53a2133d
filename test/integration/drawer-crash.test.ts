import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { businessDateOf } from '../../src/shared/orders';
import { clients, freshCafe, runKillableTill } from './helpers';
import { storedDrawer } from './fixtures/stored-drawer';

/** Runs the drawer burst till until it is killed or done; returns what it confirmed. */
async function runTill(args: string[], killAfterMs: number | null) {
  const { lines, killed } = await runKillableTill('drawer-burst-till.ts', args, killAfterMs);
  const out = { sales: [] as string[], moves: [] as string[], closed: null as string | null, done: false, killed };
  for (const line of lines) {
    const [word, kind, id] = line.split(' ');
    if (word === 'CONFIRMED' && kind === 'sale') out.sales.push(id!);
    else if (word === 'CONFIRMED' && kind === 'move') out.moves.push(id!);
    else if (word === 'CLOSED') out.closed = kind!;
    else if (line === 'DONE') out.done = true;
  }
  return out;
}

const BURST = 120;

describe('kill -9 during a burst of sales, pay-outs, drops, refunds and a close', () => {
  it('the Z’s expected cash equals float + cash sales − change + pay-ins − pay-outs − drops − cash refunds from DynamoDB; no drawer record lost or doubled', async () => {
    const config = await freshCafe();
    const dataDir = mkdtempSync(path.join(tmpdir(), 'coffee-drawer-burst-'));
    let seed = Date.now() % 2_147_483_647;
    const random = () => (seed = (seed * 16_807) % 2_147_483_647) / 2_147_483_647;
    const sales: string[] = [];
    const moves: string[] = [];
    let closed: string | null = null;
    let kills = 0;
    for (let run = 0; ; run++) {
      // Early enough that a fast machine is still mid-burst: at least 3 kills must land.
      const killAfter = run < 6 ? 40 + Math.floor(random() * 260) : null;
      const result = await runTill([JSON.stringify(config), dataDir, String(BURST), String(sales.length + moves.length)], killAfter);
      sales.push(...result.sales);
      moves.push(...result.moves);
      closed = result.closed ?? closed;
      if (result.killed) kills += 1;
      if (result.done) break;
      if (run > 14) throw new Error('The burst never finished.');
    }
    expect(sales.length + moves.length).toBe(BURST);
    expect(kills).toBeGreaterThanOrEqual(3);
    const stored = await storedDrawer(clients().doc, config.tables, closed!, businessDateOf(new Date()));
    expect(stored.closedExpectedCents, 'the Z’s expected cash, as closed').toBe(stored.expectedCents);
    expect(stored.zNumber).toBe(1);
    expect(moves.filter((id) => !stored.movementIds.some((m) => m === id || m.endsWith(id))), 'confirmed drawer records missing').toEqual([]);
    expect(stored.distinctMovements, 'a drawer record doubled').toBe(stored.movements);
    expect(stored.cashRefundMovements, 'cash refunds on the orders vs in the drawer').toBe(stored.cashRefundsOnOrders);
    // Each kill can leave at most the one record it interrupted: saved, but never shown as confirmed.
    expect(stored.movements - moves.length).toBeLessThanOrEqual(kills);
    expect(sales.filter((id) => !stored.orderIds.includes(id)), 'confirmed sales missing from the shift').toEqual([]);
  }, 180_000);
});
