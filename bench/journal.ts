// A durable checkout commit (journal append + fdatasync) vs a raw append + fdatasync of the same bytes. Target ≤ 1.5×.
import { mkdtempSync, rmSync } from 'node:fs';
import { open } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { ulid } from 'ulid';
import { DEMO_CUSTOMERS, DEMO_PRODUCTS, DEMO_SETTINGS } from '../src/main/local/demo-data';
import { encodeRecords, Journal, type JournalRecord } from '../src/main/sync/journal';
import type { Product } from '../src/shared/menu';
import { newOrder, type Order, type StaffStamp } from '../src/shared/orders';
import { orderTotals, priceLine, settle, type Selection, type Tender } from '../src/shared/pricing';
import { interleave, runIfScript, stats, type Stats } from './harness';

/** A commit may cost at most this much more than the write and flush it cannot avoid. */
export const JOURNAL_TARGET_RATIO = 1.5;

const BARISTA: StaffStamp = { userId: '3f6c2a1e-8d4b-4c7a-9e21-5b0f7d9c4a11', name: 'Jamie Cruz', email: 'barista@coffeecloud.dev' };

function demoProduct(productId: string): Product {
  const demo = DEMO_PRODUCTS.find((p) => p.productId === productId);
  if (!demo) throw new Error(`No demo product ${productId}.`);
  return {
    ...demo,
    modifierGroups: demo.modifierGroups ?? [],
    available: demo.available ?? true,
    sortOrder: 1,
    version: 1,
    updatedAt: '2026-01-01T00:00:00.000Z',
    updatedBy: 'seed',
  };
}

/** The README's demo order: Latte (Large, Oat) + Espresso, $20 cash, priced by the app's own pricing code. */
const DEMO_LINES: { product: Product; selection: Selection; note?: string }[] = [
  { product: demoProduct('latte'), selection: { size: ['large'], milk: ['oat'] }, note: 'Extra hot, name on the cup: Sam' },
  { product: demoProduct('espresso'), selection: {} },
];
const DEMO_TENDERS: Tender[] = [{ kind: 'cash', amountCents: 2000 }];

export interface BenchOrderOptions {
  terminalId: string;
  /** Ticket number that day. */
  seq: number;
  /** A demo customer's id (cust-ada…): the order earns points, as a loyalty checkout does. */
  customerId?: string;
  at?: Date;
}

/**
 * An order as checkout journals it (the demo order, with or without a loyalty customer): a fresh
 * id and timestamps every call, about 2 KB of JSON with a customer.
 */
export function benchOrder({ terminalId, seq, customerId, at = new Date() }: BenchOrderOptions): Order {
  const lines = DEMO_LINES.map(({ product, selection, note }, index) => ({
    ...priceLine({ product, quantity: 1, selection }),
    lineId: String(index + 1),
    refundedQuantity: 0,
    ...(note && { note }),
  }));
  const totals = orderTotals(lines, undefined, { rateBps: DEMO_SETTINGS.taxRateBps, inclusive: DEMO_SETTINGS.taxInclusive });
  const settlement = settle(totals.totalCents, DEMO_TENDERS);
  const customer = customerId === undefined ? undefined : DEMO_CUSTOMERS.find((c) => c.userId === customerId);
  if (customerId !== undefined && !customer) throw new Error(`No demo customer ${customerId}.`);
  return newOrder({
    orderId: ulid(),
    terminalId,
    seq,
    at,
    by: BARISTA,
    lines,
    totals,
    shop: DEMO_SETTINGS,
    tenders: DEMO_TENDERS,
    settlement,
    customer,
  });
}

export interface JournalBenchOptions {
  /** Unmeasured appends of each kind first: JIT, the file's first blocks. */
  warmup?: number;
  blocks?: number;
  perBlock?: number;
  /** Where the temporary directory goes; the OS temp dir by default. Both files share it, so one disk. */
  parentDir?: string;
  log?: (line: string) => void;
}

export interface JournalBenchResult {
  samples: number;
  /** Bytes of one record as written: the same on both sides. */
  recordBytes: number;
  raw: Stats;
  journal: Stats;
  /** journal / raw, of medians: the figure held to the target. */
  ratio: number;
  meanRatio: number;
  overheadMs: number;
  target: number;
  pass: boolean;
}

/**
 * Times `journal.append([order record])` (durable: write + fdatasync) against a FileHandle opened
 * for append writing the exact same bytes and calling datasync, in the same directory.
 */
export async function runJournalBench(options: JournalBenchOptions = {}): Promise<JournalBenchResult> {
  const { warmup = 50, blocks = 10, perBlock = 60, parentDir = os.tmpdir(), log = () => {} } = options;
  const dir = mkdtempSync(path.join(parentDir, 'coffee-cloud-bench-journal-'));
  const { journal } = Journal.open(dir);
  const raw = await open(path.join(dir, 'raw.journal'), 'a');
  try {
    let seq = 0;
    const nextRecord = (): JournalRecord => {
      seq += 1;
      return { t: 'order', seq, order: benchOrder({ terminalId: 'J1', seq, customerId: 'cust-ada' }) };
    };
    // Each side builds its record outside the clock; the journal encodes it inside, as commit does.
    const commit = () => {
      const record = nextRecord();
      return () => journal.append([record]);
    };
    const rawAppend = () => {
      const bytes = encodeRecords([nextRecord()]);
      return async () => {
        let offset = 0;
        while (offset < bytes.length) offset += (await raw.write(bytes, offset, bytes.length - offset)).bytesWritten;
        await raw.datasync();
      };
    };

    const recordBytes = encodeRecords([nextRecord()]).length;
    log(`Warming up (${warmup} of each, ${recordBytes}-byte records)…`);
    for (let i = 0; i < warmup; i++) {
      await commit()();
      await rawAppend()();
    }
    const [rawMs, journalMs] = await interleave([rawAppend, commit], { blocks, perBlock, log });
    const rawStats = stats(rawMs);
    const journalStats = stats(journalMs);
    const ratio = journalStats.medianMs / rawStats.medianMs;
    return {
      samples: blocks * perBlock,
      recordBytes,
      raw: rawStats,
      journal: journalStats,
      ratio,
      meanRatio: journalStats.meanMs / rawStats.meanMs,
      overheadMs: journalStats.medianMs - rawStats.medianMs,
      target: JOURNAL_TARGET_RATIO,
      pass: ratio <= JOURNAL_TARGET_RATIO,
    };
  } finally {
    await raw.close();
    await journal.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

export function formatJournalBench(r: JournalBenchResult): string {
  const ms = (x: number) => x.toFixed(3).padStart(9);
  const row = (label: string, s: Stats) => `${label.padEnd(36)}${ms(s.medianMs)}${ms(s.p95Ms)}${ms(s.meanMs)}`;
  return [
    `Durable commit vs raw append + fdatasync of the same ${r.recordBytes} bytes: ${r.samples} each, interleaved`,
    `${''.padEnd(36)}${'median'.padStart(9)}${'p95'.padStart(9)}${'mean'.padStart(9)}  (ms)`,
    row('raw FileHandle write + datasync', r.raw),
    row('journal.append (durable)', r.journal),
    `${'ratio journal / raw'.padEnd(36)}${r.ratio.toFixed(2).padStart(9)}${''.padStart(9)}${r.meanRatio.toFixed(2).padStart(9)}`,
    `${'overhead journal − raw'.padEnd(36)}${ms(r.overheadMs)}`,
    `target: median ratio ≤ ${r.target.toFixed(2)}  ${r.pass ? 'PASS' : 'MISS'}`,
  ].join('\n');
}

runIfScript(import.meta.url, 'Journal', () => runJournalBench({ log: (line) => console.error(line) }), formatJournalBench);
