// One record kind's durable commit through the till's journal (its own checks, append, fdatasync,
// apply) vs a raw append + fdatasync of a record of the same size, interleaved in the same run.
import { mkdtempSync, rmSync } from 'node:fs';
import { open } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { encodeRecords, Journal, type JournalRecord } from '../src/main/sync/journal';
import { applyRecord } from '../src/main/sync/records';
import { createTillState, type TillState } from '../src/main/sync/state';
import { interleave, stats, type Stats } from './harness';

export interface JournalCommitBenchResult {
  samples: number;
  recordBytes: number;
  raw: Stats;
  commit: Stats;
  ratio: number;
  target: number;
  pass: boolean;
}

export interface JournalCommitSubject {
  /** One durable commit of the kind under test, ready to time. */
  commit: () => () => Promise<void>;
  /** A record like the one `commit` writes, for the raw side's bytes. */
  sample: () => JournalRecord;
}

export async function runJournalCommitBench(
  name: string,
  target: number,
  subject: (state: TillState, record: (r: JournalRecord) => Promise<void>) => Promise<JournalCommitSubject>,
  { warmup = 50, blocks = 10, perBlock = 60, log = (_line: string) => {} } = {},
): Promise<JournalCommitBenchResult> {
  const dir = mkdtempSync(path.join(os.tmpdir(), `coffee-cloud-bench-${name}-`));
  const { journal } = Journal.open(dir);
  const raw = await open(path.join(dir, 'raw.journal'), 'a');
  const state = createTillState();
  try {
    const { commit, sample } = await subject(state, (r) => journal.append([r], true, () => applyRecord(state, r)));
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
    const [rawMs, commitMs] = await interleave([rawAppend, commit], { blocks, perBlock, log });
    const rawStats = stats(rawMs);
    const commitStats = stats(commitMs);
    const ratio = commitStats.medianMs / rawStats.medianMs;
    return { samples: blocks * perBlock, recordBytes, raw: rawStats, commit: commitStats, ratio, target, pass: ratio <= target };
  } finally {
    await raw.close();
    await journal.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

export function formatJournalCommitBench(title: string, commitLabel: string, ratioLabel: string, r: JournalCommitBenchResult): string {
  const ms = (x: number) => x.toFixed(3).padStart(9);
  const row = (label: string, s: Stats) => `${label.padEnd(36)}${ms(s.medianMs)}${ms(s.p95Ms)}${ms(s.meanMs)}`;
  return [
    `${title} durable commit vs raw append + fdatasync of ${r.recordBytes} bytes: ${r.samples} each, interleaved`,
    `${''.padEnd(36)}${'median'.padStart(9)}${'p95'.padStart(9)}${'mean'.padStart(9)}  (ms)`,
    row('raw FileHandle write + datasync', r.raw),
    row(commitLabel, r.commit),
    `${ratioLabel.padEnd(36)}${r.ratio.toFixed(2).padStart(9)}`,
    `target: median ratio ≤ ${r.target.toFixed(2)}  ${r.pass ? 'PASS' : 'MISS'}`,
  ].join('\n');
}
