// Draining 1,000 queued orders vs raw sequential TransactWriteItems of the same kind of orders. Target ≤ 1.0×.
import { BatchGetCommand, GetCommand, type BatchGetCommandOutput, TransactWriteCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import type { BackendConfig } from '../src/main/config';
import { createDocumentClient } from '../src/main/data/client';
import type { TableNames } from '../src/main/data/schema';
import { localClients, provisionDemoCafe } from '../src/main/local/embedded';
import { LOCAL_CREDENTIALS, startLocalStack, type LocalStack } from '../src/main/local/stack';
import { createConnectivity } from '../src/main/sync/connectivity';
import { BALANCE_ID } from '../src/main/loyalty/service';
import { orderItems } from '../src/main/sync/kinds/order';
import { createSync } from '../src/main/sync/service';
import type { Order } from '../src/shared/orders';
import { runIfScript } from './harness';
import { benchOrder } from './journal';

/** Draining a queue may take at most as long as sending the same orders one transaction each. */
export const DRAIN_TARGET_RATIO = 1.0;

/** Demo customers (src/main/local/demo-data.ts) who earn points on half the orders, in turn. */
const CUSTOMERS = ['cust-ada', 'cust-grace', 'cust-alan', 'cust-margaret'];

export interface DrainBenchOptions {
  /** Orders per side per round. */
  orders?: number;
  /** Rounds of raw and drain, alternating which goes first (an even count, so each leads equally); fresh orders every time. */
  rounds?: number;
  /** Unmeasured orders of each kind first: JIT, connection pools, DynamoDB Local's own warm-up. */
  warmup?: number;
  /** Where resources/ and node_modules/ are; defaults to this repository. */
  appRoot?: string;
  log?: (line: string) => void;
}

export interface DrainRound {
  rawMs: number;
  drainMs: number;
  /** TransactWriteItems calls the drain made (the raw side makes one per order). */
  transactions: number;
  /** Of drainMs, the time spent waiting on DynamoDB; the rest is the worker's own (journal, grouping). */
  drainSendMs: number;
}

export interface DrainBenchResult {
  orders: number;
  rounds: DrainRound[];
  rawTotalMs: number;
  drainTotalMs: number;
  /** drain / raw, of the totals over all rounds: the figure held to the target. */
  ratio: number;
  /** Measured orders the drain was given, and how many of them are in the Orders table afterwards. */
  drained: { expected: number; found: number; parked: number };
  /** Measured raw orders, and how many are in the Orders table. */
  rawWritten: { expected: number; found: number };
  /** Points the demo customers should have gained from every order sent (warm-up included), and did. */
  points: { expected: number; found: number };
  target: number;
  pass: boolean;
}

const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** Half the orders with a loyalty customer earning points (in turn), half without. */
function makeOrders(count: number, terminalId: string): Order[] {
  return Array.from({ length: count }, (_, i) =>
    benchOrder({ terminalId, seq: i + 1, ...(i % 2 === 0 && { customerId: CUSTOMERS[(i / 2) % CUSTOMERS.length] }) }),
  );
}

/** How many of these orders are in the Orders table (BatchGet, 100 keys at a time, consistent). */
async function countStored(doc: DynamoDBDocumentClient, tables: TableNames, orders: readonly Order[]): Promise<number> {
  let found = 0;
  for (let start = 0; start < orders.length; start += 100) {
    let keys: Record<string, unknown>[] | undefined = orders.slice(start, start + 100).map((o) => ({ orderId: o.orderId }));
    while (keys && keys.length > 0) {
      const page: BatchGetCommandOutput = await doc.send(
        new BatchGetCommand({ RequestItems: { [tables.Orders]: { Keys: keys, ProjectionExpression: 'orderId', ConsistentRead: true } } }),
      );
      found += page.Responses?.[tables.Orders]?.length ?? 0;
      keys = page.UnprocessedKeys?.[tables.Orders]?.Keys;
    }
  }
  return found;
}

async function pointsBalance(doc: DynamoDBDocumentClient, tables: TableNames): Promise<number> {
  let sum = 0;
  for (const customerId of CUSTOMERS) {
    const { Item } = await doc.send(new GetCommand({ TableName: tables.Points, Key: { customerId, entryId: BALANCE_ID }, ConsistentRead: true }));
    if (typeof Item?.balance !== 'number') throw new Error(`Demo customer ${customerId} has no points balance.`);
    sum += Item.balance;
  }
  return sum;
}

const earned = (orders: readonly Order[]) => orders.reduce((sum, o) => sum + (o.pointsEarned ?? 0), 0);

/** One TransactWriteItems per order, one after another: the floor for sending them with no queue at all. */
async function sendRaw(doc: DynamoDBDocumentClient, tables: TableNames, orders: readonly Order[]): Promise<number> {
  const commands = orders.map((order) => new TransactWriteCommand({ TransactItems: orderItems(tables, order) }));
  const start = performance.now();
  for (const command of commands) await doc.send(command);
  return performance.now() - start;
}

/**
 * A document client whose every call fails as if the network were down while `offline` is set, so
 * commits pile up in the journal; counts the transactions that actually go out.
 */
function gatedClient(real: DynamoDBDocumentClient) {
  const gate = { offline: true, transactions: 0, sendMs: 0 };
  const send = async (command: unknown): Promise<unknown> => {
    if (gate.offline) throw Object.assign(new Error('connect ECONNREFUSED 127.0.0.1'), { code: 'ECONNREFUSED' });
    if (command instanceof TransactWriteCommand) gate.transactions += 1;
    const start = performance.now();
    try {
      return await (real.send as (c: unknown) => Promise<unknown>).call(real, command);
    } finally {
      gate.sendMs += performance.now() - start;
    }
  };
  const client = new Proxy(real, { get: (target, prop, receiver) => (prop === 'send' ? send : Reflect.get(target, prop, receiver)) });
  return { client, gate };
}

/**
 * Commits `orders` to a fresh sync worker while its database is unreachable, then lets it through
 * and times only the drain: from "sync now" until the queue is empty.
 */
async function drainQueued(stack: LocalStack, config: BackendConfig, orders: readonly Order[], terminalId: string) {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'coffee-cloud-bench-drain-'));
  const connectivity = createConnectivity();
  const { client, gate } = gatedClient(
    createDocumentClient({ region: stack.region, credentials: LOCAL_CREDENTIALS, endpoint: stack.dynamoEndpoint }, connectivity),
  );
  const problems: string[] = [];
  const sync = createSync({ dir, doc: client, tables: config.tables, firstTerminalId: terminalId, connectivity, log: (message) => problems.push(message) });
  try {
    for (const [i, order] of orders.entries()) await sync.commit(order, i + 1);
    // Let the worker's last failed attempt (kicked off by the last commit) finish: only microtasks.
    await new Promise((resolve) => setImmediate(resolve));
    const queued = sync.status().pending;
    if (queued !== orders.length) throw new Error(`Expected ${orders.length} orders queued before the drain, found ${queued}.`);

    gate.offline = false;
    const start = performance.now();
    await sync.syncNow();
    await sync.idle();
    const ms = performance.now() - start;

    const status = sync.status();
    if (status.pending !== 0) throw new Error(`${status.pending} orders still queued after the drain.`);
    return { ms, transactions: gate.transactions, sendMs: gate.sendMs, parked: status.parked.length, problems };
  } finally {
    await sync.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * Starts its own emulators and demo café; in each round sends `orders` fresh orders one raw
 * TransactWriteItems each and drains `orders` other fresh orders queued while offline, alternating
 * which goes first; then checks every order is in the table and every point landed.
 */
export async function runDrainBench(options: DrainBenchOptions = {}): Promise<DrainBenchResult> {
  const { orders: count = 1_000, rounds: roundCount = 4, warmup = 300, appRoot = REPO_ROOT, log = () => {} } = options;
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'coffee-cloud-bench-'));
  let stack: LocalStack | undefined;
  try {
    log('Starting DynamoDB Local and cognito-local…');
    stack = await startLocalStack({ dataDir, appRoot, persist: false });
    const config = await provisionDemoCafe(stack, `bench-drain-${randomBytes(4).toString('hex')}`);
    const { tables } = config;
    const doc = localClients(stack).doc;
    const pointsBefore = await pointsBalance(doc, tables);
    let pointsSent = 0;

    log(`Warming up (${warmup} orders of each kind)…`);
    const warmRaw = makeOrders(warmup, 'W1');
    await sendRaw(doc, tables, warmRaw);
    const warmDrain = makeOrders(warmup, 'W2');
    await drainQueued(stack, config, warmDrain, 'W2');
    pointsSent += earned(warmRaw) + earned(warmDrain);

    const rounds: DrainRound[] = [];
    const rawOrders: Order[] = [];
    const drainOrders: Order[] = [];
    let parked = 0;
    const problems: string[] = [];
    for (let round = 0; round < roundCount; round++) {
      const current: DrainRound = { rawMs: 0, drainMs: 0, transactions: 0, drainSendMs: 0 };
      const sides = [
        async () => {
          const orders = makeOrders(count, `R${round + 1}`);
          current.rawMs = await sendRaw(doc, tables, orders);
          rawOrders.push(...orders);
        },
        async () => {
          const orders = makeOrders(count, `D${round + 1}`);
          const drained = await drainQueued(stack!, config, orders, `D${round + 1}`);
          current.drainMs = drained.ms;
          current.transactions = drained.transactions;
          current.drainSendMs = drained.sendMs;
          parked += drained.parked;
          problems.push(...drained.problems);
          drainOrders.push(...orders);
        },
      ];
      for (const side of round % 2 === 0 ? sides : sides.toReversed()) await side();
      rounds.push(current);
      log(`Round ${round + 1}/${roundCount}: raw ${current.rawMs.toFixed(0)} ms, drain ${current.drainMs.toFixed(0)} ms in ${current.transactions} transactions.`);
    }
    pointsSent += earned(rawOrders) + earned(drainOrders);
    for (const problem of problems) log(`Sync worker: ${problem}`);

    const drained = { expected: drainOrders.length, found: await countStored(doc, tables, drainOrders), parked };
    const rawWritten = { expected: rawOrders.length, found: await countStored(doc, tables, rawOrders) };
    const points = { expected: pointsSent, found: (await pointsBalance(doc, tables)) - pointsBefore };
    const rawTotalMs = rounds.reduce((sum, r) => sum + r.rawMs, 0);
    const drainTotalMs = rounds.reduce((sum, r) => sum + r.drainMs, 0);
    const ratio = drainTotalMs / rawTotalMs;
    const complete =
      drained.expected > 0 && drained.found === drained.expected && parked === 0 && rawWritten.found === rawWritten.expected && points.found === points.expected;
    return {
      orders: count,
      rounds,
      rawTotalMs,
      drainTotalMs,
      ratio,
      drained,
      rawWritten,
      points,
      target: DRAIN_TARGET_RATIO,
      pass: complete && ratio <= DRAIN_TARGET_RATIO,
    };
  } finally {
    await stack?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

export function formatDrainBench(r: DrainBenchResult): string {
  const ms = (x: number) => x.toFixed(0).padStart(10);
  const perOrder = (total: number, n: number) => (total / n).toFixed(2).padStart(10);
  const n = r.orders * r.rounds.length;
  const complete =
    r.drained.found === r.drained.expected && r.drained.parked === 0 && r.rawWritten.found === r.rawWritten.expected && r.points.found === r.points.expected;
  return [
    `Draining ${r.orders.toLocaleString('en-US')} queued orders vs one raw TransactWriteItems per order (half earning points): ${r.rounds.length} rounds, alternating`,
    `${'round'.padEnd(8)}${'raw ms'.padStart(10)}${'drain ms'.padStart(10)}${'ratio'.padStart(8)}${'drain txns'.padStart(12)}${'in DynamoDB'.padStart(13)}`,
    ...r.rounds.map(
      (round, i) =>
        `${String(i + 1).padEnd(8)}${ms(round.rawMs)}${ms(round.drainMs)}${(round.drainMs / round.rawMs).toFixed(2).padStart(8)}` +
        `${String(round.transactions).padStart(12)}${ms(round.drainSendMs).padStart(13)}`,
    ),
    `${'total'.padEnd(8)}${ms(r.rawTotalMs)}${ms(r.drainTotalMs)}${r.ratio.toFixed(2).padStart(8)}` +
      `${String(r.rounds.reduce((s, x) => s + x.transactions, 0)).padStart(12)}${ms(r.rounds.reduce((s, x) => s + x.drainSendMs, 0)).padStart(13)}`,
    `${'ms/order'.padEnd(8)}${perOrder(r.rawTotalMs, n)}${perOrder(r.drainTotalMs, n)}`,
    `in the Orders table afterwards: drained ${r.drained.found}/${r.drained.expected} (parked ${r.drained.parked}), raw ${r.rawWritten.found}/${r.rawWritten.expected}; ` +
      `points landed ${r.points.found}/${r.points.expected}${complete ? '' : '  INCOMPLETE'}`,
    `target: ratio of totals drain / raw ≤ ${r.target.toFixed(2)}, every order stored  ${r.pass ? 'PASS' : 'MISS'}`,
  ].join('\n');
}

runIfScript(import.meta.url, 'Drain', () => runDrainBench({ log: (line) => console.error(line) }), formatDrainBench);
