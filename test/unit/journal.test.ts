import { appendFileSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { encodeRecords, Journal, journalFile, writeFileDurably, type JournalRecord, type OpenedJournal } from '../../src/main/sync/journal';
import type { Order } from '../../src/shared/orders';
import { describeBacklog } from '../../src/shared/sync';

const dirs: string[] = [];
const open: Journal[] = [];

function tempDir(): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'pos-journal-'));
  dirs.push(dir);
  return dir;
}

function openJournal(dir: string, now?: () => Date): OpenedJournal {
  const opened = Journal.open(dir, now);
  open.push(opened.journal);
  return opened;
}

afterEach(async () => {
  for (const journal of open.splice(0)) await journal.close();
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** A minimal sale: only what the journal itself needs to carry. */
function order(seq: number, extra: Record<string, unknown> = {}): JournalRecord {
  const o = {
    orderId: `order-${seq}`,
    ticket: `A${String(seq).padStart(3, '0')}`,
    businessDate: '2025-03-14',
    createdAt: '2025-03-14T09:00:00.000Z',
    totalCents: 450 + seq,
    ...extra,
  } as unknown as Order;
  return { t: 'order', seq, order: o };
}

const synced = (ids: string[]): JournalRecord => ({ t: 'synced', ids, at: '2025-03-14T09:05:00.000Z' });

function damagedFiles(dir: string): string[] {
  return readdirSync(dir)
    .filter((name) => /^damaged-.*\.journal$/.test(name))
    .map((name) => path.join(dir, name));
}

/** Closes and reopens: what the till sees after a restart. */
async function reopen(dir: string, journal: Journal, now?: () => Date): Promise<OpenedJournal> {
  await journal.close();
  return openJournal(dir, now);
}

const fixedNow = (iso: string) => () => new Date(iso);

/** The single entry of a list, failing the test if there isn't exactly one. */
function only<T>(items: readonly T[]): T {
  expect(items).toHaveLength(1);
  const [item] = items;
  if (item === undefined) throw new Error('expected one item');
  return item;
}

/** The encoded lines of `records`, without their newlines. */
function encodedLines(records: JournalRecord[]): string[] {
  return encodeRecords(records).toString('utf8').split('\n').slice(0, -1);
}

describe('order journal: round trip', () => {
  it('starts empty in a fresh directory (created if missing) with no damage', async () => {
    const dir = path.join(tempDir(), 'nested', 'till');
    const { journal, records, damage } = openJournal(dir);
    expect(records).toEqual([]);
    expect(damage).toEqual([]);
    expect(journal.file).toBe(journalFile(dir));
    expect(existsSync(journalFile(dir))).toBe(true);
  });

  it('returns durable and non-durable appends in order after close and reopen', async () => {
    const dir = tempDir();
    const { journal } = openJournal(dir);
    await journal.append([order(1)]);
    await journal.append([synced(['order-1'])], false);
    await journal.append([order(2), order(3)], true);
    await journal.append([{ t: 'parked', id: 'order-2', reason: 'ValidationException', at: '2025-03-14T09:06:00.000Z' }], false);
    await journal.append([{ t: 'counter', date: '2025-03-13', seq: 41 }]);
    expect(journal.appended).toBe(6);

    const again = await reopen(dir, journal);
    expect(again.damage).toEqual([]);
    expect(again.records).toEqual([
      order(1),
      synced(['order-1']),
      order(2),
      order(3),
      { t: 'parked', id: 'order-2', reason: 'ValidationException', at: '2025-03-14T09:06:00.000Z' },
      { t: 'counter', date: '2025-03-13', seq: 41 },
    ]);
    expect(again.journal.appended).toBe(6);
  });

  it('writes one `<crc32 hex> <json>` line per record', async () => {
    const dir = tempDir();
    const { journal } = openJournal(dir);
    await journal.append([order(1), synced(['order-1'])]);
    await journal.close();
    const text = readFileSync(journalFile(dir), 'utf8');
    expect(text.endsWith('\n')).toBe(true);
    const lines = text.split('\n').slice(0, -1);
    expect(lines).toHaveLength(2);
    for (const line of lines) expect(line).toMatch(/^[0-9a-f]{8} \{.*\}$/);
    expect(text).toBe(encodeRecords([order(1), synced(['order-1'])]).toString('utf8'));
  });

  it('keeps non-ASCII text (customer names, item notes) intact', async () => {
    const dir = tempDir();
    const { journal } = openJournal(dir);
    const r = order(1, { customerName: 'Zoë Brontë ☕ 咖啡', note: 'line\nbreak\u2028sep' });
    await journal.append([r]);
    const again = await reopen(dir, journal);
    expect(again.damage).toEqual([]);
    expect(again.records).toEqual([r]);
  });

  it('refuses to append once closed', async () => {
    const dir = tempDir();
    const { journal } = openJournal(dir);
    await journal.close();
    await expect(journal.append([order(1)])).rejects.toThrow(/closed/);
    await expect(journal.rewrite([order(1)])).rejects.toThrow(/closed/);
  });

  it('lets appends queued before close finish, and close twice is harmless', async () => {
    const dir = tempDir();
    const { journal } = openJournal(dir);
    const pending = journal.append([order(1)]);
    await journal.close();
    await pending;
    await journal.close();
    const again = openJournal(dir);
    expect(again.records).toEqual([order(1)]);
  });
});

describe('order journal: a torn last record', () => {
  it('is reported, kept aside byte for byte, and removed from the journal; intact records survive', async () => {
    const dir = tempDir();
    const { journal } = openJournal(dir);
    await journal.append([order(1), order(2)]);
    await journal.append([synced(['order-1'])], false);
    await journal.close();
    const intact = readFileSync(journalFile(dir));

    const full = encodeRecords([order(3)]);
    const torn = full.subarray(0, Math.floor(full.length / 2));
    appendFileSync(journalFile(dir), torn);

    const opened = openJournal(dir, fixedNow('2025-03-14T10:11:12.345Z'));
    expect(opened.records).toEqual([order(1), order(2), synced(['order-1'])]);
    expect(opened.damage).toHaveLength(1);
    const d = only(opened.damage);
    expect(d.at).toBe('2025-03-14T10:11:12.345Z');
    expect(d.message).toMatch(/cut off/);
    expect(d.message).not.toMatch(/corrupted/);
    expect(d.message).toContain(d.file);

    // The damaged bytes are kept next to the journal, in the file the message names.
    expect(damagedFiles(dir)).toEqual([d.file]);
    expect(path.dirname(d.file)).toBe(dir);
    expect(readFileSync(d.file)).toEqual(Buffer.concat([torn, Buffer.from('\n')]));

    // The journal no longer holds the torn bytes: it is exactly the intact records.
    const after = readFileSync(journalFile(dir));
    expect(after.includes(torn)).toBe(false);
    expect(after).toEqual(intact);
    expect(existsSync(`${journalFile(dir)}.tmp`)).toBe(false);

    // A new sale after the restart starts on a clean line, and the next start finds no damage.
    await opened.journal.append([order(4)]);
    const again = await reopen(dir, opened.journal);
    expect(again.damage).toEqual([]);
    expect(again.records).toEqual([order(1), order(2), synced(['order-1']), order(4)]);
    expect(readFileSync(journalFile(dir), 'utf8')).toBe(
      encodeRecords([order(1), order(2), synced(['order-1']), order(4)]).toString('utf8'),
    );
    // The earlier damage report stays on disk.
    expect(damagedFiles(dir)).toEqual([d.file]);
  });

  it('is detected wherever the write was cut, even one byte short of the newline', async () => {
    const full = encodeRecords([order(3)]);
    // Cut points: inside the checksum, right after the space, mid-JSON, and missing only the closing brace.
    for (const cut of [1, 8, 9, 20, full.length - 2]) {
      const dir = tempDir();
      writeFileSync(journalFile(dir), Buffer.concat([encodeRecords([order(1)]), full.subarray(0, cut)]));
      const opened = openJournal(dir);
      expect(opened.records, `cut at ${cut}`).toEqual([order(1)]);
      expect(opened.damage, `cut at ${cut}`).toHaveLength(1);
      expect(only(opened.damage).message).toMatch(/cut off/);
      expect(readFileSync(journalFile(dir), 'utf8')).toBe(encodeRecords([order(1)]).toString('utf8'));
      await opened.journal.close();
    }
  });

  it('is detected when the whole journal is a single torn record', async () => {
    const dir = tempDir();
    const full = encodeRecords([order(1)]);
    writeFileSync(journalFile(dir), full.subarray(0, 30));
    const opened = openJournal(dir);
    expect(opened.records).toEqual([]);
    expect(opened.damage).toHaveLength(1);
    expect(readFileSync(journalFile(dir), 'utf8')).toBe('');
    await opened.journal.append([order(2)]);
    const again = await reopen(dir, opened.journal);
    expect(again).toMatchObject({ records: [order(2)], damage: [] });
  });

  // Read as text, a cut inside a multi-byte character would be saved as U+FFFD, not the bytes on disk.
  it('keeps the exact bytes even when the cut falls inside a multi-byte character', async () => {
    const dir = tempDir();
    const full = encodeRecords([order(3, { customerName: 'Café ☕ Zoë' })]);
    const torn = full.subarray(0, full.indexOf(Buffer.from('☕')) + 1);
    writeFileSync(journalFile(dir), Buffer.concat([encodeRecords([order(1)]), torn]));
    const opened = openJournal(dir);
    expect(opened.records).toEqual([order(1)]);
    expect(opened.damage).toHaveLength(1);
    expect(readFileSync(only(opened.damage).file)).toEqual(Buffer.concat([torn, Buffer.from('\n')]));
  });

  it('is detected when the tail is zero-filled (a power cut after the file grew)', async () => {
    const dir = tempDir();
    writeFileSync(journalFile(dir), Buffer.concat([encodeRecords([order(1)]), Buffer.alloc(64)]));
    const opened = openJournal(dir);
    expect(opened.records).toEqual([order(1)]);
    expect(opened.damage).toHaveLength(1);
    expect(readFileSync(only(opened.damage).file)).toEqual(Buffer.concat([Buffer.alloc(64), Buffer.from('\n')]));
  });
});

describe('order journal: a last record missing only its newline', () => {
  it('is recovered without damage', async () => {
    const dir = tempDir();
    const whole = encodeRecords([order(1), order(2)]);
    writeFileSync(journalFile(dir), whole.subarray(0, whole.length - 1));
    const opened = openJournal(dir);
    expect(opened.damage).toEqual([]);
    expect(opened.records).toEqual([order(1), order(2)]);
    expect(damagedFiles(dir)).toEqual([]);
  });

  // Unless the recovered line is terminated, the next append is glued onto it and both are lost at the next start.
  it('still reads back both the recovered record and a sale appended after it', async () => {
    const dir = tempDir();
    const whole = encodeRecords([order(1), order(2)]);
    writeFileSync(journalFile(dir), whole.subarray(0, whole.length - 1));
    const opened = openJournal(dir);
    expect(opened.records).toEqual([order(1), order(2)]);
    await opened.journal.append([order(3)]);
    const again = await reopen(dir, opened.journal);
    expect(again.damage).toEqual([]);
    expect(again.records).toEqual([order(1), order(2), order(3)]);
  });
});

describe('order journal: a corrupted record', () => {
  function flipInJson(line: string): string {
    // Change one digit inside the JSON; the checksum no longer matches.
    const i = line.indexOf('"totalCents":') + '"totalCents":'.length;
    const digit = line[i];
    return line.slice(0, i) + (digit === '9' ? '8' : String(Number(digit) + 1)) + line.slice(i + 1);
  }

  it('in the middle is reported, kept aside, and every other record kept in order', async () => {
    const dir = tempDir();
    const [l0 = '', l1 = '', l2 = ''] = encodedLines([order(1), order(2), order(3)]);
    const bad = flipInJson(l1);
    expect(bad).not.toBe(l1);
    writeFileSync(journalFile(dir), [l0, bad, l2, ''].join('\n'));

    const opened = openJournal(dir);
    expect(opened.records).toEqual([order(1), order(3)]);
    expect(opened.damage).toHaveLength(1);
    expect(only(opened.damage).message).toMatch(/1 record was corrupted/);
    expect(only(opened.damage).message).not.toMatch(/cut off/);
    expect(readFileSync(only(opened.damage).file, 'utf8')).toBe(`${bad}\n`);
    expect(readFileSync(journalFile(dir), 'utf8')).toBe(encodeRecords([order(1), order(3)]).toString('utf8'));

    await opened.journal.append([order(4)]);
    const again = await reopen(dir, opened.journal);
    expect(again.damage).toEqual([]);
    expect(again.records).toEqual([order(1), order(3), order(4)]);
  });

  it('catches a damaged checksum and a line with no checksum at all', async () => {
    const dir = tempDir();
    const [l0 = '', , l2 = ''] = encodedLines([order(1), order(2), order(3)]);
    const badCrc = (l0[0] === '0' ? '1' : '0') + l0.slice(1);
    const noCrc = JSON.stringify(order(2));
    writeFileSync(journalFile(dir), [badCrc, noCrc, l2, ''].join('\n'));
    const opened = openJournal(dir);
    expect(opened.records).toEqual([order(3)]);
    expect(opened.damage).toHaveLength(1);
    expect(only(opened.damage).message).toMatch(/2 records were corrupted/);
    expect(readFileSync(only(opened.damage).file, 'utf8')).toBe(`${badCrc}\n${noCrc}\n`);
  });

  it('and a torn last line together make one report that names both', async () => {
    const dir = tempDir();
    const [l0 = '', l1 = ''] = encodedLines([order(1), order(2)]);
    const bad = flipInJson(l0);
    const torn = encodeRecords([order(3)]).subarray(0, 25).toString('utf8');
    writeFileSync(journalFile(dir), `${bad}\n${l1}\n${torn}`);
    const opened = openJournal(dir);
    expect(opened.records).toEqual([order(2)]);
    expect(opened.damage).toHaveLength(1);
    expect(only(opened.damage).message).toMatch(/cut off/);
    expect(only(opened.damage).message).toMatch(/1 record was corrupted/);
    expect(readFileSync(only(opened.damage).file, 'utf8')).toBe(`${bad}\n${torn}\n`);
  });
});

describe('order journal: compaction', () => {
  it('rewrite() replaces the contents, and later appends go after the rewritten records', async () => {
    const dir = tempDir();
    const { journal } = openJournal(dir);
    await journal.append([order(1), order(2), synced(['order-1', 'order-2']), order(3)]);
    const compacted: JournalRecord[] = [{ t: 'counter', date: '2025-03-14', seq: 2 }, order(3)];
    await journal.rewrite(compacted);
    expect(journal.appended).toBe(2);
    expect(readFileSync(journalFile(dir), 'utf8')).toBe(encodeRecords(compacted).toString('utf8'));
    expect(existsSync(`${journalFile(dir)}.tmp`)).toBe(false);

    await journal.append([order(4)]);
    await journal.append([synced(['order-3'])], false);
    expect(journal.appended).toBe(4);
    const again = await reopen(dir, journal);
    expect(again.damage).toEqual([]);
    expect(again.records).toEqual([...compacted, order(4), synced(['order-3'])]);
  });

  it('rewrite() waits its turn behind appends already queued, and appends queued after it follow it', async () => {
    const dir = tempDir();
    const { journal } = openJournal(dir);
    const a = journal.append([order(1)]);
    const r = journal.rewrite([order(9)]);
    const b = journal.append([order(10)]);
    await Promise.all([a, r, b]);
    const again = await reopen(dir, journal);
    expect(again.records).toEqual([order(9), order(10)]);
  });

  it('rewrite([]) empties the journal', async () => {
    const dir = tempDir();
    const { journal } = openJournal(dir);
    await journal.append([order(1)]);
    await journal.rewrite([]);
    expect(readFileSync(journalFile(dir), 'utf8')).toBe('');
    const again = await reopen(dir, journal);
    expect(again).toMatchObject({ records: [], damage: [] });
  });

  it('a leftover orders.journal.tmp (crash during compaction) is removed and the journal is intact', async () => {
    const dir = tempDir();
    const { journal } = openJournal(dir);
    await journal.append([order(1), order(2)]);
    await journal.close();
    // Half of a compacted file, never renamed into place.
    writeFileSync(`${journalFile(dir)}.tmp`, encodeRecords([order(2)]).subarray(0, 17));

    const opened = openJournal(dir);
    expect(opened.damage).toEqual([]);
    expect(opened.records).toEqual([order(1), order(2)]);
    expect(existsSync(`${journalFile(dir)}.tmp`)).toBe(false);
    expect(damagedFiles(dir)).toEqual([]);
  });

  it('writeFileDurably() replaces a file whole and leaves no temporary file', () => {
    const dir = tempDir();
    const file = path.join(dir, 'settings.json');
    writeFileDurably(file, 'old');
    writeFileDurably(file, Buffer.from('new contents'));
    expect(readFileSync(file, 'utf8')).toBe('new contents');
    expect(readdirSync(dir)).toEqual(['settings.json']);
  });
});

describe('order journal: concurrent appends', () => {
  it('200 appends started together all land, in call order, each line intact', async () => {
    const dir = tempDir();
    const { journal } = openJournal(dir);
    const expected: JournalRecord[] = [];
    const calls: Promise<void>[] = [];
    for (let i = 1; i <= 200; i++) {
      // Mix batch sizes and durability; every 20th is flushed, as a checkout would be.
      const batch = i % 7 === 0 ? [order(i), synced([`order-${i}`])] : [order(i, { pad: 'x'.repeat(i * 7) })];
      expected.push(...batch);
      calls.push(journal.append(batch, i % 20 === 0));
    }
    await Promise.all(calls);
    expect(journal.appended).toBe(expected.length);

    const text = readFileSync(journalFile(dir), 'utf8');
    expect(text).toBe(encodeRecords(expected).toString('utf8'));

    const again = await reopen(dir, journal);
    expect(again.damage).toEqual([]);
    expect(again.records).toEqual(expected);
  });

  it('a rejected append does not block the ones queued after it', async () => {
    const dir = tempDir();
    const { journal } = openJournal(dir);
    await journal.append([order(1)]);
    // A record that can't be encoded fails on its own.
    const cyclic: Record<string, unknown> = {};
    cyclic.self = cyclic;
    expect(() => journal.append([order(2, cyclic)])).toThrow();
    await journal.append([order(3)]);
    const again = await reopen(dir, journal);
    expect(again.records).toEqual([order(1), order(3)]);
  });
});

describe('describeBacklog', () => {
  const now = Date.parse('2025-03-14T12:00:00.000Z');
  const ago = (ms: number) => new Date(now - ms).toISOString();

  it('says all orders synced when nothing is waiting', () => {
    expect(describeBacklog({ pending: 0, oldestAt: null }, now)).toBe('All orders synced');
    expect(describeBacklog({ pending: 0, oldestAt: ago(3_600_000) }, now)).toBe('All orders synced');
  });

  it('uses the singular for one order', () => {
    expect(describeBacklog({ pending: 1, oldestAt: ago(5_000) }, now)).toBe('1 order waiting to sync, oldest under a minute');
    expect(describeBacklog({ pending: 1, oldestAt: ago(60_000) }, now)).toBe('1 order waiting to sync, oldest 1 minute');
  });

  it('uses the plural for many orders and counts whole minutes', () => {
    expect(describeBacklog({ pending: 3, oldestAt: ago(12 * 60_000 + 59_000) }, now)).toBe('3 orders waiting to sync, oldest 12 minutes');
    expect(describeBacklog({ pending: 2, oldestAt: ago(2 * 60_000) }, now)).toBe('2 orders waiting to sync, oldest 2 minutes');
    expect(describeBacklog({ pending: 250, oldestAt: ago(90 * 60_000) }, now)).toBe('250 orders waiting to sync, oldest 90 minutes');
  });

  it('switches at the exact minute boundaries', () => {
    expect(describeBacklog({ pending: 2, oldestAt: ago(0) }, now)).toBe('2 orders waiting to sync, oldest under a minute');
    expect(describeBacklog({ pending: 2, oldestAt: ago(59_999) }, now)).toBe('2 orders waiting to sync, oldest under a minute');
    expect(describeBacklog({ pending: 2, oldestAt: ago(60_000) }, now)).toBe('2 orders waiting to sync, oldest 1 minute');
    expect(describeBacklog({ pending: 2, oldestAt: ago(119_999) }, now)).toBe('2 orders waiting to sync, oldest 1 minute');
    expect(describeBacklog({ pending: 2, oldestAt: ago(120_000) }, now)).toBe('2 orders waiting to sync, oldest 2 minutes');
  });

  it('never shows a negative age when the till clock is behind the order time', () => {
    expect(describeBacklog({ pending: 1, oldestAt: ago(-5 * 60_000) }, now)).toBe('1 order waiting to sync, oldest under a minute');
  });

  it('leaves out the age when the oldest time is unknown', () => {
    expect(describeBacklog({ pending: 4, oldestAt: null }, now)).toBe('4 orders waiting to sync');
  });
});
