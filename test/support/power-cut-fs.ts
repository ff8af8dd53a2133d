import path from 'node:path';
import type { JournalFs } from '../../src/main/sync/journal';

/** Thrown by every call from the moment the power goes: the till stops mid-step. */
export class PowerCut extends Error {
  constructor(step: number) {
    super(`power cut at step ${step}`);
  }
}

/**
 * A file's bytes as the running till sees them (`live`, the page cache) and as the disk holds
 * them (`durable`): only an fsync or fdatasync of the file copies one to the other.
 */
interface Inode {
  live: Buffer;
  durable: Buffer;
}

type Handle = { kind: 'file'; inode: Inode } | { kind: 'dir'; dir: string };

export interface PowerCutOptions {
  /** Files already on the disk, durably, before the first step. */
  files?: Record<string, Buffer>;
  /** The power goes instead of the call with this number (1 = the first call); never if absent. */
  cutAt?: number;
}

const copy = (buffer: Buffer) => Buffer.from(buffer);
const enoent = (call: string, file: string) => Object.assign(new Error(`ENOENT: no such file or directory, ${call} '${file}'`), { code: 'ENOENT' });

/**
 * A disk that, when the power is cut, keeps only what was flushed: a file's bytes once the file was
 * fsynced or fdatasynced, and a file's name (created, renamed over, removed) once its directory
 * was fsynced, as on Linux's ext4 and xfs, where neither implies the other. `kill -9` can't show
 * a missing flush, because the page cache outlives the process; this can.
 *
 * Every call is one step. With `cutAt`, that call never happens: it and every later call throw
 * PowerCut. `afterCut()` is the disk as the till finds it when it starts again.
 *
 * Directories are made at once and durably: the app-data folder exists long before the first sale.
 */
export class PowerCutFs implements JournalFs {
  /** Calls made so far, the cut one included. */
  steps = 0;
  /** The next fdatasync reaches the disk, then reports EIO: a failing disk, or a USB cable pulled. */
  failNextDatasync = false;
  private readonly cutAt: number;
  private dead = false;
  private readonly dirs = new Set<string>();
  /** Names as the running till sees them. */
  private readonly live = new Map<string, Inode>();
  /** Names as the disk holds them. */
  private readonly durable = new Map<string, Inode>();
  private readonly handles = new Map<number, Handle>();
  private nextFd = 10;

  constructor(options: PowerCutOptions = {}) {
    this.cutAt = options.cutAt ?? Number.POSITIVE_INFINITY;
    for (const [file, bytes] of Object.entries(options.files ?? {})) {
      const inode = { live: copy(bytes), durable: copy(bytes) };
      this.live.set(file, inode);
      this.durable.set(file, inode);
      this.addDir(path.dirname(file));
    }
  }

  /** Whether the power went during the run. */
  get cut(): boolean {
    return this.dead;
  }

  /**
   * The disk after the cut, as a fresh file system: the durable names with their durable bytes.
   * `torn`: a file's write that had not been flushed may still have half-reached the disk (the
   * first half of its unflushed bytes, when they only extend what was flushed), the way a
   * record ends up cut off part-way.
   */
  afterCut({ torn = false } = {}): PowerCutFs {
    const files: Record<string, Buffer> = {};
    for (const [file, inode] of this.durable) {
      const { live, durable } = inode;
      const extends_ = live.length > durable.length && live.subarray(0, durable.length).equals(durable);
      files[file] = torn && extends_ ? copy(live.subarray(0, durable.length + Math.ceil((live.length - durable.length) / 2))) : copy(durable);
    }
    const after = new PowerCutFs({ files });
    for (const dir of this.dirs) after.addDir(dir);
    return after;
  }

  /** A file's bytes as the till would read them now (tests). */
  contents(file: string): Buffer | undefined {
    const inode = this.live.get(file);
    return inode && copy(inode.live);
  }

  private addDir(dir: string): void {
    for (let d = dir; !this.dirs.has(d); d = path.dirname(d)) {
      this.dirs.add(d);
      if (path.dirname(d) === d) break;
    }
  }

  private step(): void {
    this.steps++;
    if (this.dead) throw new PowerCut(this.steps);
    if (this.steps === this.cutAt) {
      this.dead = true;
      throw new PowerCut(this.steps);
    }
  }

  private file(fd: number): Inode {
    const handle = this.handles.get(fd);
    if (handle?.kind !== 'file') throw Object.assign(new Error(`EBADF: bad file descriptor ${fd}`), { code: 'EBADF' });
    return handle.inode;
  }

  mkdirSync(dir: string): undefined {
    this.step();
    this.addDir(dir);
    return undefined;
  }

  rmSync(file: string): void {
    this.step();
    this.live.delete(file);
  }

  existsSync(file: string): boolean {
    this.step();
    return this.live.has(file) || this.dirs.has(file);
  }

  readFileSync(file: string): Buffer {
    this.step();
    const inode = this.live.get(file);
    if (!inode) throw enoent('open', file);
    return copy(inode.live);
  }

  openSync(file: string, flags: 'r' | 'a' | 'w'): number {
    this.step();
    const fd = this.nextFd++;
    if (this.dirs.has(file)) {
      if (flags !== 'r') throw Object.assign(new Error(`EISDIR: illegal operation on a directory, open '${file}'`), { code: 'EISDIR' });
      this.handles.set(fd, { kind: 'dir', dir: file });
      return fd;
    }
    if (!this.dirs.has(path.dirname(file))) throw enoent('open', file);
    let inode = this.live.get(file);
    if (!inode) {
      if (flags === 'r') throw enoent('open', file);
      inode = { live: Buffer.alloc(0), durable: Buffer.alloc(0) };
      this.live.set(file, inode);
    } else if (flags === 'w') {
      inode.live = Buffer.alloc(0);
    }
    this.handles.set(fd, { kind: 'file', inode });
    return fd;
  }

  closeSync(fd: number): void {
    this.step();
    if (!this.handles.delete(fd)) throw Object.assign(new Error(`EBADF: bad file descriptor ${fd}`), { code: 'EBADF' });
  }

  fstatSync(fd: number): { size: number } {
    this.step();
    return { size: this.file(fd).live.length };
  }

  writeSync(fd: number, buffer: Buffer): number {
    this.step();
    const inode = this.file(fd);
    inode.live = Buffer.concat([inode.live, buffer]);
    return buffer.length;
  }

  ftruncateSync(fd: number, length: number): void {
    this.step();
    const inode = this.file(fd);
    inode.live = copy(inode.live.subarray(0, length));
  }

  renameSync(from: string, to: string): void {
    this.step();
    const inode = this.live.get(from);
    if (!inode) throw enoent('rename', from);
    this.live.delete(from);
    this.live.set(to, inode);
  }

  /** A file's bytes, or a directory's names, reach the disk. */
  fsyncSync(fd: number): void {
    this.step();
    const handle = this.handles.get(fd);
    if (handle?.kind === 'dir') {
      const inDir = (file: string) => path.dirname(file) === handle.dir;
      for (const file of [...this.durable.keys()].filter(inDir)) this.durable.delete(file);
      for (const [file, inode] of this.live) if (inDir(file)) this.durable.set(file, inode);
      return;
    }
    const inode = this.file(fd);
    inode.durable = copy(inode.live);
  }

  fdatasyncSync(fd: number): void {
    this.step();
    const inode = this.file(fd);
    inode.durable = copy(inode.live);
  }

  fdatasync(fd: number, callback: (error: NodeJS.ErrnoException | null) => void): void {
    let error: Error | null = null;
    try {
      this.step();
      const inode = this.file(fd);
      inode.durable = copy(inode.live);
      if (this.failNextDatasync) {
        this.failNextDatasync = false;
        error = Object.assign(new Error('EIO: i/o error, fdatasync'), { code: 'EIO' });
      }
    } catch (caught) {
      error = caught as Error;
    }
    setImmediate(() => callback(error));
  }
}
