import * as nodeFs from 'node:fs';
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { crc32 } from 'node:zlib';
import type { Order, OrderStatus, StaffStamp } from '../../shared/orders';
import type { DrawerRecord, ShiftClose, ShiftOpen } from '../../shared/shift';
import type { Punch } from '../../shared/timecards';
import type { DeliveryMoveRecord } from '../../shared/delivery';

/**
 * The till's order journal: one append-only file of records, each line `<crc32 hex> <json>\n`.
 * A checkout is confirmed only after its record is written and flushed to disk (fdatasync), so a
 * crash or power cut never loses an order the barista saw go through. The checksum finds a record
 * cut short by a crash mid-write; compaction rewrites the file through a temporary file, an fsync
 * and an atomic rename, so the journal is always either the old file or the new one.
 */
export type JournalRecord =
  /** A sale, exactly as it will be sent to DynamoDB; `seq` is its ticket number that day. */
  | { t: 'order'; seq: number; order: Order }
  /** A board move on this till, sent after its order. */
  | { t: 'status'; id: string; from: OrderStatus; to: OrderStatus; at: string; by: StaffStamp }
  /** A shift opened on this till with its float (kinds/shift-open.ts). */
  | { t: 'shiftOpen'; shift: ShiftOpen }
  /** A pay-in, pay-out, drop, no-sale or cash refund in the open shift's drawer (kinds/drawer.ts). */
  | { t: 'drawer'; movement: DrawerRecord }
  /** A shipper's delivery step made while offline (kinds/delivery.ts). */
  | { t: 'delivery'; move: DeliveryMoveRecord }
  /** A shift closed with its count and Z (kinds/shift-close.ts). */
  | { t: 'shiftClose'; close: ShiftClose }
  /**
   * Someone clocked in or out, or started or ended a break, with their PIN (kinds/punch.ts). `inAt`:
   * on a break, the clock-in of the stretch it belongs to, wherever that was punched.
   */
  | { t: 'punch'; punch: Punch; inAt?: string }
  /** This till's id on tickets from now on, and the install that claims it in the cloud. */
  | { t: 'terminal'; id: string; installId: string; at: string }
  /**
   * Records now in the cloud, by key: an order (its id), a board move (`orderId@at`), an order's
   * points sent apart from it (`orderId#points`), this till's id claim (`terminal:<id>`), a shift's
   * opening (`shift:<id>`), a drawer movement (`drawer:<id>`), a shift's close (`close:<id>`), a time-clock punch (`punch:<id>`).
   */
  | { t: 'synced'; ids: string[]; at: string }
  /** DynamoDB refused a record (by key, as above) for a reason retrying won't fix: kept for a manager to see. A board move overtaken elsewhere is dropped the same way. */
  | { t: 'parked'; id: string; reason: string; at: string }
  /** A manager asked for parked records to be tried again. */
  | { t: 'retry'; ids: string[]; at: string }
  /** Withdrawn before the barista was told it went through (a reward the balance couldn't cover). */
  | { t: 'void'; id: string; reason: string; at: string }
  /** The last ticket number used on a day, kept when compaction drops that day's orders. */
  | { t: 'counter'; date: string; seq: number };

export interface JournalDamage {
  at: string;
  /** Where the damaged bytes were kept. */
  file: string;
  message: string;
}

export interface OpenedJournal {
  journal: Journal;
  records: JournalRecord[];
  damage: JournalDamage[];
}

/**
 * The file-system calls the journal makes, and nothing else: production passes node:fs itself;
 * the power-cut test passes a simulated disk that keeps only what was flushed
 * (test/support/power-cut-fs.ts), and test/unit/journal-power-cut.test.ts proves each flush below needed.
 */
export interface JournalFs {
  mkdirSync(dir: string, options: { recursive: true }): unknown;
  rmSync(file: string, options: { force: true }): void;
  existsSync(file: string): boolean;
  readFileSync(file: string): Buffer;
  openSync(file: string, flags: 'r' | 'a' | 'w'): number;
  closeSync(fd: number): void;
  fstatSync(fd: number): { size: number };
  writeSync(fd: number, buffer: Buffer): number;
  ftruncateSync(fd: number, length: number): void;
  renameSync(from: string, to: string): void;
  fsyncSync(fd: number): void;
  fdatasyncSync(fd: number): void;
  fdatasync(fd: number, callback: (error: NodeJS.ErrnoException | null) => void): void;
}

const FILE = 'orders.journal';

function datasyncAsync(fs: JournalFs, fd: number): Promise<void> {
  return new Promise((resolve, reject) => fs.fdatasync(fd, (error) => (error ? reject(error) : resolve())));
}

export function encodeRecords(records: readonly JournalRecord[]): Buffer {
  return Buffer.from(
    records
      .map((record) => {
        const json = JSON.stringify(record);
        return `${crc32(json).toString(16).padStart(8, '0')} ${json}\n`;
      })
      .join(''),
  );
}

function decodeLine(line: string): JournalRecord | null {
  const space = line.indexOf(' ');
  if (space !== 8) return null;
  const json = line.slice(9);
  if (crc32(json).toString(16).padStart(8, '0') !== line.slice(0, 8)) return null;
  try {
    return JSON.parse(json) as JournalRecord;
  } catch {
    return null;
  }
}

/** Windows refuses a rename while antivirus or the indexer holds the file for a moment: retry. */
function renameDurably(fs: JournalFs, from: string, to: string): void {
  for (let attempt = 0; ; attempt++) {
    try {
      fs.renameSync(from, to);
      break;
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (attempt >= 20 || !['EPERM', 'EACCES', 'EBUSY'].includes(code ?? '')) throw error;
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 25 * (attempt + 1));
    }
  }
  syncDirectory(fs, path.dirname(to));
}

/** Makes a rename itself durable. Windows can't open a directory to flush it; NTFS journals renames. */
function syncDirectory(fs: JournalFs, dir: string): void {
  if (process.platform === 'win32') return;
  const fd = fs.openSync(dir, 'r');
  try {
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
}

/** Writes a whole file so that a crash leaves either the old contents or the new, never half. */
export function writeFileDurably(file: string, data: string | Buffer, fs: JournalFs = nodeFs): void {
  const tmp = `${file}.tmp`;
  const fd = fs.openSync(tmp, 'w');
  try {
    fs.writeSync(fd, typeof data === 'string' ? Buffer.from(data) : data);
    fs.fdatasyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
  renameDurably(fs, tmp, file);
}

export class Journal {
  private fd: number;
  private tail: Promise<void> = Promise.resolve();
  private closed = false;
  private broken: Error | null = null;
  /** Records written since the file was last compacted. */
  appended = 0;

  private constructor(
    readonly dir: string,
    private readonly fs: JournalFs,
    fd: number,
    /** Bytes in the file that are whole records: a failed append is cut back to this. */
    private size: number,
  ) {
    this.fd = fd;
  }

  get file(): string {
    return path.join(this.dir, FILE);
  }

  /**
   * Reads every intact record. A damaged record (a cut-off last line from a crash mid-write, or a
   * corrupted one) is never dropped silently: its bytes are copied to a `damaged-*.journal` file
   * and reported, and the journal is rewritten without it so later appends start on a clean line.
   */
  static open(dir: string, now: () => Date = () => new Date(), fs: JournalFs = nodeFs): OpenedJournal {
    fs.mkdirSync(dir, { recursive: true });
    const file = path.join(dir, FILE);
    // A compaction that crashed before its rename left only a temporary file: the journal is intact.
    fs.rmSync(`${file}.tmp`, { force: true });
    const records: JournalRecord[] = [];
    const damage: JournalDamage[] = [];
    const created = !fs.existsSync(file);
    let rewrite = false;
    if (!created) {
      // Bytes, not text: damaged bytes are kept exactly as they were, even mid-character.
      const bytes = fs.readFileSync(file);
      const bad: Buffer[] = [];
      let torn: Buffer | null = null;
      let start = 0;
      while (start < bytes.length) {
        const end = bytes.indexOf(0x0a, start);
        const line = bytes.subarray(start, end === -1 ? bytes.length : end);
        start = end === -1 ? bytes.length : end + 1;
        if (line.length === 0) continue;
        const record = decodeLine(line.toString('utf8'));
        if (record) {
          records.push(record);
          // Everything but the newline made it to disk: the record is whole; rewrite so the next append starts a new line.
          if (end === -1) rewrite = true;
        } else if (end === -1) torn = line;
        else bad.push(line);
      }
      if (bad.length > 0 || torn) {
        const at = now();
        const kept = path.join(dir, `damaged-${at.toISOString().replace(/[:.]/g, '-')}-${randomBytes(3).toString('hex')}.journal`);
        writeFileDurably(kept, Buffer.concat([...bad, ...(torn ? [torn] : [])].flatMap((line) => [line, Buffer.from('\n')])), fs);
        const pieces = [
          ...(torn ? ['the last record was cut off part-way (the till stopped while saving it, before the sale was confirmed)'] : []),
          ...(bad.length > 0 ? [`${bad.length} record${bad.length === 1 ? ' was' : 's were'} corrupted`] : []),
        ];
        damage.push({
          at: at.toISOString(),
          file: kept,
          message: `The order journal was damaged: ${pieces.join(', and ')}. Its bytes are kept in ${kept}; every intact order is still here.`,
        });
        rewrite = true;
      }
      if (rewrite) writeFileDurably(file, encodeRecords(records), fs);
    }
    const fd = fs.openSync(file, 'a');
    // A new journal's directory entry must survive a power cut too.
    if (created) syncDirectory(fs, dir);
    const journal = new Journal(dir, fs, fd, fs.fstatSync(fd).size);
    journal.appended = records.length;
    return { journal, records, damage };
  }

  /**
   * Appends records in order. `durable` waits for them to reach the disk: a sale is confirmed only
   * after that. Sync markers aren't durable: losing one only means an order is sent again, which
   * DynamoDB recognises by its id.
   */
  append(records: readonly JournalRecord[], durable = true, written?: () => void): Promise<void> {
    const bytes = encodeRecords(records);
    const run = this.tail.then(async () => {
      if (this.closed) throw new Error('The order journal is closed.');
      if (this.broken) throw this.broken;
      try {
        // Into the page cache at once (microseconds); only the flush waits on the thread pool.
        let offset = 0;
        while (offset < bytes.length) offset += this.fs.writeSync(this.fd, offset === 0 ? bytes : bytes.subarray(offset));
        if (durable) await datasyncAsync(this.fs, this.fd);
      } catch (error) {
        // The caller is told this sale didn't happen, so it must not be in the journal either:
        // cut the file back, or a half-written line would swallow the next sale.
        try {
          this.fs.ftruncateSync(this.fd, this.size);
          this.fs.fdatasyncSync(this.fd);
        } catch {
          this.broken = new Error(`The order journal can’t be written or repaired (${(error as Error).message}).`);
        }
        throw error;
      }
      this.size += bytes.length;
      this.appended += records.length;
      // Still inside the write queue: a compaction queued behind this append sees its effect.
      written?.();
    });
    this.tail = run.catch(() => {});
    return run;
  }

  /**
   * Replaces the whole journal with `records`: temporary file, fsync, atomic rename. Given a
   * function, it builds the records inside the write queue, after every append queued before it
   * has been written and applied: a snapshot built earlier could miss a sale still being saved.
   */
  rewrite(records: readonly JournalRecord[] | (() => readonly JournalRecord[])): Promise<void> {
    const run = this.tail.then(() => {
      if (this.closed) throw new Error('The order journal is closed.');
      const snapshot = typeof records === 'function' ? records() : records;
      // Windows can't rename over a file that is open: close ours first.
      this.fs.closeSync(this.fd);
      try {
        writeFileDurably(this.file, encodeRecords(snapshot), this.fs);
      } finally {
        this.fd = this.fs.openSync(this.file, 'a');
        this.size = this.fs.fstatSync(this.fd).size;
      }
      this.appended = snapshot.length;
    });
    this.tail = run.catch(() => {});
    return run;
  }

  async close(): Promise<void> {
    await this.tail;
    if (this.closed) return;
    this.closed = true;
    this.fs.closeSync(this.fd);
  }
}

/** For tests and tools: the raw text of a journal. */
export function journalFile(dir: string): string {
  return path.join(dir, FILE);
}
