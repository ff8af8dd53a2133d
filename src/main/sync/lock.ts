import { closeSync, mkdirSync, openSync, readFileSync, rmSync, writeSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/**
 * One process per till folder. Two (the desktop app and `npm run web` on the demo data folder) would
 * each run a sync worker on one journal, and one's compaction would rename over the other's sales.
 * The lock is a file holding the owner's pid: a process that was killed leaves it behind, and the
 * next start sees that pid is gone and takes the lock over.
 */
const LOCK_FILE = 'coffee-cloud.lock';

interface Holder {
  pid: number;
  host: string;
  since: string;
}

/** Folders this process holds: a second runtime in the same process is refused too. */
const held = new Set<string>();

export class FolderInUseError extends Error {
  constructor(readonly dir: string, readonly holder: Holder) {
    super(
      `Another Coffee Cloud POS (process ${holder.pid}${holder.host === os.hostname() ? '' : ` on ${holder.host}`}, started ${holder.since}) is already using ${dir}. ` +
        'Close it first (the desktop app and `npm run web` can’t share one till): two copies would share one order journal.',
    );
    this.name = 'FolderInUseError';
  }
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it exists but belongs to someone else.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function readHolder(file: string): Holder | null {
  try {
    const holder = JSON.parse(readFileSync(file, 'utf8')) as Holder;
    return typeof holder.pid === 'number' ? holder : null;
  } catch {
    return null;
  }
}

export interface FolderLock {
  release(): void;
}

/** Takes `dir` for this process, or throws FolderInUseError naming who has it. */
export function lockFolder(dir: string): FolderLock {
  const key = path.resolve(dir);
  mkdirSync(key, { recursive: true });
  const file = path.join(key, LOCK_FILE);
  const me: Holder = { pid: process.pid, host: os.hostname(), since: new Date().toISOString() };
  for (let attempt = 0; ; attempt++) {
    if (held.has(key)) throw new FolderInUseError(key, readHolder(file) ?? me);
    try {
      const fd = openSync(file, 'wx');
      try {
        writeSync(fd, JSON.stringify(me));
      } finally {
        closeSync(fd);
      }
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const holder = readHolder(file);
      // A half-written lock (its owner died creating it) or a dead owner: take it over, once.
      const stale = !holder || (holder.host === me.host && (holder.pid === process.pid || !alive(holder.pid)));
      if (!stale || attempt > 0) throw new FolderInUseError(key, holder ?? me);
      rmSync(file, { force: true });
    }
  }
  held.add(key);
  return {
    release() {
      if (!held.delete(key)) return;
      if (readHolder(file)?.pid === process.pid) rmSync(file, { force: true });
    },
  };
}
