import net from 'node:net';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { ulid } from 'ulid';
import { savePrinterConfig } from '../src/main/printer/config';
import type { CheckoutInput } from '../src/shared/contract';
import { DEFAULT_PRINTER } from '../src/shared/printer';
import { FakePrinter, type PrintedJob } from '../test/support/fake-printer';
import { runIfScript, stats, withBenchCafe, type Stats } from './harness';

/**
 * From *Complete order* (the checkout call leaving the renderer, over the web bridge) to the last
 * byte of its receipt at the printer, against the floor: the same receipt bytes written raw to the
 * same printer on a fresh connection. The difference is what the till adds: the checkout itself,
 * the queue, encoding, and the two status round trips that make a print verifiable.
 */
export interface PrinterBenchResult {
  samples: number;
  raw: Stats;
  receipt: Stats;
  /** When the barista saw the sale complete: the checkout's answer, which never waits on the printer. */
  answered: Stats;
  /** receipt / raw, of medians. */
  ratio: number;
  overheadMs: number;
}

const CART = {
  lines: [
    { productId: 'latte', quantity: 1, selection: { size: ['large'], milk: ['oat'] }, unitPriceCents: 610 },
    { productId: 'espresso', quantity: 1, selection: {}, unitPriceCents: 300 },
  ],
  tenders: [{ kind: 'cash', amountCents: 2000 }],
  expectedTotalCents: 983,
} satisfies Omit<CheckoutInput, 'orderId'>;

// The framing the fake needs to tell a job's end (the same status requests the app sends), in one write.
const framed = (job: Buffer) => Buffer.concat([Buffer.of(0x10, 0x04, 0x04), job, Buffer.of(0x10, 0x04, 0x01)]);

function rawWrite(printer: FakePrinter, bytes: Buffer): Promise<void> {
  return new Promise((resolve, reject) => {
    const socket = net.connect({ host: printer.host, port: printer.port }, () => socket.end(bytes));
    socket.setNoDelay(true);
    socket.on('data', () => {});
    socket.once('error', reject);
    socket.once('close', () => resolve());
  });
}

export async function runPrinterBench({ warmup = 5, blocks = 4, perBlock = 10, log }: { warmup?: number; blocks?: number; perBlock?: number; log?: (line: string) => void } = {}): Promise<PrinterBenchResult> {
  const printer = await FakePrinter.start();
  try {
    return await withBenchCafe(
      async ({ call }) => {
        const next = (count: number): Promise<PrintedJob> => printer.waitForJobs(count).then((jobs) => jobs[count - 1]!);
        const sale = async () => {
          const start = performance.now();
          const result = await call('orders.checkout', { ...CART, orderId: ulid() });
          const answeredAt = performance.now();
          if (!result.ok) throw new Error(`Checkout failed: ${result.error.message}`);
          const job = await next(printer.jobs.length + 1);
          return { receipt: job.lastByteAt - start, answered: answeredAt - start, bytes: job.bytes };
        };
        let bytes: Buffer = Buffer.alloc(0);
        for (let i = 0; i < warmup; i++) bytes = (await sale()).bytes;
        const raw = async () => {
          const count = printer.jobs.length + 1;
          const start = performance.now();
          await rawWrite(printer, framed(bytes));
          return (await next(count)).lastByteAt - start;
        };
        for (let i = 0; i < warmup; i++) await raw();

        const samples = { raw: [] as number[], receipt: [] as number[], answered: [] as number[] };
        for (let block = 0; block < blocks; block++) {
          const sides = block % 2 === 0 ? (['sale', 'raw'] as const) : (['raw', 'sale'] as const);
          for (const side of sides) {
            for (let i = 0; i < perBlock; i++) {
              if (side === 'raw') samples.raw.push(await raw());
              else {
                const s = await sale();
                samples.receipt.push(s.receipt);
                samples.answered.push(s.answered);
              }
            }
          }
          log?.(`Block ${block + 1}/${blocks} done.`);
        }
        const result = { raw: stats(samples.raw), receipt: stats(samples.receipt), answered: stats(samples.answered) };
        return {
          samples: samples.raw.length,
          ...result,
          ratio: result.receipt.medianMs / result.raw.medianMs,
          overheadMs: result.receipt.medianMs - result.raw.medianMs,
        };
      },
      {
        log,
        prepare: (dataDir) => savePrinterConfig(path.join(dataDir, 'printer.json'), { ...DEFAULT_PRINTER, host: printer.host, port: printer.port, drawer: true }),
      },
    );
  } finally {
    await printer.close();
  }
}

export function formatPrinterBench(result: PrinterBenchResult): string {
  const ms = (x: number) => x.toFixed(2).padStart(8);
  const row = (label: string, s: Stats) => `${label.padEnd(44)}${ms(s.medianMs)}${ms(s.p95Ms)}${ms(s.meanMs)}`;
  return [
    `Complete order → receipt's last byte at the printer vs a raw TCP write of the same bytes: ${result.samples} each, interleaved`,
    `${''.padEnd(44)}${'median'.padStart(8)}${'p95'.padStart(8)}${'mean'.padStart(8)}  (ms)`,
    row('raw TCP write of the receipt bytes', result.raw),
    row('Complete order → last receipt byte', result.receipt),
    row('Complete order → sale answered (barista)', result.answered),
    `${'ratio receipt / raw (medians)'.padEnd(44)}${result.ratio.toFixed(2).padStart(8)}`,
    `${'overhead receipt − raw'.padEnd(44)}${ms(result.overheadMs)}`,
  ].join('\n');
}

runIfScript(import.meta.url, 'Printer', () => runPrinterBench({ log: (line) => console.error(line) }), formatPrinterBench);
