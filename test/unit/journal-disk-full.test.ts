import * as nodeFs from 'node:fs';
import { mkdtempSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { Journal, journalFile, type JournalFs } from '../../src/main/sync/journal';
import type { Order } from '../../src/shared/orders';

/** A full disk can't be had on demand: the real disk, but the next write puts half its bytes down, then fails. */
function fullDisk(): JournalFs & { failNext: boolean } {
  const disk: JournalFs & { failNext: boolean } = {
    ...nodeFs,
    failNext: false,
    writeSync(fd, buffer) {
      if (!disk.failNext) return nodeFs.writeSync(fd, buffer);
      disk.failNext = false;
      nodeFs.writeSync(fd, buffer.subarray(0, Math.floor(buffer.length / 2)));
      throw Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC' });
    },
  };
  return disk;
}

const order = (n: number) => ({ orderId: `order-${n}`, ticket: `T1-00${n}`, businessDate: '2026-11-25' }) as unknown as Order;

describe('a sale the disk could not take', () => {
  it('is refused and leaves no trace, so the next sale and every earlier one survive a restart', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'coffee-disk-full-'));
    const disk = fullDisk();
    const { journal } = Journal.open(dir, undefined, disk);
    await journal.append([{ t: 'order', seq: 1, order: order(1) }]);
    const before = readFileSync(journalFile(dir));

    disk.failNext = true;
    await expect(journal.append([{ t: 'order', seq: 2, order: order(2) }])).rejects.toThrow('ENOSPC');
    expect(readFileSync(journalFile(dir)).equals(before), 'the half-written record is cut back off').toBe(true);

    await journal.append([{ t: 'order', seq: 3, order: order(3) }]);
    await journal.close();
    const reopened = Journal.open(dir);
    expect(reopened.damage).toEqual([]);
    expect(reopened.records.map((r) => (r.t === 'order' ? r.order.orderId : r.t))).toEqual(['order-1', 'order-3']);
    await reopened.journal.close();
  });
});
