import net from 'node:net';

/** ESC/POS real-time status (DLE EOT n): answered at once by the printer, even mid-job. */
const PAPER_STATUS = Uint8Array.of(0x10, 0x04, 0x04);
const PRINTER_STATUS = Uint8Array.of(0x10, 0x04, 0x01);
/** Paper-end bits of the paper status byte (roll empty). */
const PAPER_END = 0x60;

export interface Target {
  host: string;
  port: number;
}

export interface TransportTimeouts {
  /** How long a connection may take to open: a printer that's off or on another network. */
  connectMs: number;
  /** How long the printer may go silent once connected: a hung printer. */
  idleMs: number;
}

export const DEFAULT_TIMEOUTS: TransportTimeouts = { connectMs: 3_000, idleMs: 5_000 };

/** Why a print didn't go through, in words for the barista. */
export class PrintError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PrintError';
  }
}

function describeSocketError(error: NodeJS.ErrnoException, where: string): string {
  switch (error.code) {
    case 'ECONNREFUSED':
      return `The printer at ${where} refused the connection: is it switched on?`;
    case 'EHOSTUNREACH':
    case 'ENETUNREACH':
    case 'EHOSTDOWN':
      return `The printer at ${where} can’t be reached from this till: check its cable or Wi-Fi.`;
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return `No printer called ${where.split(':')[0]} on this network: check the address in the printer settings.`;
    case 'ECONNRESET':
    case 'EPIPE':
      return `The printer at ${where} dropped the connection mid-print.`;
    default:
      return `The printer at ${where} didn’t take the print (${error.code ?? error.message}).`;
  }
}

/**
 * Sends one job over raw TCP (port 9100) and resolves once the printer has confirmed it has every
 * byte. Before the job it asks for the paper status, so an empty roll fails without sending (a retry
 * then can't print twice); after it, a status request the printer answers only once the bytes
 * before it are in, which is what tells a delivered job from one lost in a buffer.
 */
export function sendRaw(target: Target, job: Uint8Array, timeouts: TransportTimeouts = DEFAULT_TIMEOUTS): Promise<void> {
  const where = `${target.host}:${target.port}`;
  return new Promise<void>((resolve, reject) => {
    let stage: 'connecting' | 'paper' | 'job' | 'done' = 'connecting';
    const socket = net.connect({ host: target.host, port: target.port });
    const connectTimer = setTimeout(() => finish(new PrintError(`The printer at ${where} didn’t answer: is it switched on and on this network?`)), timeouts.connectMs);

    function finish(error?: Error) {
      if (stage === 'done') return;
      stage = 'done';
      clearTimeout(connectTimer);
      socket.removeAllListeners('data');
      if (error) {
        socket.destroy();
        reject(error);
      } else {
        socket.end();
        resolve();
      }
    }

    socket.setNoDelay(true);
    socket.once('connect', () => {
      clearTimeout(connectTimer);
      socket.setTimeout(timeouts.idleMs, () => finish(new PrintError(`The printer at ${where} stopped answering mid-print.`)));
      stage = 'paper';
      socket.write(PAPER_STATUS);
    });
    socket.on('data', (chunk: Buffer) => {
      if (stage === 'paper') {
        if ((chunk[0]! & PAPER_END) !== 0) return finish(new PrintError(`The printer at ${where} is out of paper.`));
        stage = 'job';
        socket.write(job);
        socket.write(PRINTER_STATUS);
        // Any bytes after the first answer are the second one: only then is the job all there.
        if (chunk.length > 1) finish();
        return;
      }
      if (stage === 'job') finish();
    });
    socket.once('error', (error: NodeJS.ErrnoException) => finish(new PrintError(describeSocketError(error, where))));
    socket.once('close', () => finish(new PrintError(`The printer at ${where} closed the connection before the print was done.`)));
  });
}
