import net from 'node:net';
import { performance } from 'node:perf_hooks';
import { decodeEscPos, type Printed } from './escpos-decode';

/**
 * How the fake behaves for the next connections: print (answer status requests as an idle printer
 * with paper), refuse (nothing listening: ECONNREFUSED), hang (accept, then never answer), close
 * mid-job (drop the connection once the job starts arriving), no-paper (report an empty roll).
 */
export type FakeMode = 'print' | 'refuse' | 'hang' | 'close-mid-job' | 'no-paper';

const PAPER_STATUS = [0x10, 0x04, 0x04];
const PRINTER_STATUS = [0x10, 0x04, 0x01];
/** Paper status with the roll present; bits 5–6 set mean paper end. Printer status: online. */
const PAPER_OK = 0x12;
const PAPER_END = 0x72;
const ONLINE = 0x16;

export interface PrintedJob extends Printed {
  bytes: Buffer;
  /** performance.now() when the job's last byte arrived. */
  lastByteAt: number;
}

const endsWith = (buf: Buffer, tail: number[]) => buf.length >= tail.length && tail.every((b, i) => buf[buf.length - tail.length + i] === b);

/**
 * An ESC/POS network printer on loopback, raw TCP like port 9100: it keeps every complete job it
 * was sent (decoded back to text, cuts and kicks) and can be switched to misbehave.
 */
export class FakePrinter {
  readonly jobs: PrintedJob[] = [];
  /** Connections that ended before their job was complete. */
  partial = 0;
  private mode: FakeMode = 'print';
  private server: net.Server | null = null;
  private readonly sockets = new Set<net.Socket>();
  private waiters: (() => void)[] = [];

  private constructor(public port: number) {}

  static async start(): Promise<FakePrinter> {
    const printer = new FakePrinter(0);
    await printer.listen();
    return printer;
  }

  get host(): string {
    return '127.0.0.1';
  }

  /** Switches behaviour for new connections; 'refuse' stops listening, anything else listens again on the same port. */
  async setMode(mode: FakeMode): Promise<void> {
    this.mode = mode;
    if (mode === 'refuse') await this.stopListening();
    else if (!this.server) await this.listen();
  }

  /** Resolves once `count` jobs in all have printed. */
  async waitForJobs(count: number, timeoutMs = 15_000): Promise<PrintedJob[]> {
    const deadline = setTimeout(() => this.waiters.forEach((w) => w()), timeoutMs);
    while (this.jobs.length < count) {
      const before = this.jobs.length;
      await new Promise<void>((resolve) => this.waiters.push(resolve));
      if (this.jobs.length === before) {
        clearTimeout(deadline);
        throw new Error(`The fake printer got ${this.jobs.length} job(s), expected ${count}.`);
      }
    }
    clearTimeout(deadline);
    return this.jobs.slice(0, count);
  }

  async close(): Promise<void> {
    for (const socket of this.sockets) socket.destroy();
    await this.stopListening();
  }

  private listen(): Promise<void> {
    const server = net.createServer((socket) => this.accept(socket));
    this.server = server;
    return new Promise((resolve, reject) => {
      server.once('error', reject);
      server.listen(this.port, '127.0.0.1', () => {
        this.port = (server.address() as net.AddressInfo).port;
        resolve();
      });
    });
  }

  private stopListening(): Promise<void> {
    const server = this.server;
    this.server = null;
    if (!server) return Promise.resolve();
    // Refuses new connections at once; open ones (a hung job) end when their client gives up.
    server.close();
    return Promise.resolve();
  }

  private accept(socket: net.Socket) {
    this.sockets.add(socket);
    socket.once('close', () => this.sockets.delete(socket));
    socket.on('error', () => {});
    const mode = this.mode;
    if (mode === 'hang') {
      socket.resume(); // takes the bytes, never answers: a printer stuck mid-job
      return;
    }
    let buf = Buffer.alloc(0);
    let answeredPaper = false;
    let done = false;
    socket.on('data', (chunk: Buffer) => {
      buf = Buffer.concat([buf, chunk]);
      if (!answeredPaper && buf.length >= 3 && PAPER_STATUS.every((b, i) => buf[i] === b)) {
        answeredPaper = true;
        socket.write(Buffer.of(mode === 'no-paper' ? PAPER_END : PAPER_OK));
        buf = buf.subarray(3);
        if (mode === 'no-paper') return;
      }
      if (!answeredPaper || buf.length === 0) return;
      if (mode === 'close-mid-job') {
        socket.destroy();
        return;
      }
      if (endsWith(buf, PRINTER_STATUS)) {
        done = true;
        const bytes = Buffer.from(buf.subarray(0, buf.length - PRINTER_STATUS.length));
        this.jobs.push({ ...decodeEscPos(bytes), bytes, lastByteAt: performance.now() });
        socket.write(Buffer.of(ONLINE));
        this.waiters.splice(0).forEach((w) => w());
      }
    });
    socket.once('close', () => {
      if (!done && buf.length > 0) this.partial++;
    });
  }
}
