import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import * as real from '../../src/main/sync/journal';
import { encodeRecords, type JournalRecord } from '../../src/main/sync/journal';
import { applyRecord, snapshot } from '../../src/main/sync/records';
import { createTillState, type TillState } from '../../src/main/sync/state';
import type { Order } from '../../src/shared/orders';
import { PowerCut, PowerCutFs } from '../support/power-cut-fs';

/**
 * Power-cut safety, not just crash safety: each scenario runs against a disk that keeps only what
 * was flushed (test/support/power-cut-fs.ts), with the power cut before every one of its file-system
 * calls in turn, and once after the last. After each cut the till starts again on what the disk
 * kept, and:
 * - every record whose append had returned (the barista saw the sale, or the move, confirmed) is there;
 * - a sale whose append was refused (the barista saw an error) is not;
 * - nothing is damaged but one last record cut off part-way, which the journal reports, and the
 *   journal it leaves takes the next sale and opens clean.
 * Each cut is tried twice: with every unflushed byte lost, and with half of them on the disk (a
 * torn record). Then the same scenarios run against copies of journal.ts with one flush removed
 * each: every copy must lose a confirmed record or bring back a refused one somewhere.
 */

type JournalModule = Pick<typeof real, 'Journal'>;

const DIR = '/till/coffee-cloud-test-Orders';
const FILE = path.join(DIR, 'orders.journal');
const TODAY = '2026-12-01';
const now = () => new Date(`${TODAY}T10:00:00.000Z`);
const by = { userId: 'u-barista', name: 'Sam Barista' };

function order(n: number): JournalRecord {
  const o = {
    orderId: `order-${n}`,
    ticket: `T1-${String(n).padStart(3, '0')}`,
    terminalId: 'T1',
    businessDate: TODAY,
    createdAt: `${TODAY}T09:0${n}:00.000Z`,
    status: 'placed',
    statusHistory: [{ status: 'placed', at: `${TODAY}T09:0${n}:00.000Z`, by }],
    createdBy: by,
    lines: [{ productId: 'latte', name: 'Latte', unitPriceCents: 450, quantity: 1 }],
    totalCents: 450 + n,
  } as unknown as Order;
  return { t: 'order', seq: n, order: o };
}
const move = (n: number, from: string, to: string, minute: number): JournalRecord =>
  ({ t: 'status', id: `order-${n}`, from, to, at: `${TODAY}T09:${minute}:00.000Z`, by }) as JournalRecord;
const synced = (...ids: string[]): JournalRecord => ({ t: 'synced', ids, at: `${TODAY}T09:30:00.000Z` });
const terminal: JournalRecord = { t: 'terminal', id: 'T1', installId: 'install-1', at: `${TODAY}T08:00:00.000Z` };

/** What the barista can have seen confirmed, as the till's state shows it: orders, board moves, the till's id. */
function facts(state: TillState): Set<string> {
  const found = new Set<string>();
  if (state.terminal) found.add(`terminal ${state.terminal.id}`);
  for (const [id, entry] of state.entries) {
    found.add(`order ${id}`);
    for (const m of entry.moves) found.add(`move ${id}@${m.at}`);
  }
  return found;
}

function factOf(record: JournalRecord): string | null {
  if (record.t === 'order') return `order ${record.order.orderId}`;
  if (record.t === 'status') return `move ${record.id}@${record.at}`;
  if (record.t === 'terminal') return `terminal ${record.id}`;
  return null;
}

/** The till as sync/service.ts drives the journal: memory follows the disk, compaction snapshots the state. */
class Till {
  readonly state = createTillState();
  private constructor(
    readonly journal: real.Journal,
    readonly fs: PowerCutFs,
  ) {}

  static open(mod: JournalModule, fs: PowerCutFs) {
    const opened = mod.Journal.open(DIR, now, fs);
    const till = new Till(opened.journal, fs);
    opened.records.forEach((r) => applyRecord(till.state, r));
    return { till, damage: opened.damage };
  }

  record(record: JournalRecord, durable = true): Promise<void> {
    return this.journal.append([record], durable, () => applyRecord(this.state, record));
  }

  compact(): Promise<void> {
    return this.journal.rewrite(() => snapshot(this.state, now));
  }
}

/** What a scenario's steps report as they go. */
interface Outcome {
  confirmed: Set<string>;
  refused: Set<string>;
}

interface Scenario {
  name: string;
  /** The journal on the disk before the first step (durably), if any. */
  before?: Buffer;
  /** The records in `before` the barista already saw confirmed. */
  confirmedBefore?: JournalRecord[];
  steps(till: Till, fs: PowerCutFs, outcome: Outcome): Promise<void>;
}

/** A durable append the barista waits on: confirmed once it returns, refused if it throws anything but the cut. */
async function confirm(till: Till, record: JournalRecord, outcome: Outcome): Promise<void> {
  try {
    await till.record(record);
  } catch (error) {
    // The journal may throw its own error while the power goes: nobody is left to tell the barista.
    if (error instanceof PowerCut || till.fs.cut) throw new PowerCut(till.fs.steps);
    outcome.refused.add(factOf(record)!);
    return;
  }
  const fact = factOf(record);
  if (fact) outcome.confirmed.add(fact);
}

const startedDay = [terminal, order(1), synced('terminal:T1')];

/** A new record kind (a shift, a drawer movement) adds the steps that write it here; the cuts and the flush mutants then cover it. */
const SCENARIOS: Scenario[] = [
  {
    name: 'the first checkouts on a new till (the journal is created)',
    async steps(till, _fs, outcome) {
      await confirm(till, terminal, outcome);
      await confirm(till, order(1), outcome);
      // Sync markers aren't flushed: losing one only means the record is sent again.
      await till.record(synced('terminal:T1'), false);
      await confirm(till, order(2), outcome);
    },
  },
  {
    name: 'a checkout (order record append)',
    before: encodeRecords(startedDay),
    confirmedBefore: startedDay,
    async steps(till, _fs, outcome) {
      await confirm(till, order(2), outcome);
      await confirm(till, order(3), outcome);
    },
  },
  {
    name: 'a board move record',
    before: encodeRecords([...startedDay, order(2)]),
    confirmedBefore: [...startedDay, order(2)],
    async steps(till, _fs, outcome) {
      await confirm(till, move(1, 'placed', 'preparing', 10), outcome);
      await till.record(synced('order-1'), false);
      await confirm(till, move(2, 'placed', 'preparing', 11), outcome);
      await confirm(till, move(1, 'preparing', 'ready', 12), outcome);
    },
  },
  {
    name: 'a compaction, and the sales after it',
    before: encodeRecords([...startedDay, order(2), move(1, 'placed', 'preparing', 10), synced('order-1', 'order-2'), order(3)]),
    confirmedBefore: [...startedDay, order(2), move(1, 'placed', 'preparing', 10), order(3)],
    async steps(till, _fs, outcome) {
      await till.compact();
      await confirm(till, order(4), outcome);
      await confirm(till, move(4, 'placed', 'preparing', 13), outcome);
      await till.compact();
      await confirm(till, order(5), outcome);
    },
  },
  {
    name: 'a checkout the disk refused, between two it took',
    before: encodeRecords(startedDay),
    confirmedBefore: startedDay,
    async steps(till, fs, outcome) {
      await confirm(till, order(2), outcome);
      // The bytes reach the disk, then fdatasync fails: the barista is told the sale didn't go
      // through, so it must not come back after a restart, not even once the next sale is flushed.
      fs.failNextDatasync = true;
      await confirm(till, order(3), outcome);
      await confirm(till, order(4), outcome);
    },
  },
  {
    name: 'reopening a journal whose last record was cut off (the repair), then a checkout',
    before: Buffer.concat([encodeRecords(startedDay), encodeRecords([order(2)]).subarray(0, 40)]),
    confirmedBefore: startedDay,
    async steps(till, _fs, outcome) {
      await confirm(till, order(3), outcome);
    },
  },
];

interface Violation {
  scenario: string;
  cutAt: number;
  torn: boolean;
  problem: string;
}

function startingFs(scenario: Scenario, cutAt?: number): PowerCutFs {
  return new PowerCutFs({ files: scenario.before ? { [FILE]: scenario.before } : {}, ...(cutAt !== undefined && { cutAt }) });
}

/** Runs a scenario until the power goes; what was confirmed and refused by then. */
async function runUntilCut(mod: JournalModule, scenario: Scenario, fs: PowerCutFs): Promise<Outcome> {
  const outcome: Outcome = { confirmed: new Set(scenario.confirmedBefore?.map(factOf).filter((f) => f !== null)), refused: new Set() };
  try {
    const { till } = Till.open(mod, fs);
    await scenario.steps(till, fs, outcome);
    if (!fs.cut) await till.journal.close();
  } catch (error) {
    if (!(error instanceof PowerCut)) throw error;
  }
  return outcome;
}

/** The till starting again on what the disk kept: every rule from the top of this file. */
async function checkRestart(mod: JournalModule, scenario: Scenario, outcome: Outcome, disk: PowerCutFs, torn: boolean): Promise<{ problems: string[]; damaged: boolean }> {
  const problems: string[] = [];
  let opened;
  try {
    opened = Till.open(mod, disk);
  } catch (error) {
    return { problems: [`the journal doesn't open: ${(error as Error).message}`], damaged: false };
  }
  const found = facts(opened.till.state);
  for (const fact of outcome.confirmed) if (!found.has(fact)) problems.push(`confirmed ${fact} is lost`);
  for (const fact of outcome.refused) if (found.has(fact)) problems.push(`refused ${fact} came back`);
  if (opened.damage.length > 1) problems.push(`${opened.damage.length} damage reports`);
  for (const d of opened.damage) {
    if (!/cut off part-way/.test(d.message) || /corrupted/.test(d.message)) problems.push(`damage beyond a torn last record: ${d.message}`);
  }
  // Without torn writes nothing half-written can reach the disk: only a torn journal to begin with may be reported.
  const tornBefore = scenario.name.startsWith('reopening');
  if (!torn && !tornBefore && opened.damage.length > 0) problems.push(`damage with no torn write: ${opened.damage[0]!.message}`);
  // The journal it leaves takes the next sale, and opens clean with everything in it.
  try {
    await opened.till.record(order(9));
    await opened.till.journal.close();
    const again = Till.open(mod, disk);
    const next = facts(again.till.state);
    for (const fact of [...found, 'order order-9']) if (!next.has(fact)) problems.push(`${fact} is lost after the next sale and a restart`);
    if (again.damage.length > 0) problems.push(`still damaged after the repair: ${again.damage[0]!.message}`);
    await again.till.journal.close();
  } catch (error) {
    problems.push(`the next sale after the restart fails: ${(error as Error).message}`);
  }
  return { problems, damaged: opened.damage.length > 0 };
}

/** Every scenario, cut at every step, both ways; the violations found and how many cuts were tried. */
async function cutEverywhere(mod: JournalModule): Promise<{ violations: Violation[]; points: number; damaged: number; perScenario: Record<string, number> }> {
  const violations: Violation[] = [];
  let damaged = 0;
  const perScenario: Record<string, number> = {};
  let points = 0;
  for (const scenario of SCENARIOS) {
    const dry = startingFs(scenario);
    await runUntilCut(mod, scenario, dry);
    // Before each call, and once after the last: steps + 1 cut points, each lost-or-torn.
    for (let cutAt = 1; cutAt <= dry.steps + 1; cutAt++) {
      for (const torn of [false, true]) {
        const fs = startingFs(scenario, cutAt);
        const outcome = await runUntilCut(mod, scenario, fs);
        const restart = await checkRestart(mod, scenario, outcome, fs.afterCut({ torn }), torn);
        for (const problem of restart.problems) violations.push({ scenario: scenario.name, cutAt, torn, problem });
        if (restart.damaged) damaged++;
        points++;
      }
    }
    perScenario[scenario.name] = dry.steps + 1;
  }
  return { violations, points, damaged, perScenario };
}

const describeViolation = (v: Violation) => `${v.scenario}, cut before step ${v.cutAt}${v.torn ? ' (torn)' : ''}: ${v.problem}`;

describe('the journal across a power cut at every step', () => {
  it('keeps every confirmed record, never brings back a refused one, and damages at most a torn last record', async () => {
    const { violations, points, damaged, perScenario } = await cutEverywhere(real);
    console.log(`power-cut points tried: ${points}, ${damaged} of them reopened with a torn last record reported (${Object.entries(perScenario).map(([name, n]) => `${name}: ${n} × 2`).join('; ')})`);
    expect(violations.map(describeViolation)).toEqual([]);
    // A guard against scenarios that quietly stopped doing anything.
    for (const [name, steps] of Object.entries(perScenario)) expect(steps, name).toBeGreaterThan(8);
    // And against a torn-write model that never tears anything.
    expect(damaged).toBeGreaterThan(10);
  });

  it('the simulated disk really loses what was not flushed', async () => {
    const fs = new PowerCutFs();
    const { till } = Till.open(real, fs);
    await till.record(order(1));
    await till.record(synced('order-1'), false);
    const kept = fs.afterCut().contents(FILE)!;
    expect(kept.equals(encodeRecords([order(1)]))).toBe(true);
    const torn = fs.afterCut({ torn: true }).contents(FILE)!;
    expect(torn.length).toBeGreaterThan(kept.length);
    expect(torn.length).toBeLessThan(encodeRecords([order(1), synced('order-1')]).length);
    // A file whose directory was never flushed is gone, however much of it was.
    const unnamed = new PowerCutFs();
    unnamed.mkdirSync('/till');
    const fd = unnamed.openSync('/till/x', 'w');
    unnamed.writeSync(fd, Buffer.from('abc'));
    unnamed.fdatasyncSync(fd);
    expect(unnamed.afterCut().contents('/till/x')).toBeUndefined();
    await till.journal.close();
  });
});

/** Every flush in journal.ts: the call, and what it is in words (for the report). */
const SYNC_CALL = /(?<!function )\b(?:await\s+)?(?:syncDirectory|datasyncAsync|(?:this\.)?fs\.(?:fsyncSync|fdatasyncSync))\(/g;

function closingParen(source: string, open: number): number {
  let depth = 0;
  for (let i = open; i < source.length; i++) {
    if (source[i] === '(') depth++;
    else if (source[i] === ')' && --depth === 0) return i;
  }
  throw new Error('unbalanced parentheses in journal.ts');
}

const MUTANT_DIR = path.resolve('node_modules/.cache/journal-mutants');
afterAll(() => rmSync(MUTANT_DIR, { recursive: true, force: true }));

describe('every flush in journal.ts is needed', () => {
  const source = readFileSync(path.resolve('src/main/sync/journal.ts'), 'utf8');
  const sites = [...source.matchAll(SYNC_CALL)].map((match) => {
    const start = match.index;
    const end = closingParen(source, start + match[0].length - 1) + 1;
    const line = source.slice(0, start).split('\n').length;
    return { start, end, call: source.slice(start, end), line };
  });

  it('finds the flushes: each write’s fdatasync, the repair’s, the temporary file’s, and the directory syncs', () => {
    expect(sites.map((s) => s.call)).toEqual([
      'syncDirectory(fs, path.dirname(to))',
      'fs.fsyncSync(fd)',
      'fs.fdatasyncSync(fd)',
      'syncDirectory(fs, dir)',
      'await datasyncAsync(this.fs, this.fd)',
      'this.fs.fdatasyncSync(this.fd)',
    ]);
  });

  it.each(sites.map((s) => [`${s.call} (line ${s.line})`, s] as const))('without %s, some power cut loses a confirmed record or brings back a refused one', async (_name, site) => {
    mkdirSync(MUTANT_DIR, { recursive: true });
    const file = path.join(MUTANT_DIR, `journal-without-line-${site.line}-${site.start}.ts`);
    writeFileSync(file, `${source.slice(0, site.start)}void 0${source.slice(site.end)}`);
    const mutant = (await import(/* @vite-ignore */ pathToFileURL(file).href)) as JournalModule;
    const { violations } = await cutEverywhere(mutant);
    const caught = violations.filter((v) => /confirmed .* is lost|refused .* came back/.test(v.problem));
    console.log(`without ${site.call}: ${caught.length} cut points lose or resurrect a record, e.g. ${caught[0] ? describeViolation(caught[0]) : 'none'}`);
    expect(caught.length).toBeGreaterThan(0);
  });
});
