// Read units per board refresh, a day of 3,000 orders vs a day of 100. Target ≤ 1.1×.
import { BatchWriteCommand, QueryCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { ulid } from 'ulid';
import type { CheckoutInput } from '../src/shared/contract';
import { ticketNumber, type Order, type OrderSummary } from '../src/shared/orders';
import { runIfScript, withBenchCafe } from './harness';

export const BOARD_TARGET_RATIO = 1.1;
const SMALL = { businessDate: '2026-01-05', orders: 100 };
const BIG = { businessDate: '2026-01-06', orders: 3_000 };
/** Per refresh, on each day: tickets started since the last one (the board's own writes). */
const CHANGES_PER_REFRESH = 3;
const REFRESHES = 10;

export interface BoardBenchResult {
  /** Mean read units of one refresh, by day. */
  small: { fullDay: number; refresh: number };
  big: { fullDay: number; refresh: number };
  /** What a refresh cost before (the whole day) and costs now (what changed), big day / small day. */
  fullDayRatio: number;
  refreshRatio: number;
  pass: boolean;
}

/** Counts the read units of every Query the app sends, as DynamoDB reports them. */
function readUnits(doc: DynamoDBDocumentClient) {
  let units = 0;
  const wrapped = new Proxy(doc, {
    get: (target, key, receiver) =>
      key === 'send'
        ? async (command: { input: Record<string, unknown> }) => {
            const isQuery = command instanceof QueryCommand;
            if (isQuery) command.input.ReturnConsumedCapacity = 'TOTAL';
            const output = (await target.send(command as never)) as { ConsumedCapacity?: { CapacityUnits?: number } };
            if (isQuery) units += output.ConsumedCapacity?.CapacityUnits ?? 0;
            return output;
          }
        : Reflect.get(target, key, receiver),
  });
  return { wrapped, units: () => units };
}

/** A day of `count` orders like `template`, made two hours before the day's refreshes start. */
async function seedDay(doc: DynamoDBDocumentClient, table: string, template: Order, { businessDate, orders: count }: { businessDate: string; orders: number }): Promise<string[]> {
  const at = new Date(Date.now() - 2 * 3600_000).toISOString();
  const orders = Array.from({ length: count }, (_, i): Order => ({
    ...template,
    orderId: ulid(),
    businessDate,
    ticket: ticketNumber('S1', i + 1),
    terminalId: 'S1',
    createdAt: at,
    updatedAt: at,
    status: 'placed',
    statusHistory: template.statusHistory.slice(0, 1).map((change) => ({ ...change, at })),
    version: 1,
  }));
  for (let i = 0; i < orders.length; i += 25) {
    let items: Record<string, unknown> | undefined = { [table]: orders.slice(i, i + 25).map((Item) => ({ PutRequest: { Item } })) };
    while (items && Object.keys(items).length > 0) items = (await doc.send(new BatchWriteCommand({ RequestItems: items as never }))).UnprocessedItems;
  }
  return orders.map((o) => o.orderId);
}

export async function runBoardBench(): Promise<BoardBenchResult> {
  const meter: { units: () => number } = { units: () => 0 };
  return withBenchCafe(
    async ({ config, doc, call }) => {
      const input: CheckoutInput = {
        orderId: ulid(),
        lines: [{ productId: 'espresso', quantity: 1, selection: {}, unitPriceCents: 300 }],
        tenders: [{ kind: 'cash', amountCents: 500 }],
        expectedTotalCents: 324,
      };
      const sold = await call<Order>('orders.checkout', input);
      if (!sold.ok) throw new Error(`Checkout failed: ${sold.error.message}`);
      const days = [SMALL, BIG];
      const ids = new Map<string, string[]>();
      for (const day of days) ids.set(day.businessDate, await seedDay(doc, config.tables.Orders, sold.data, day));

      const measured = async (run: () => Promise<unknown>) => {
        const before = meter.units();
        await run();
        return meter.units() - before;
      };
      const board = async (businessDate: string, since?: string) => {
        const result = await call<OrderSummary[]>('orders.board', { businessDate, ...(since && { since }) });
        if (!result.ok) throw new Error(`Board failed: ${result.error.message}`);
        return result.data;
      };
      const result = { small: { fullDay: 0, refresh: 0 }, big: { fullDay: 0, refresh: 0 } };
      for (const [name, day] of [['small', SMALL], ['big', BIG]] as const) {
        let asked = new Date().toISOString();
        result[name].fullDay = await measured(async () => {
          const orders = await board(day.businessDate);
          if (orders.length !== day.orders) throw new Error(`The board showed ${orders.length} orders, not ${day.orders}.`);
        });
        const toStart = [...ids.get(day.businessDate)!];
        let total = 0;
        for (let r = 0; r < REFRESHES; r++) {
          const started = toStart.splice(0, CHANGES_PER_REFRESH);
          for (const orderId of started) {
            const moved = await call('orders.advance', { orderId, from: 'placed' });
            if (!moved.ok) throw new Error(`Start failed: ${moved.error.message}`);
          }
          const since = asked;
          asked = new Date().toISOString();
          total += await measured(async () => {
            const changes = await board(day.businessDate, since);
            if (!started.every((id) => changes.some((o) => o.orderId === id && o.status === 'preparing'))) throw new Error('A refresh missed a ticket that was started.');
          });
        }
        result[name].refresh = total / REFRESHES;
      }
      const refreshRatio = result.big.refresh / result.small.refresh;
      return { ...result, fullDayRatio: result.big.fullDay / result.small.fullDay, refreshRatio, pass: refreshRatio <= BOARD_TARGET_RATIO };
    },
    {
      wrapDb: (doc) => {
        const counted = readUnits(doc);
        meter.units = counted.units;
        return counted.wrapped;
      },
    },
  );
}

export function formatBoardBench(r: BoardBenchResult): string {
  const ru = (x: number) => x.toFixed(1).padStart(10);
  return [
    `Board read units (ReturnConsumedCapacity), a day of ${BIG.orders} orders vs ${SMALL.orders}; ${CHANGES_PER_REFRESH} tickets started before each of ${REFRESHES} refreshes`,
    `${''.padEnd(50)}${`${SMALL.orders} orders`.padStart(10)}${`${BIG.orders} orders`.padStart(12)}${'ratio'.padStart(8)}`,
    `${'whole day (the first read; every refresh before)'.padEnd(50)}${ru(r.small.fullDay)}${ru(r.big.fullDay)}  ${r.fullDayRatio.toFixed(2).padStart(8)}`,
    `${'refresh: what changed since last asked'.padEnd(50)}${ru(r.small.refresh)}${ru(r.big.refresh)}  ${r.refreshRatio.toFixed(2).padStart(8)}`,
    `target: refresh ratio ≤ ${BOARD_TARGET_RATIO.toFixed(2)}  ${r.pass ? 'PASS' : 'MISS'}`,
  ].join('\n');
}

runIfScript(import.meta.url, 'Board', () => runBoardBench(), formatBoardBench);
