// A time-clock punch's durable commit (timeclock journal: state check, append, fdatasync, apply)
// vs a raw append + fdatasync of a record of the same size. Target ≤ 1.5×, like the drawer's.
import { mkdtempSync, rmSync } from 'node:fs';
import { open } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { encodeRecords, Journal, type JournalRecord } from '../src/main/sync/journal';
import { applyRecord } from '../src/main/sync/records';
import { createTillState } from '../src/main/sync/state';
import { timeclockJournal } from '../src/main/sync/timeclock';
import { interleave, isEntryPoint, stats, type Stats } from './harness';

export const PUNCH_TARGET_RATIO = 1.5;

const RILEY = { userId: '5d0c1b2a-3e4f-4a6b-8c7d-0e1f2a3b4c5d', name: 'Riley Park', email: 'riley@coffeecloud.dev' };

export interface PunchBenchResult {
  samples: number;
  recordBytes: number;
  raw: Stats;
  punch: Stats;
  ratio: number;
  target: number;
  pass: boolean;
}

export async function runPunchBench({ warmup = 50, blocks = 10, perBlock = 60, log = (_line: string) => {} } = {}): Promise<PunchBenchResult> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'coffee-cloud-bench-punch-'));
  const { journal } = Journal.open(dir);
  const raw = await open(path.join(dir, 'raw.journal'), 'a');
  const state = createTillState();
  const clock = timeclockJournal(state, (r) => journal.append([r], true, () => applyRecord(state, r)), () => {});
  try {
    // Alternating in and out: every punch is a valid one, as at the till.
    const commit = () => async () => {
      const kind = clock.standing(RILEY.userId).state === 'out' ? 'in' : 'out';
      await clock.punch(RILEY, kind, new Date(), '2026-12-01', 'B1');
    };
    const sample = (): JournalRecord => ({ t: 'punch', punch: { punchId: `${Date.now().toString(36)}-0123456789ab`, ...RILEY, kind: 'in', at: new Date().toISOString(), workDate: '2026-12-01', terminalId: 'B1' } });
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
    const [rawMs, punchMs] = await interleave([rawAppend, commit], { blocks, perBlock, log });
    const rawStats = stats(rawMs);
    const punchStats = stats(punchMs);
    const ratio = punchStats.medianMs / rawStats.medianMs;
    return { samples: blocks * perBlock, recordBytes, raw: rawStats, punch: punchStats, ratio, target: PUNCH_TARGET_RATIO, pass: ratio <= PUNCH_TARGET_RATIO };
  } finally {
    await raw.close();
    await journal.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

export function formatPunchBench(r: PunchBenchResult): string {
  const ms = (x: number) => x.toFixed(3).padStart(9);
  const row = (label: string, s: Stats) => `${label.padEnd(36)}${ms(s.medianMs)}${ms(s.p95Ms)}${ms(s.meanMs)}`;
  return [
    `Time-clock punch durable commit vs raw append + fdatasync of ${r.recordBytes} bytes: ${r.samples} each, interleaved`,
    `${''.padEnd(36)}${'median'.padStart(9)}${'p95'.padStart(9)}${'mean'.padStart(9)}  (ms)`,
    row('raw FileHandle write + datasync', r.raw),
    row('timeclock journal punch (durable)', r.punch),
    `${'ratio punch / raw'.padEnd(36)}${r.ratio.toFixed(2).padStart(9)}`,
    `target: median ratio ≤ ${r.target.toFixed(2)}  ${r.pass ? 'PASS' : 'MISS'}`,
  ].join('\n');
}

if (isEntryPoint(import.meta.url)) {
  runPunchBench({ log: (line) => console.error(line) })
    .then((r) => console.log(formatPunchBench(r)))
    .catch((error: unknown) => {
      console.error('Punch benchmark failed:', error);
      process.exitCode = 1;
    });
}
