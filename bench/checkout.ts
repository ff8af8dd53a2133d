// The SDK reads this when it builds a client, not when it is imported, so setting it here (after the
// hoisted imports) still keeps its Node-version notice out of the table.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';

import { GetCommand, TransactWriteCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ulid } from 'ulid';
import type { BackendConfig } from '../src/main/config';
import { MENU_ACTIVE } from '../src/main/data/schema';
import { localClients, provisionDemoCafe } from '../src/main/local/embedded';
import { freeLoopbackPort, startLocalStack, type LocalStack } from '../src/main/local/stack';
import { createRuntime } from '../src/main/runtime';
import { startWebBridge, type WebBridge } from '../src/main/web/bridge';
import type { CheckoutInput, SignInResult } from '../src/shared/contract';
import { businessDateOf, ticketNumber, type Order } from '../src/shared/orders';
import { bridgeCaller, isEntryPoint, stats, timed, type Stats } from './harness';

/** Checkout may cost at most this much more than the one database call it cannot avoid. */
export const TARGET_RATIO = 1.25;

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
}

const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const DEMO_BARISTA = { email: 'barista@coffeecloud.dev', password: 'CoffeeCloud#2026' };
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
 * raw TransactWriteItems it boils down to, and stops everything it started, whatever happens.
 */
export async function runCheckoutBench(options: CheckoutBenchOptions = {}): Promise<CheckoutBenchResult> {
  const { warmup = 50, blocks = 10, perBlock = 50, appRoot = REPO_ROOT, log = () => {} } = options;
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'coffee-cloud-bench-'));
  const staticDir = mkdtempSync(path.join(os.tmpdir(), 'coffee-cloud-bench-static-'));
  let stack: LocalStack | undefined;
  let bridge: WebBridge | undefined;
  let call: ReturnType<typeof bridgeCaller> | undefined;
  try {
    log('Starting DynamoDB Local and cognito-local…');
    stack = await startLocalStack({ dataDir, appRoot, persist: false });
    const config = await provisionDemoCafe(stack, `bench-${randomBytes(4).toString('hex')}`);
    const { doc } = localClients(stack);

    writeFileSync(path.join(staticDir, 'index.html'), '<!doctype html><title>POS</title>');
    const secret = randomBytes(24).toString('base64url');
    const runtime = createRuntime(config, { log: () => {}, terminalId: 'T1' });
    bridge = await startWebBridge({ dispatch: runtime.dispatch, staticDir, secret, ports: [await freeLoopbackPort()] });
    const caller = bridgeCaller(bridge, secret);
    call = caller;

    const signedIn = await caller<SignInResult>('auth.signIn', DEMO_BARISTA);
    if (!signedIn.ok || signedIn.data.status !== 'SIGNED_IN') {
      throw new Error(`The demo barista could not sign in: ${JSON.stringify(signedIn)}`);
    }

    let lastOrder: Order | undefined;
    const checkout = async () => {
      const result = await caller<Order>('orders.checkout', { ...DEMO_CART, orderId: ulid() });
      if (!result.ok) throw new Error(`Checkout failed: ${result.error.code}: ${result.error.message}`);
      lastOrder = result.data;
    };

    log(`Warming up (${warmup} of each)…`);
    for (let i = 0; i < Math.max(warmup, 1); i++) await checkout();
    if (!lastOrder || lastOrder.totalCents !== DEMO_CART.expectedTotalCents) {
      throw new Error(`Checkout charged ${lastOrder?.totalCents} cents, not the demo order's ${DEMO_CART.expectedTotalCents}.`);
    }
    const raw = rawWriter(doc, config, lastOrder, await productVersions(doc, config));
    for (let i = 0; i < warmup; i++) await raw.next()();

    const rawMs: number[] = [];
    const checkoutMs: number[] = [];
    const runRaw = async () => {
      for (let i = 0; i < perBlock; i++) rawMs.push(await timed(raw.next()));
    };
    const runCheckout = async () => {
      for (let i = 0; i < perBlock; i++) checkoutMs.push(await timed(checkout));
    };
    for (let block = 0; block < blocks; block++) {
      // Swap which side goes first each block, so neither always inherits the other's GC debt.
      if (block % 2 === 0) {
        await runRaw();
        await runCheckout();
      } else {
        await runCheckout();
        await runRaw();
      }
      log(`Block ${block + 1}/${blocks} done.`);
    }

    const rawStats = stats(rawMs);
    const checkoutStats = stats(checkoutMs);
    const ratio = checkoutStats.medianMs / rawStats.medianMs;
    return {
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
  } finally {
    call?.close();
    await bridge?.close();
    await stack?.stop();
    rmSync(staticDir, { recursive: true, force: true });
    rmSync(dataDir, { recursive: true, force: true });
  }
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
  ].join('\n');
}

if (isEntryPoint(import.meta.url)) {
  runCheckoutBench({ log: (line) => console.error(line) })
    .then((result) => console.log(formatCheckoutBench(result)))
    .catch((error: unknown) => {
      // A crash is not a miss: the caller should see that no figure was measured.
      console.error('Checkout benchmark failed:', error);
      process.exitCode = 1;
    });
}
