// A drawer record's durable commit (a pay-out through the till's shift journal: append, fdatasync,
// apply) vs a raw append + fdatasync of a record of the same size. Target ≤ 1.5×.
import { mkdtempSync, rmSync } from 'node:fs';
import { open } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { encodeRecords, Journal, type JournalRecord } from '../src/main/sync/journal';
import { applyRecord } from '../src/main/sync/records';
import { shiftJournal } from '../src/main/sync/shifts';
import { createTillState } from '../src/main/sync/state';
import type { StaffStamp } from '../src/shared/orders';
import { interleave, isEntryPoint, stats, type Stats } from './harness';

export const DRAWER_TARGET_RATIO = 1.5;

const MANAGER: StaffStamp = { userId: '9a1b2c3d-4e5f-4a6b-8c7d-0e1f2a3b4c5d', name: 'Morgan Lee', email: 'manager@coffeecloud.dev' };

export interface DrawerBenchResult {
  samples: number;
  recordBytes: number;
  raw: Stats;
  drawer: Stats;
  ratio: number;
  target: number;
  pass: boolean;
}

export async function runDrawerBench({ warmup = 50, blocks = 10, perBlock = 60, log = (_line: string) => {} } = {}): Promise<DrawerBenchResult> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'coffee-cloud-bench-drawer-'));
  const { journal } = Journal.open(dir);
  const raw = await open(path.join(dir, 'raw.journal'), 'a');
  const state = createTillState();
  const shifts = shiftJournal(state, (r) => journal.append([r], true, () => applyRecord(state, r)), () => {});
  try {
    await shifts.open({ terminalId: 'B1', businessDate: '2026-12-01', floatCents: 10_000, at: new Date().toISOString(), by: MANAGER });
    const payOut = () => ({ kind: 'payOut' as const, amountCents: 400, reason: 'milk from the corner shop', at: new Date().toISOString(), by: MANAGER });
    const commit = () => {
      const movement = payOut();
      return async () => void (await shifts.move(movement));
    };
    const sample = (): JournalRecord => ({ t: 'drawer', movement: { ...payOut(), movementId: `${Date.now().toString(36)}-0123456789ab`, shiftId: shifts.current()!.open.shiftId } });
    const rawAppend = () => {
      const bytes = encodeRecords([sample()]);
      return async () => {
        let offset = 0;
        while (offset < bytes.length) offset += (await raw.write(bytes, offset, bytes.length - offset)).bytesWritten;
        await raw.datasync();
      };
    };
    const recordBytes = encodeRecords([sample()]).length;
    log(`Warming up (${warmup} of each, ${recordBytes}-byte records)…`);
    for (let i = 0; i < warmup; i++) {
      await commit()();
      await rawAppend()();
    }
    const [rawMs, drawerMs] = await interleave([rawAppend, commit], { blocks, perBlock, log });
    const rawStats = stats(rawMs);
    const drawerStats = stats(drawerMs);
    const ratio = drawerStats.medianMs / rawStats.medianMs;
    return { samples: blocks * perBlock, recordBytes, raw: rawStats, drawer: drawerStats, ratio, target: DRAWER_TARGET_RATIO, pass: ratio <= DRAWER_TARGET_RATIO };
  } finally {
    await raw.close();
    await journal.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

export function formatDrawerBench(r: DrawerBenchResult): string {
  const ms = (x: number) => x.toFixed(3).padStart(9);
  const row = (label: string, s: Stats) => `${label.padEnd(36)}${ms(s.medianMs)}${ms(s.p95Ms)}${ms(s.meanMs)}`;
  return [
    `Drawer record (pay-out) durable commit vs raw append + fdatasync of ${r.recordBytes} bytes: ${r.samples} each, interleaved`,
    `${''.padEnd(36)}${'median'.padStart(9)}${'p95'.padStart(9)}${'mean'.padStart(9)}  (ms)`,
    row('raw FileHandle write + datasync', r.raw),
    row('shift journal pay-out (durable)', r.drawer),
    `${'ratio drawer / raw'.padEnd(36)}${r.ratio.toFixed(2).padStart(9)}`,
    `target: median ratio ≤ ${r.target.toFixed(2)}  ${r.pass ? 'PASS' : 'MISS'}`,
  ].join('\n');
}

if (isEntryPoint(import.meta.url)) {
  runDrawerBench({ log: (line) => console.error(line) })
    .then((r) => console.log(formatDrawerBench(r)))
    .catch((error: unknown) => {
      console.error('Drawer benchmark failed:', error);
      process.exitCode = 1;
    });
}
