import {
  ProvisionedThroughputExceededException,
  TransactionCanceledException,
  TransactionConflictException,
} from '@aws-sdk/client-dynamodb';
import { BatchGetCommand, DeleteCommand, GetCommand, type BatchGetCommandOutput, PutCommand, TransactWriteCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { randomBytes } from 'node:crypto';
import { appendFileSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { BackendConfig } from '../../src/main/config';
import type { TableNames } from '../../src/main/data/schema';
import { createDocumentClient } from '../../src/main/data/client';
import { provisionDemoCafe } from '../../src/main/local/embedded';
import { journalFile } from '../../src/main/sync/journal';
import { LOCAL_CREDENTIALS, startDynamoLocal } from '../../src/main/local/stack';
import type { Runtime } from '../../src/main/runtime';
import type { CheckoutInput } from '../../src/shared/contract';
import type { Order } from '../../src/shared/orders';
import { aroundSend, clients, DEMO, demoCart, expectLedgerBalanced, freshCafe, runKillableTill, scanAll, stack, till, unplugged, signInCounterStaff } from './helpers';

const barista = { sessionKey: 'sync-barista' };
const manager = { sessionKey: 'sync-manager' };
/** The seeded balances of the customers these tests ring orders for. */
const SEEDED = { 'cust-ada': 120, 'cust-grace': 45, 'cust-alan': 300, 'cust-margaret': 0 } as const;
type Customer = keyof typeof SEEDED;

const cart = (customerId?: Customer, overrides: Partial<CheckoutInput> = {}) => demoCart(customerId, overrides);

async function ring(runtime: Runtime, input: CheckoutInput, who = barista): Promise<Order> {
  const result = await runtime.dispatch('orders.checkout', input, who);
  if (!result.ok) throw new Error(`${result.error.code}: ${result.error.message}`);
  return result.data;
}

const signIn = (runtime: Runtime) => signInCounterStaff(runtime, barista, manager);

/** The orders with these ids as DynamoDB has them (consistent reads). */
async function storedOrders(doc: DynamoDBDocumentClient, tables: TableNames, ids: string[]): Promise<Map<string, Order>> {
  const found = new Map<string, Order>();
  for (let i = 0; i < ids.length; i += 100) {
    let keys: Record<string, unknown>[] | undefined = ids.slice(i, i + 100).map((orderId) => ({ orderId }));
    while (keys?.length) {
      const page: BatchGetCommandOutput = await doc.send(new BatchGetCommand({ RequestItems: { [tables.Orders]: { Keys: keys, ConsistentRead: true } } }));
      for (const item of page.Responses?.[tables.Orders] ?? []) found.set(item.orderId as string, item as Order);
      keys = page.UnprocessedKeys?.[tables.Orders]?.Keys;
    }
  }
  return found;
}

/** Every order row (counters aside) and every ledger line that names an order. */
async function everything(doc: DynamoDBDocumentClient, tables: TableNames) {
  const orders = (await scanAll(doc, tables.Orders)).filter((o) => o.ticket) as unknown as Order[];
  const ledger = (await scanAll(doc, tables.Points)).filter((p) => p.orderId) as { orderId: string; customerId: string; delta: number }[];
  return { orders, ledger };
}

/** The points each customer should have: seeded, plus what their orders earned and spent. */
function expectedBalances(orders: Order[]): Map<string, number> {
  const balances = new Map<string, number>(Object.entries(SEEDED));
  for (const order of orders) {
    if (!order.customerId) continue;
    balances.set(order.customerId, (balances.get(order.customerId) ?? 0) + (order.pointsEarned ?? 0) - (order.pointsRedeemed ?? 0));
  }
  return balances;
}

/** Checks the tables hold each order once, with its points exactly once, and balance = Σ ledger. */
async function expectExactlyOnce(doc: DynamoDBDocumentClient, config: BackendConfig, confirmed: string[]) {
  const { orders, ledger } = await everything(doc, config.tables);
  const stored = new Map(orders.map((o) => [o.orderId, o]));
  expect(confirmed.filter((id) => !stored.has(id)), 'confirmed orders missing from DynamoDB').toEqual([]);
  const tickets = orders.map((o) => `${o.businessDate} ${o.ticket}`);
  expect(new Set(tickets).size, 'ticket numbers used twice').toBe(tickets.length);
  for (const order of orders) {
    const lines = ledger.filter((l) => l.orderId === order.orderId);
    expect(lines.length, `ledger lines of ${order.ticket}`).toBe(Number(Boolean(order.pointsEarned)) + Number(Boolean(order.pointsRedeemed)));
  }
  const balances = await expectLedgerBalanced(doc, config.tables);
  for (const [customerId, points] of expectedBalances(orders)) expect(balances.get(customerId) ?? 0, customerId).toBe(points);
  return orders;
}

/** Every order id in each TransactWriteItems that DynamoDB accepted, in the order it accepted them. */
function recording(doc: DynamoDBDocumentClient, landed: string[][]): DynamoDBDocumentClient {
  return aroundSend(doc, async (command, real) => {
    const result = await real(command);
    if (command instanceof TransactWriteCommand) landed.push(orderIdsOf(command));
    return result;
  });
}

function orderIdsOf(command: TransactWriteCommand): string[] {
  // Ledger lines name their order and ticket too; only the order row has no entryId.
  return (command.input.TransactItems ?? []).flatMap((item) => (item.Put?.Item?.ticket && !item.Put.Item.entryId ? [item.Put.Item.orderId as string] : []));
}

describe('DynamoDB stopped for 100 orders, then started again', () => {
  it('the till keeps selling; every order lands exactly once, in the order rung up, under its own barista', async () => {
    const dbDir = mkdtempSync(path.join(tmpdir(), 'coffee-sync-db-'));
    let db = await startDynamoLocal({ dataDir: dbDir, persist: true, appRoot: process.cwd() });
    try {
      const config = await provisionDemoCafe({ ...stack(), dynamoEndpoint: db.endpoint }, `sync-${randomBytes(4).toString('hex')}`);
      const doc = createDocumentClient({ region: config.region, endpoint: db.endpoint, credentials: LOCAL_CREDENTIALS });
      const landed: string[][] = [];
      const runtime = till(config, { landed: false, wrapDb: (raw) => recording(raw, landed) });
      await signIn(runtime);
      // The register has loaded the menu and looked up two regulars before the connection drops.
      expect((await runtime.dispatch('menu.list', {}, barista)).ok).toBe(true);
      for (const customerId of ['cust-ada', 'cust-alan']) expect((await runtime.dispatch('customers.get', { customerId }, barista)).ok).toBe(true);
      const before = await ring(runtime, cart());
      await runtime.sync.idle();

      await db.stop();
      const rung: Order[] = [];
      for (let i = 0; i < 100; i++) rung.push(await ring(runtime, cart(i % 4 === 0 ? 'cust-ada' : i % 4 === 1 ? 'cust-alan' : undefined)));
      // The till learns the database is gone from its first send, which waits for a quiet moment at the till.
      await expect.poll(async () => {
        const status = await runtime.dispatch('sync.status', {}, barista);
        return status.ok && status.data.online;
      }).toBe(false);
      const waiting = await runtime.dispatch('sync.status', {}, barista);
      expect(waiting).toMatchObject({ ok: true, data: { online: false, pending: 100, oldestAt: rung[0]!.createdAt, parked: [] } });
      // This till's board still shows its orders, marked as not yet synced.
      const board = await runtime.dispatch('orders.board', {}, barista);
      expect(board.ok && board.data.filter((o) => o.sync === 'pending').map((o) => o.orderId)).toEqual(rung.map((o) => o.orderId));
      // Baristas keep moving this till's orders along the board, synced or not.
      for (const [order, from] of [
        [before, 'placed'],
        [rung[0]!, 'placed'],
        [rung[0]!, 'preparing'],
      ] as const) {
        expect(await runtime.dispatch('orders.advance', { orderId: order.orderId, from }, barista)).toMatchObject({ ok: true });
      }
      expect(await runtime.dispatch('orders.advance', { orderId: rung[0]!.orderId, from: 'placed' }, barista)).toMatchObject({
        ok: false,
        error: { code: 'CONFLICT', message: `Ticket ${rung[0]!.ticket} is already ready.` },
      });
      expect(runtime.sync.status()).toMatchObject({ pending: 100, pendingMoves: 1 });
      // Regulars this till has seen can still be found and put on an order; others can't.
      expect(await runtime.dispatch('customers.lookup', { query: '555-010-0100' }, barista)).toMatchObject({ ok: true, data: [{ customerId: 'cust-ada', name: 'Ada Lovelace' }] });
      expect(await runtime.dispatch('customers.get', { customerId: 'cust-alan' }, barista)).toMatchObject({ ok: true, data: { name: 'Alan Turing', points: 300 } });
      expect(await runtime.dispatch('customers.lookup', { query: '555-010-0101' }, barista)).toMatchObject({
        ok: false,
        error: { code: 'OFFLINE', message: 'This till can’t reach the database right now. It hasn’t seen that customer since it started, so it can’t find them offline. Ring the order without them.' },
      });
      // Earning works offline; spending needs the live balance.
      expect(await runtime.dispatch('orders.checkout', cart('cust-alan', { redeemBlocks: 1, expectedTotalCents: 767 }), barista)).toMatchObject({
        ok: false,
        error: { code: 'OFFLINE', message: expect.stringMatching(/^Rewards need the customer’s live points balance/) },
      });
      // The barista signs out and a manager takes over: the orders stay and keep their barista.
      expect(await runtime.dispatch('auth.signOut', {}, barista)).toMatchObject({ ok: true });
      expect(runtime.sync.status().pending).toBe(100);

      db = await startDynamoLocal({ dataDir: dbDir, persist: true, port: db.port, appRoot: process.cwd() });
      expect(await runtime.dispatch('sync.now', {}, manager)).toMatchObject({ ok: true });
      await runtime.sync.idle();

      expect(landed.flat()).toEqual([before.orderId, ...rung.map((o) => o.orderId)]);
      expect(runtime.sync.status()).toMatchObject({ online: true, pending: 0, pendingMoves: 0, parked: [] });
      const orders = await expectExactlyOnce(doc, config, [before.orderId, ...rung.map((o) => o.orderId)]);
      expect(orders).toHaveLength(101);
      const stored = await storedOrders(doc, config.tables, rung.map((o) => o.orderId));
      expect(rung.map((o) => stored.get(o.orderId)?.ticket)).toEqual(rung.map((_, i) => `T1-${String(i + 2).padStart(3, '0')}`));
      expect(new Set([...stored.values()].map((o) => o.createdBy.email))).toEqual(new Set([DEMO.barista]));
      const { statusHistory: _rungWith, ...asRung } = rung[0]!;
      expect(stored.get(rung[0]!.orderId)).toMatchObject({ ...asRung, status: 'ready', version: 3 });
      expect(stored.get(rung[0]!.orderId)?.statusHistory.map((h) => h.status)).toEqual(['placed', 'preparing', 'ready']);
      expect((await storedOrders(doc, config.tables, [before.orderId])).get(before.orderId)).toMatchObject({ status: 'preparing' });
    } finally {
      await db.stop();
    }
  });
});

/** DynamoDB's own exceptions, as the SDK raises them. */
const meta = { $metadata: { httpStatusCode: 400 } };
const FAULTS = {
  throttledTransaction: () =>
    new TransactionCanceledException({ ...meta, message: 'Transaction cancelled', CancellationReasons: [{ Code: 'ThrottlingError', Message: 'Throughput exceeds the current capacity' }] }),
  conflictedTransaction: () =>
    new TransactionCanceledException({ ...meta, message: 'Transaction cancelled', CancellationReasons: [{ Code: 'TransactionConflict', Message: 'Transaction is ongoing for the item' }] }),
  provisioned: () => new ProvisionedThroughputExceededException({ ...meta, message: 'The level of configured provisioned throughput for the table was exceeded.' }),
  conflict: () => new TransactionConflictException({ ...meta, message: 'Transaction is ongoing for the item' }),
};
type Fault = keyof typeof FAULTS | 'answerLost' | 'answerLostTokenExpired';

/**
 * Around the real client: refuses sync transactions with DynamoDB's throttling and conflict errors,
 * or lets one land and then loses the answer (a dropped connection), sometimes also "forgetting"
 * its ClientRequestToken on the retry, as DynamoDB does after 10 minutes.
 */
function faulty(doc: DynamoDBDocumentClient, seen: Record<Fault, number>, random: () => number): DynamoDBDocumentClient {
  const expired = new Set<string>();
  return aroundSend(doc, async (command, real) => {
    if (!(command instanceof TransactWriteCommand) || orderIdsOf(command).length === 0) return real(command);
    const token = command.input.ClientRequestToken!;
    if (expired.has(token)) {
      return real(new TransactWriteCommand({ ...command.input, ClientRequestToken: `${token.slice(0, 30)}-later` }));
    }
    const roll = random();
    const kinds = Object.keys(FAULTS) as (keyof typeof FAULTS)[];
    if (roll < 0.4) {
      const kind = kinds[Math.floor(random() * kinds.length)]!;
      seen[kind] += 1;
      throw FAULTS[kind]();
    }
    if (roll < 0.55) {
      await real(command);
      const kind = random() < 0.5 ? 'answerLost' : 'answerLostTokenExpired';
      seen[kind] += 1;
      if (kind === 'answerLostTokenExpired') expired.add(token);
      throw Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' });
    }
    return real(command);
  });
}

/** Small seeded generator, so a failure can be replayed. */
function seeded(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state * 1664525 + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

describe('throttling, conflicts and lost answers while syncing', () => {
  it('are retried until every order has landed once, with its points once', async () => {
    const config = await freshCafe();
    const seen: Record<Fault, number> = { throttledTransaction: 0, conflictedTransaction: 0, provisioned: 0, conflict: 0, answerLost: 0, answerLostTokenExpired: 0 };
    const runtime = till(config, { landed: false, wrapDb: (raw) => faulty(raw, seen, seeded(20261125)) });
    await signIn(runtime);
    const customers: (Customer | undefined)[] = ['cust-ada', undefined, 'cust-grace', 'cust-margaret', undefined, 'cust-ada'];
    const rung: Order[] = [];
    for (let i = 0; i < 80; i++) rung.push(await ring(runtime, cart(customers[i % customers.length])));
    await runtime.sync.idle();
    expect(runtime.sync.status()).toMatchObject({ pending: 0, parked: [] });
    for (const [kind, count] of Object.entries(seen)) expect(count, `${kind} faults injected`).toBeGreaterThan(0);
    const orders = await expectExactlyOnce(clients().doc, config, rung.map((o) => o.orderId));
    expect(orders).toHaveLength(80);
  });
});

describe('an order whose points the cloud refuses for good', () => {
  it('lands without them, with its revenue and ticket; only the points change is parked, with its reason, until a manager retries it', async () => {
    const config = await freshCafe();
    const { doc } = clients();
    const dataDir = mkdtempSync(path.join(tmpdir(), 'coffee-points-'));
    const runtime = till(config, { dataDir, landed: false });
    await signIn(runtime);
    expect((await runtime.dispatch('customers.get', { customerId: 'cust-grace' }, barista)).ok).toBe(true);
    // Grace's points account vanishes between the lookup and the sync.
    const balanceKey = { customerId: 'cust-grace', entryId: 'BALANCE' };
    const { Item: balance } = await doc.send(new GetCommand({ TableName: config.tables.Points, Key: balanceKey, ConsistentRead: true }));
    await doc.send(new DeleteCommand({ TableName: config.tables.Points, Key: balanceKey }));
    const doomed = await ring(runtime, cart('cust-grace'));
    const after = await ring(runtime, cart());
    await runtime.sync.idle();

    const status = await runtime.dispatch('sync.status', {}, barista);
    expect(status).toMatchObject({
      ok: true,
      data: {
        pending: 0,
        parked: [
          {
            part: 'points',
            orderId: doomed.orderId,
            ticket: doomed.ticket,
            createdBy: 'Jamie Cruz',
            reason: 'Grace Hopper’s loyalty account wasn’t found, so the 9 points earned couldn’t be added.',
            points: { customerName: 'Grace Hopper', earned: 9, redeemed: 0 },
          },
        ],
      },
    });
    expect(status.ok && status.data.parked).toHaveLength(1);
    // The sale is in the cloud as rung up: its total, tax and ticket count in the day's takings.
    const stored = await storedOrders(doc, config.tables, [doomed.orderId, after.orderId]);
    expect(stored.get(doomed.orderId)).toMatchObject({ ticket: doomed.ticket, totalCents: doomed.totalCents, taxCents: doomed.taxCents });
    expect(stored.has(after.orderId)).toBe(true);
    expect((await scanAll(doc, config.tables.Points)).filter((p) => p.orderId === doomed.orderId)).toEqual([]);

    // The parked points stay on the till across a restart.
    await runtime.stop();
    const restarted = till(config, { dataDir, landed: false });
    await signIn(restarted);
    expect(restarted.sync.status().parked).toMatchObject([{ part: 'points', orderId: doomed.orderId }]);

    // Retrying is a manager's call; once the account is back, the points go through, once.
    expect(await restarted.dispatch('sync.retryParked', {}, barista)).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    await doc.send(new PutCommand({ TableName: config.tables.Points, Item: balance! }));
    expect(await restarted.dispatch('sync.retryParked', {}, manager)).toMatchObject({ ok: true, data: { parked: [] } });
    await restarted.sync.idle();
    expect((await scanAll(doc, config.tables.Points)).filter((p) => p.orderId === doomed.orderId)).toMatchObject([{ delta: 9 }]);
    const balances = await expectLedgerBalanced(doc, config.tables);
    expect(balances.get('cust-grace')).toBe(SEEDED['cust-grace'] + 9);
  });
});

describe('a reward whose points were spent elsewhere before the sale reached the cloud', () => {
  it('the sale lands with its discount and ticket; the points change is parked for a manager', async () => {
    const config = await freshCafe();
    const { doc } = clients();
    // This till's writes get no answer for a while: the checkout stops waiting on the reward and confirms the sale.
    const cable = { cut: false };
    const runtime = till(config, {
      landed: false,
      wrapDb: (raw) =>
        aroundSend(raw, async (command, real) => {
          if (cable.cut && command instanceof TransactWriteCommand) throw Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' });
          return real(command);
        }),
    });
    const otherTill = till(config, { terminalId: 'T2' });
    await signIn(runtime);
    await signIn(otherTill);
    cable.cut = true;
    const sale = await ring(runtime, cart('cust-alan', { redeemBlocks: 1, expectedTotalCents: 767 }));
    expect(runtime.sync.status().pending).toBe(1);
    // Meanwhile a manager on another till takes Alan's points down to 40.
    expect(await otherTill.dispatch('loyalty.adjust', { customerId: 'cust-alan', delta: -260, reason: 'Merged a duplicate account' }, manager)).toMatchObject({ ok: true });
    cable.cut = false;
    await runtime.dispatch('sync.now', {}, barista);
    await runtime.sync.idle();

    expect(runtime.sync.status()).toMatchObject({
      pending: 0,
      parked: [
        {
          part: 'points',
          orderId: sale.orderId,
          reason: 'Alan Turing didn’t have the 60 points for the reward any more when this order reached the cloud. The sale stands; adjust their points if needed, then try again.',
          points: { customerName: 'Alan Turing', redeemed: 60 },
        },
      ],
    });
    expect((await storedOrders(doc, config.tables, [sale.orderId])).get(sale.orderId)).toMatchObject({ ticket: sale.ticket, totalCents: 767, pointsRedeemed: 60 });
    expect((await expectLedgerBalanced(doc, config.tables)).get('cust-alan')).toBe(40);
  });
});

/** Runs the burst till until it is killed or done; returns what it confirmed. */
async function runTill(args: string[], killAfterMs: number | null): Promise<{ confirmed: string[]; done: boolean; killed: boolean }> {
  const { lines, killed } = await runKillableTill('burst-till.ts', args, killAfterMs);
  return { confirmed: lines.filter((l) => l.startsWith('CONFIRMED ')).map((l) => l.split(' ')[1]!), done: lines.includes('DONE'), killed };
}

describe('kill -9 during a burst of 200 checkouts', () => {
  it('every order the barista saw confirmed is in DynamoDB exactly once after restarts, and balances equal their ledgers', async () => {
    const config = await freshCafe();
    const dataDir = mkdtempSync(path.join(tmpdir(), 'coffee-burst-'));
    const random = seeded(Date.now());
    const confirmed: string[] = [];
    let kills = 0;
    for (let run = 0; ; run++) {
      // Kills land anywhere: mid-checkout, mid-fsync, mid-sync. The last run finishes the burst and drains.
      const killAfter = run < 6 ? 50 + Math.floor(random() * 400) : null;
      const result = await runTill([JSON.stringify(config), dataDir, '200', String(confirmed.length)], killAfter);
      confirmed.push(...result.confirmed);
      if (result.killed) kills += 1;
      if (result.done) break;
      if (run > 12) throw new Error('The burst never finished.');
    }
    expect(confirmed.length).toBe(200);
    expect(kills).toBeGreaterThanOrEqual(3);
    const orders = await expectExactlyOnce(clients().doc, config, confirmed);
    // Each kill can leave at most the one order it interrupted: saved, but never shown as confirmed.
    expect(orders.length - confirmed.length).toBeLessThanOrEqual(kills);
    expect(orders.length).toBeGreaterThanOrEqual(200);
  }, 120_000);
});

describe('a sale saved while the journal is being compacted', () => {
  it('is in the file a kill -9 would leave, and is sent without waiting for the next sale', async () => {
    const config = await freshCafe();
    const dataDir = mkdtempSync(path.join(tmpdir(), 'coffee-compacting-'));
    const file = journalFile(path.join(dataDir, 'till', config.tables.Orders));
    let committed: Promise<Order> | null = null;
    // The moment the first sale's transaction is answered, the worker journals its "synced" marker
    // and, with nothing else pending, compacts. Right then, while that marker is being written, a
    // second sale is saved: the compaction must wait for it, and the worker must send it.
    const runtime: Runtime = till(config, {
      dataDir,
      landed: false,
      compactAfter: 1,
      wrapDb: (raw) =>
        aroundSend(raw, async (command, real) => {
          const result = await real(command);
          const first = command instanceof TransactWriteCommand ? (command.input.TransactItems?.[0]?.Put?.Item as Order | undefined) : undefined;
          if (first?.ticket && !committed) {
            committed = new Promise((resolve, reject) =>
              setImmediate(() => {
                void runtime.sync.reserveSequence(first.businessDate, async () => 0).then(async (seq) => {
                  const second: Order = { ...first, orderId: `${first.orderId.slice(0, -4)}ZZZZ`, ticket: `T1-${String(seq).padStart(3, '0')}` };
                  await runtime.sync.commit(second, seq);
                  resolve(second);
                }, reject);
              }),
            );
          }
          return result;
        }),
    });
    await signIn(runtime);
    const first = await ring(runtime, cart());
    await runtime.sync.idle();
    expect(committed, 'the second sale was saved mid-compaction').not.toBeNull();
    const second = await committed!;
    await runtime.sync.idle();

    expect(readFileSync(file, 'utf8')).toContain(second.orderId);
    const stored = await storedOrders(clients().doc, config.tables, [first.orderId, second.orderId]);
    expect([...stored.keys()].sort()).toEqual([first.orderId, second.orderId].sort());
    // What the file holds is all a restart (after a kill -9, say) has: both sales, both synced.
    await runtime.stop();
    const restarted = till(config, { dataDir, landed: false });
    expect(restarted.sync.local(second.orderId)).toMatchObject({ state: 'synced', unsent: false });
    expect(restarted.sync.status()).toMatchObject({ pending: 0 });
  }, 30_000);
});

describe('an order that first tried to go out as the network went', () => {
  it('carries when it finally landed, not when it first tried: boards asking what changed in the last half-minute find it', async () => {
    const config = await freshCafe();
    let clock = Date.now();
    const cable = { cut: false };
    const t = till(config, { landed: false, terminalId: 'T9', now: () => new Date(clock), wrapDb: (doc) => unplugged(doc, cable) });
    const who = { sessionKey: 'restamp-barista' };
    expect((await t.dispatch('auth.signIn', { email: DEMO.barista, password: DEMO.password }, who)).ok).toBe(true);
    const card = () => demoCart(undefined, { tenders: [{ kind: 'card', amountCents: 983 }] });
    // A first sale online: the till has the menu and settings to price the next one offline.
    expect((await t.dispatch('orders.checkout', card(), who)).ok).toBe(true);
    await t.sync.idle();
    cable.cut = true;
    const placed = await t.dispatch('orders.checkout', card(), who);
    if (!placed.ok) throw new Error(placed.error.message);
    // The worker has tried, and found the cable cut.
    await expect.poll(() => t.sync.status().lastError ?? '').toMatch(/^Can’t send them/);
    clock += 5 * 60_000;
    cable.cut = false;
    await t.sync.syncNow();
    await t.sync.idle();
    const { Item } = await clients().doc.send(new GetCommand({ TableName: config.tables.Orders, Key: { orderId: placed.data.orderId }, ConsistentRead: true }));
    expect(Date.parse((Item as Order).updatedAt!)).toBeGreaterThanOrEqual(clock - 1_000);
  });
});

describe('waiting for a sale to reach the cloud', () => {
  it('leaves nothing behind once the sale has landed: no memory kept per sale', async () => {
    const config = await freshCafe();
    const runtime = till(config, { landed: false });
    await signIn(runtime);
    // A reward waits for the cloud's word on the points; a move on a just-rung order waits for it to land.
    for (let i = 0; i < 5; i++) {
      const sale = await ring(runtime, cart('cust-alan', { redeemBlocks: 1, expectedTotalCents: 767 }));
      expect(await runtime.dispatch('orders.advance', { orderId: sale.orderId, from: 'placed' }, barista)).toMatchObject({ ok: true });
    }
    await runtime.sync.idle();
    expect(runtime.sync.openWaits()).toBe(0);
  });
});

describe('the journal across restarts', () => {
  it('compacts to today’s orders and the ticket counters, and a restart carries on numbering', async () => {
    const config = await freshCafe();
    const dataDir = mkdtempSync(path.join(tmpdir(), 'coffee-compact-'));
    let clock = Date.parse('2026-11-24T15:00:00');
    const options = { dataDir, now: () => new Date(clock), compactAfter: 12 };
    const first = till(config, options);
    await signIn(first);
    const yesterday: Order[] = [];
    for (let i = 0; i < 5; i++) yesterday.push(await ring(first, cart()));
    // The day closes: an open shift's orders stay in the journal (its drawer's cash comes from them).
    const closed = await first.dispatch('shift.close', { count: { totalCents: 0 }, reason: 'end of the day, drawer emptied' }, manager);
    expect(closed.ok).toBe(true);
    await first.sync.idle();
    clock = Date.parse('2026-11-25T09:00:00');
    const today: Order[] = [];
    for (let i = 0; i < 8; i++) today.push(await ring(first, cart()));
    await first.stop();

    const text = readFileSync(journalFile(path.join(dataDir, 'till', config.tables.Orders)), 'utf8');
    // Order records only: the day's Z still names the tickets it carried over to the next shift.
    const orderLines = text.split('\n').filter((line) => line.includes('{"t":"order"'));
    expect(yesterday.filter((o) => orderLines.some((line) => line.includes(o.orderId))), 'yesterday’s synced orders dropped').toEqual([]);
    expect(today.every((o) => text.includes(o.orderId)), 'today’s orders kept for the offline board').toBe(true);

    const second = till(config, options);
    await signIn(second);
    const board = await second.dispatch('orders.board', {}, barista);
    expect(board.ok && board.data.map((o) => o.ticket)).toEqual(today.map((o) => o.ticket));
    expect((await ring(second, cart())).ticket).toBe('T1-009');
    clock = Date.parse('2026-11-24T16:00:00');
    expect((await ring(second, cart())).ticket, 'yesterday’s counter survives compaction').toBe('T1-006');
  });

  it('a till that restarts offline sells from the menu it saved last time', async () => {
    const config = await freshCafe();
    const dataDir = mkdtempSync(path.join(tmpdir(), 'coffee-restart-offline-'));
    const first = till(config, { dataDir });
    await signIn(first);
    // What an open register loads: the shop's settings and the menu.
    const settings = await first.dispatch('settings.get', {}, barista);
    const menu = await first.dispatch('menu.list', {}, barista);
    await first.stop();

    const second = till(config, { dataDir, landed: false, wrapDb: (doc) => unplugged(doc, { cut: true }) });
    await signIn(second);
    expect(await second.dispatch('settings.get', {}, barista)).toEqual(settings);
    expect(await second.dispatch('menu.list', {}, barista)).toEqual(menu);
    const sale = await ring(second, cart());
    expect(sale).toMatchObject({ ticket: 'T1-001', totalCents: 983 });
    expect(second.sync.status()).toMatchObject({ pending: 1 });
  });

  it('reports a record cut off by a crash at start, and keeps every intact order', async () => {
    const config = await freshCafe();
    const dataDir = mkdtempSync(path.join(tmpdir(), 'coffee-torn-'));
    const first = till(config, { dataDir, landed: false });
    await signIn(first);
    const kept = await ring(first, cart());
    await first.sync.idle();
    await first.stop();
    const file = journalFile(path.join(dataDir, 'till', config.tables.Orders));
    const torn = readFileSync(file).subarray(0, 300);
    appendFileSync(file, torn);

    const second = till(config, { dataDir, landed: false });
    await signIn(second);
    const status = await second.dispatch('sync.status', {}, manager);
    expect(status).toMatchObject({
      ok: true,
      data: { damaged: [{ message: expect.stringMatching(/^The order journal was damaged: the last record was cut off part-way/) }] },
    });
    expect(await second.dispatch('orders.get', { orderId: kept.orderId }, barista)).toMatchObject({ ok: true, data: { ticket: kept.ticket } });
    expect((await ring(second, cart())).ticket).toBe('T1-002');
  });
});

describe('a board move made offline that another till overtook', () => {
  it('is dropped when it reaches the cloud, leaving the other till’s move as it was', async () => {
    const config = await freshCafe();
    const cable = { cut: false };
    const offlineTill = till(config, { wrapDb: (doc) => unplugged(doc, cable) });
    const otherTill = till(config, { terminalId: 'T2' });
    await signIn(offlineTill);
    await signIn(otherTill);
    const order = await ring(offlineTill, cart());

    cable.cut = true;
    expect(await offlineTill.dispatch('orders.advance', { orderId: order.orderId, from: 'placed' }, barista)).toMatchObject({ ok: true, data: { status: 'preparing', sync: 'pending' } });
    for (const from of ['placed', 'preparing'] as const) {
      expect(await otherTill.dispatch('orders.advance', { orderId: order.orderId, from }, manager)).toMatchObject({ ok: true });
    }
    cable.cut = false;
    await offlineTill.dispatch('sync.now', {}, barista);
    await offlineTill.sync.idle();

    const stored = (await storedOrders(clients().doc, config.tables, [order.orderId])).get(order.orderId)!;
    expect(stored.statusHistory.map((h) => `${h.status} by ${h.by.name}`)).toEqual(['placed by Jamie Cruz', 'preparing by Morgan Lee', 'ready by Morgan Lee']);
    expect(offlineTill.sync.status()).toMatchObject({ pending: 0, pendingMoves: 0 });
    const board = await offlineTill.dispatch('orders.board', {}, barista);
    expect(board.ok && board.data.find((o) => o.orderId === order.orderId)).toMatchObject({ status: 'ready' });
    expect(board.ok && board.data.find((o) => o.orderId === order.orderId)).not.toHaveProperty('sync');
  });
});
