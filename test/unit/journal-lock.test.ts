import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { encodeRecords, Journal, journalFile, type JournalRecord } from '../../src/main/sync/journal';
import { FolderInUseError, lockFolder, type FolderLock } from '../../src/main/sync/lock';
import type { Order } from '../../src/shared/orders';

const dirs: string[] = [];
const locks: FolderLock[] = [];
const tempDir = () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'pos-lock-'));
  dirs.push(dir);
  return dir;
};
afterEach(() => {
  locks.splice(0).forEach((l) => l.release());
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

const order = (seq: number): JournalRecord => ({ t: 'order', seq, order: { orderId: `order-${seq}`, businessDate: '2025-03-14' } as unknown as Order });

describe('compaction built inside the write queue', () => {
  it('a snapshot asked for while a sale is being written includes that sale', async () => {
    const dir = tempDir();
    const { journal } = Journal.open(dir);
    const applied: JournalRecord[] = [];
    const saving = journal.append([order(1)], true, () => applied.push(order(1)));
    // Queued behind the append: it builds from what has been applied by then.
    const compacting = journal.rewrite(() => [...applied]);
    await Promise.all([saving, compacting]);
    expect(readFileSync(journalFile(dir), 'utf8')).toBe(encodeRecords([order(1)]).toString('utf8'));
    await journal.close();
  });
});

describe('the till folder lock', () => {
  it('is refused to a second holder and free again once released', () => {
    const dir = tempDir();
    const first = lockFolder(dir);
    expect(() => lockFolder(dir)).toThrow(FolderInUseError);
    first.release();
    locks.push(lockFolder(dir));
  });

  it('left behind by a process that died, or half-written, is taken over', () => {
    const dir = tempDir();
    const gone = spawnSync(process.execPath, ['-e', '0']).pid!;
    writeFileSync(path.join(dir, 'coffee-cloud.lock'), JSON.stringify({ pid: gone, host: os.hostname(), since: '2026-01-01T00:00:00.000Z' }));
    const lock = lockFolder(dir);
    expect(JSON.parse(readFileSync(path.join(dir, 'coffee-cloud.lock'), 'utf8'))).toMatchObject({ pid: process.pid });
    lock.release();
    writeFileSync(path.join(dir, 'coffee-cloud.lock'), '{"pid":');
    locks.push(lockFolder(dir));
  });

  it('held by a live process on this computer is refused, naming it', () => {
    const dir = tempDir();
    writeFileSync(path.join(dir, 'coffee-cloud.lock'), JSON.stringify({ pid: process.ppid, host: os.hostname(), since: '2026-01-01T00:00:00.000Z' }));
    expect(() => lockFolder(dir)).toThrow(`Another Coffee Cloud POS (process ${process.ppid}, started 2026-01-01T00:00:00.000Z) is already using ${dir}.`);
  });
});
