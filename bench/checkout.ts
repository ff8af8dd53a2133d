import { GetCommand, TransactWriteCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { closeSync, fdatasync, mkdtempSync, openSync, rmSync, write } from 'node:fs';
import { createServer, type Server } from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { ulid } from 'ulid';
import type { BackendConfig } from '../src/main/config';
import { MENU_ACTIVE } from '../src/main/data/schema';
import type { CheckoutInput } from '../src/shared/contract';
import { freeLoopbackPort } from '../src/main/local/stack';
import { encodeRecords } from '../src/main/sync/journal';
import { businessDateOf, ticketNumber, type Order } from '../src/shared/orders';
import { bridgeCaller, interleave, runIfScript, stats, withBenchCafe, type Stats } from './harness';

/**
 * The barista waits for checkout (priced, checked, journaled and flushed to disk); a till that wrote
 * to DynamoDB before answering would wait for the raw TransactWriteItems instead. Checkout may cost
 * at most this much more than that call.
 */
export const TARGET_RATIO = 1.25;
/**
 * What checkout can't do without: carry the request over loopback HTTP and flush the sale to disk.
 * Checkout may cost at most this much more than a bare POST of the same body plus an fdatasync of
 * the same journal bytes.
 */
export const FLOOR_TARGET_RATIO = 1.3;

export interface CheckoutBenchOptions {
  /** Unmeasured calls of each kind first: JIT, connection pools, the catalogue and settings caches. */
  warmup?: number;
  /** Measured rounds; each runs `perBlock` of both kinds, so noise lands on both. */
  blocks?: number;
  perBlock?: number;
  /** Where resources/ and node_modules/ are; defaults to this repository. */
  appRoot?: string;
  /** Progress lines (emulators starting, blocks done); silent by default. */
  log?: (line: string) => void;
}


export interface CheckoutBenchResult {
  /** Measured calls of each kind. */
  samples: number;
  rawMedianMs: number;
  rawP95Ms: number;
  rawMeanMs: number;
  checkoutMedianMs: number;
  checkoutP95Ms: number;
  checkoutMeanMs: number;
  /** checkout / raw, of medians: the figure held to TARGET_RATIO. */
  ratio: number;
  /** checkout / raw, of means: shows what the tail (cache refreshes, GC) adds. */
  meanRatio: number;
  /**
   * checkout − raw, of medians. Other load on the machine inflates the raw floor and so flatters the
   * ratio; this difference moves much less, so compare it across runs.
   */
  overheadMs: number;
  target: number;
  pass: boolean;
  /** The floor: a bare loopback POST of the same body, then a write + fdatasync of the same journal bytes. */
  floor: Stats;
  /** Each part of the floor alone, for where the time goes. */
  barePost: Stats;
  fdatasync: Stats;
  floorRatio: number;
  floorPass: boolean;
}

/** A loopback server that answers every POST at once, as the bridge would with no work to do. */
async function bareServer(): Promise<{ port: number; origin: string; server: Server }> {
  const server = createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      res.writeHead(200, { 'Content-Type': 'application/json; charset=utf-8' });
      res.end('{"ok":true,"data":null}');
    });
  });
  const port = await freeLoopbackPort();
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  return { port, origin: `http://127.0.0.1:${port}`, server };
}

/** Appends the same bytes the journal writes for a sale and flushes them, as the journal does. */
function rawJournal(bytes: Buffer) {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'coffee-cloud-bench-fsync-'));
  const fd = openSync(path.join(dir, 'raw.journal'), 'a');
  const writeAsync = promisify(write);
  const datasyncAsync = promisify(fdatasync);
  return {
    append: async () => {
      await writeAsync(fd, bytes);
      await datasyncAsync(fd);
    },
    close: () => {
      closeSync(fd);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** After each side's block: DynamoDB Local goes on working for a while after a burst of sales. */
const SETTLE_MS = 300;

const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
/** The till the raw baseline numbers its tickets on: its own counter, so it never moves checkout's. */
const BASELINE_TERMINAL = 'B1';

/** The README's demo order: Latte (Large, Oat) + Espresso = $9.10 + 8% tax = $9.83, paid with $20 cash. */
const DEMO_CART = {
  lines: [
    { productId: 'latte', quantity: 1, selection: { size: ['large'], milk: ['oat'] }, unitPriceCents: 610 },
    { productId: 'espresso', quantity: 1, selection: {}, unitPriceCents: 300 },
  ],
  tenders: [{ kind: 'cash', amountCents: 2000 }],
  expectedTotalCents: 983,
} satisfies Omit<CheckoutInput, 'orderId'>;
const DEMO_PRODUCT_IDS = DEMO_CART.lines.map((line) => line.productId);

async function productVersions(doc: DynamoDBDocumentClient, config: BackendConfig): Promise<Map<string, number>> {
  const versions = new Map<string, number>();
  for (const productId of DEMO_PRODUCT_IDS) {
    const { Item } = await doc.send(new GetCommand({ TableName: config.tables.Products, Key: { productId }, ConsistentRead: true }));
    if (typeof Item?.version !== 'number') throw new Error(`Demo product ${productId} has no version.`);
    versions.set(productId, Item.version);
  }
  return versions;
}

/**
 * The floor under checkout: the same TransactWriteItems it sends (counter update, order put, one
 * condition check per product), with everything it computes already known, on its own counter.
 */
function rawWriter(doc: DynamoDBDocumentClient, config: BackendConfig, template: Order, versions: Map<string, number>) {
  const counterKey = `#COUNTER#${BASELINE_TERMINAL}#${businessDateOf(new Date())}`;
  const checks = [...versions].map(([productId, version]) => ({
    ConditionCheck: {
      TableName: config.tables.Products,
      Key: { productId },
      ConditionExpression: '#version = :version AND available = :yes AND menuStatus = :active',
      ExpressionAttributeNames: { '#version': 'version' },
      ExpressionAttributeValues: { ':version': version, ':yes': true, ':active': MENU_ACTIVE },
    },
  }));
  let seq = 0;

  return {
    /** Builds the next call; the returned function is the only part that is timed. */
    next(): () => Promise<void> {
      const seen = seq === 0 ? null : seq;
      // Fresh timestamps too, so the order index gets a new sort key each time, as it does for checkout.
      const at = new Date().toISOString();
      const order: Order = {
        ...template,
        orderId: ulid(),
        ticket: ticketNumber(BASELINE_TERMINAL, seq + 1),
        terminalId: BASELINE_TERMINAL,
        createdAt: at,
        statusHistory: template.statusHistory.map((change) => ({ ...change, at })),
      };
      const command = new TransactWriteCommand({
        TransactItems: [
          {
            Update: {
              TableName: config.tables.Orders,
              Key: { orderId: counterKey },
              UpdateExpression: 'SET seq = :seq',
              ConditionExpression: seen === null ? 'attribute_not_exists(orderId)' : 'seq = :seen',
              ExpressionAttributeValues: { ':seq': seq + 1, ...(seen !== null && { ':seen': seen }) },
            },
          },
          { Put: { TableName: config.tables.Orders, Item: order, ConditionExpression: 'attribute_not_exists(orderId)' } },
          ...checks,
        ],
      });
      return async () => {
        await doc.send(command);
        seq += 1;
      };
    },
  };
}

/**
 * Starts its own emulators and demo café, times `orders.checkout` through the web bridge against the
 * raw TransactWriteItems of the same order (which the sync worker sends behind it), and stops
 * everything it started, whatever happens.
 */
export async function runCheckoutBench(options: CheckoutBenchOptions = {}): Promise<CheckoutBenchResult> {
  const { warmup = 50, blocks = 10, perBlock = 50, appRoot = REPO_ROOT, log = () => {} } = options;
  return withBenchCafe(
    async ({ config, doc, call, settle }) => {
      let lastOrder: Order | undefined;
      const checkout = () => {
        const input = { ...DEMO_CART, orderId: ulid() };
        return async () => {
          const result = await call<Order>('orders.checkout', input);
          if (!result.ok) throw new Error(`Checkout failed: ${result.error.code}: ${result.error.message}`);
          lastOrder = result.data;
        };
      };

      log(`Warming up (${warmup} of each)…`);
      for (let i = 0; i < Math.max(warmup, 1); i++) await checkout()();
      if (!lastOrder || lastOrder.totalCents !== DEMO_CART.expectedTotalCents) {
        throw new Error(`Checkout charged ${lastOrder?.totalCents} cents, not the demo order's ${DEMO_CART.expectedTotalCents}.`);
      }
      const raw = rawWriter(doc, config, lastOrder, await productVersions(doc, config));
      for (let i = 0; i < warmup; i++) await raw.next()();

      const bare = await bareServer();
      const post = bridgeCaller(bare, 'bench');
      const journal = rawJournal(encodeRecords([{ t: 'order', seq: 1, order: lastOrder }]));
      const barePost = () => {
        const input = { ...DEMO_CART, orderId: ulid() };
        return () => post('orders.checkout', input);
      };
      const floorCall = () => {
        const send = barePost();
        return async () => {
          await send();
          await journal.append();
        };
      };
      let samples: number[][];
      try {
        for (let i = 0; i < warmup; i++) await floorCall()();
        // The sales a block rang are sent before the next block starts (the worker sends when the
        // till goes quiet, as between customers), and the emulator is given a moment to finish
        // writing them: no side is timed while another side's work is still going on.
        const between = async () => {
          await settle();
          await new Promise((resolve) => setTimeout(resolve, SETTLE_MS));
        };
        samples = await interleave([() => raw.next(), checkout, floorCall, barePost, () => journal.append], { blocks, perBlock, log, between });
      } finally {
        post.close();
        bare.server.close();
        journal.close();
      }
      const [rawMs, checkoutMs, floorMs, postMs, syncMs] = samples as [number[], number[], number[], number[], number[]];
      const rawStats = stats(rawMs);
      const checkoutStats = stats(checkoutMs);
      const floor = stats(floorMs);
      const ratio = checkoutStats.medianMs / rawStats.medianMs;
      const floorRatio = checkoutStats.medianMs / floor.medianMs;
      return {
        floor,
        barePost: stats(postMs),
        fdatasync: stats(syncMs),
        floorRatio,
        floorPass: floorRatio <= FLOOR_TARGET_RATIO,
        samples: blocks * perBlock,
        rawMedianMs: rawStats.medianMs,
        rawP95Ms: rawStats.p95Ms,
        rawMeanMs: rawStats.meanMs,
        checkoutMedianMs: checkoutStats.medianMs,
        checkoutP95Ms: checkoutStats.p95Ms,
        checkoutMeanMs: checkoutStats.meanMs,
        ratio,
        meanRatio: checkoutStats.meanMs / rawStats.meanMs,
        overheadMs: checkoutStats.medianMs - rawStats.medianMs,
        target: TARGET_RATIO,
        pass: ratio <= TARGET_RATIO,
      };
    },
    { appRoot, log, terminalId: 'T1' },
  );
}

export function formatCheckoutBench(result: CheckoutBenchResult): string {
  const ms = (x: number) => x.toFixed(2).padStart(8);
  const row = (label: string, s: Stats) => `${label.padEnd(34)}${ms(s.medianMs)}${ms(s.p95Ms)}${ms(s.meanMs)}`;
  return [
    `Checkout vs its raw TransactWriteItems: ${result.samples} calls each, interleaved`,
    `${''.padEnd(34)}${'median'.padStart(8)}${'p95'.padStart(8)}${'mean'.padStart(8)}  (ms)`,
    row('raw TransactWriteItems', { medianMs: result.rawMedianMs, p95Ms: result.rawP95Ms, meanMs: result.rawMeanMs }),
    row('orders.checkout via web bridge', {
      medianMs: result.checkoutMedianMs,
      p95Ms: result.checkoutP95Ms,
      meanMs: result.checkoutMeanMs,
    }),
    `${'ratio checkout / raw'.padEnd(34)}${result.ratio.toFixed(2).padStart(8)}${''.padStart(8)}${result.meanRatio.toFixed(2).padStart(8)}`,
    `${'overhead checkout − raw'.padEnd(34)}${ms(result.overheadMs)}`,
    `target: median ratio ≤ ${result.target.toFixed(2)}  ${result.pass ? 'PASS' : 'MISS'}`,
    '',
    'Checkout vs its floor (same run): a bare loopback POST of the same body, then fdatasync of the same journal bytes',
    row('bare loopback POST', result.barePost),
    row('write + fdatasync, journal bytes', result.fdatasync),
    row('floor: POST then fdatasync', result.floor),
    `${'ratio checkout / floor'.padEnd(34)}${result.floorRatio.toFixed(2).padStart(8)}`,
    `${'overhead checkout − floor'.padEnd(34)}${ms(result.checkoutMedianMs - result.floor.medianMs)}`,
    `target: median ratio ≤ ${FLOOR_TARGET_RATIO.toFixed(2)}  ${result.floorPass ? 'PASS' : 'MISS'}`,
  ].join('\n');
}

runIfScript(import.meta.url, 'Checkout', () => runCheckoutBench({ log: (line) => console.error(line) }), formatCheckoutBench);
