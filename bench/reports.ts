// Sales reports: a Z-style day of 10,000 orders vs a raw paged Query of the same orders (≤ 1.2×), and
// a 31-day report vs the raw paged Queries of those days (≤ 1.5×). Never a Scan.
import { BatchWriteCommand, QueryCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { ulid } from 'ulid';
import { queryAll } from '../src/main/data/client';
import type { TableNames } from '../src/main/data/schema';
import { DEMO_PRODUCTS, DEMO_STAFF } from '../src/main/local/demo-data';
import { createReportsService, dayQuery } from '../src/main/reports/service';
import type { Product } from '../src/shared/menu';
import { lineAllocations, lineRefundCents, newOrder, type Order, type OrderLine } from '../src/shared/orders';
import { defaultSelection, orderTotals, priceLine, settle, type Tender } from '../src/shared/pricing';
import { businessDatesBetween, type SalesReport } from '../src/shared/reports';
import { interleave, isEntryPoint, stats, withBenchCafe, type Stats } from './harness';

export const DAY_TARGET_RATIO = 1.2;
export const MONTH_TARGET_RATIO = 1.5;
const DAY = { date: '2026-02-02', orders: 10_000 };
const MONTH = { from: '2026-03-01', to: '2026-03-31', ordersPerDay: 300 };
/** The service reads this many days at once; the raw side does the same, so the ratio is the report's own cost. */
const PARALLEL_DAYS = 4;

export interface ReportsBenchResult {
  day: { orders: number; report: Stats; raw: Stats; ratio: number; readUnits: number; netSalesCents: number };
  month: { orders: number; report: Stats; raw: Stats; ratio: number };
  pass: boolean;
}

const products: Product[] = DEMO_PRODUCTS.map((p, i) => ({ ...p, modifierGroups: p.modifierGroups ?? [], available: true, sortOrder: i, version: 1, updatedAt: '2026-01-01T00:00:00.000Z', updatedBy: 'seed' }));
const staff = DEMO_STAFF.filter((s) => s.group !== 'Customer').map((s, i) => ({ userId: `u${i}`, name: s.name, email: s.email }));

/** A café's order: 1–3 lines, cash (with change) or card, now and then a refund or a cancel. */
export function fakeOrder(businessDate: string, i: number): Order {
  const lines: OrderLine[] = Array.from({ length: 1 + (i % 3) }, (_, l) => {
    const product = products[(i * 7 + l * 3) % products.length]!;
    return { lineId: String(l + 1), ...priceLine({ product, quantity: 1 + ((i + l) % 2), selection: defaultSelection(product) }), refundedQuantity: 0 };
  });
  const totals = orderTotals(lines, i % 10 === 0 ? { kind: 'percent', bps: 1_000 } : undefined, { rateBps: 800, inclusive: false });
  const tenders: Tender[] = i % 2 === 0 ? [{ kind: 'card', amountCents: totals.totalCents }] : [{ kind: 'cash', amountCents: Math.ceil(totals.totalCents / 500) * 500 }];
  const minute = 6 * 60 + Math.floor((i * 720) / 10_000);
  const at = new Date(`${businessDate}T${String(Math.floor(minute / 60)).padStart(2, '0')}:${String(minute % 60).padStart(2, '0')}:00`);
  let order = newOrder({
    orderId: ulid(),
    terminalId: `T${1 + (i % 2)}`,
    seq: i + 1,
    at,
    by: staff[i % staff.length]!,
    lines,
    totals,
    shop: { taxRateBps: 800, taxInclusive: false, loyalty: { earnPointsPerDollar: 1, redeemBlockPoints: 60, redeemBlockValueCents: 200 } },
    tenders,
    settlement: settle(totals.totalCents, tenders),
  });
  order = { ...order, businessDate, status: 'completed' };
  const by = order.createdBy;
  if (i % 40 === 0) {
    const amount = lineRefundCents(lineAllocations(order)[0]!, lines[0]!.quantity, 0, 1);
    order = { ...order, lines: order.lines.map((l, n) => (n === 0 ? { ...l, refundedQuantity: 1 } : l)), refunds: [{ refundId: `r${i}`, at: order.createdAt, by, reason: 'cold', amountCents: amount, lines: [{ lineId: '1', quantity: 1 }] }], refundedCents: amount };
  } else if (i % 97 === 0) {
    const cancelAt = order.createdAt;
    order = {
      ...order,
      status: 'cancelled',
      statusHistory: [...order.statusHistory, { status: 'cancelled', at: cancelAt, by, reason: 'left' }],
      refunds: [{ refundId: `c${i}`, at: cancelAt, by, reason: 'Cancelled: left', amountCents: order.totalCents, lines: [] }],
      refundedCents: order.totalCents,
      lines: order.lines.map((l) => ({ ...l, refundedQuantity: l.quantity })),
    };
  }
  return order;
}

/** BatchWrite, 25 at a time and a few requests in flight, retrying what comes back unprocessed. */
async function seed(doc: DynamoDBDocumentClient, table: string, orders: readonly Order[]): Promise<void> {
  const batches: Order[][] = [];
  for (let i = 0; i < orders.length; i += 25) batches.push(orders.slice(i, i + 25));
  let next = 0;
  const worker = async () => {
    while (next < batches.length) {
      let items: Record<string, unknown> | undefined = { [table]: batches[next++]!.map((Item) => ({ PutRequest: { Item } })) };
      while (items && Object.keys(items).length > 0) items = (await doc.send(new BatchWriteCommand({ RequestItems: items as never }))).UnprocessedItems;
    }
  };
  await Promise.all(Array.from({ length: 4 }, worker));
}

async function pooled<T>(items: readonly string[], work: (item: string) => Promise<T>): Promise<T[]> {
  const out: T[] = new Array(items.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: PARALLEL_DAYS }, async () => {
      while (next < items.length) {
        const i = next++;
        out[i] = await work(items[i]!);
      }
    }),
  );
  return out;
}

export async function runReportsBench(log: (line: string) => void = () => {}): Promise<ReportsBenchResult> {
  return withBenchCafe(
    async ({ config, doc }) => {
      const tables: TableNames = config.tables;
      const categories = Object.fromEntries(products.map((p) => [p.productId, p.category]));
      const reports = createReportsService({ doc, tables, categories: async () => categories, timeZone: Intl.DateTimeFormat().resolvedOptions().timeZone, parallelDays: PARALLEL_DAYS });

      log(`Seeding ${DAY.orders} orders on ${DAY.date}…`);
      const dayOrders = Array.from({ length: DAY.orders }, (_, i) => fakeOrder(DAY.date, i));
      await seed(doc, tables.Orders, dayOrders);
      const monthDates = businessDatesBetween(MONTH.from, MONTH.to);
      log(`Seeding ${MONTH.ordersPerDay} orders on each of ${monthDates.length} days…`);
      for (const date of monthDates) await seed(doc, tables.Orders, Array.from({ length: MONTH.ordersPerDay }, (_, i) => fakeOrder(date, i)));

      // What one day's report reads, in read units (DynamoDB's own count).
      let readUnits = 0;
      let page: Record<string, unknown> | undefined;
      do {
        const out = await doc.send(new QueryCommand({ ...dayQuery(tables, DAY.date), ExclusiveStartKey: page, ReturnConsumedCapacity: 'TOTAL' }));
        readUnits += out.ConsumedCapacity?.CapacityUnits ?? 0;
        page = out.LastEvaluatedKey;
      } while (page);

      let last: SalesReport | undefined;
      const checkDay = (count: number) => {
        if (count !== DAY.orders) throw new Error(`Read ${count} orders, not ${DAY.orders}.`);
      };
      log('Timing the day…');
      const daySides: [() => () => Promise<void>, () => () => Promise<void>] = [
          () => async () => {
            const view = await reports.sales({ from: DAY.date, to: DAY.date });
            last = view.report;
            checkDay(view.report.orderCount + view.report.cancelledCount);
          },
          () => async () => checkDay((await queryAll<Order>(doc, dayQuery(tables, DAY.date))).length),
      ];
      // One untimed run of each first: the JIT warms up on both sides alike.
      for (const side of daySides) await side()();
      const [dayReport, dayRaw] = await interleave(daySides, { blocks: 3, perBlock: 1, log });
      const monthTotal = monthDates.length * MONTH.ordersPerDay;
      const checkMonth = (count: number) => {
        if (count !== monthTotal) throw new Error(`Read ${count} orders, not ${monthTotal}.`);
      };
      log('Timing the month…');
      const [monthReport, monthRaw] = await interleave(
        [
          () => async () => {
            const { report } = await reports.sales({ from: MONTH.from, to: MONTH.to });
            checkMonth(report.orderCount + report.cancelledCount);
          },
          () => async () => checkMonth((await pooled(monthDates, (date) => queryAll<Order>(doc, dayQuery(tables, date)))).reduce((s, d) => s + d.length, 0)),
        ],
        { blocks: 3, perBlock: 1, log },
      );
      const day = { report: stats(dayReport), raw: stats(dayRaw) };
      const month = { report: stats(monthReport), raw: stats(monthRaw) };
      const dayRatio = day.report.medianMs / day.raw.medianMs;
      const monthRatio = month.report.medianMs / month.raw.medianMs;
      return {
        day: { orders: DAY.orders, ...day, ratio: dayRatio, readUnits, netSalesCents: last?.netSalesCents ?? 0 },
        month: { orders: monthTotal, ...month, ratio: monthRatio },
        pass: dayRatio <= DAY_TARGET_RATIO && monthRatio <= MONTH_TARGET_RATIO,
      };
    },
    { log },
  );
}

export function formatReportsBench(r: ReportsBenchResult): string {
  const ms = (s: Stats) => `${s.medianMs.toFixed(0).padStart(7)} ms median (p95 ${s.p95Ms.toFixed(0)})`;
  return [
    `Day of ${r.day.orders} orders (Z-style report): report ${ms(r.day.report)}  vs raw paged Query ${ms(r.day.raw)}  ratio ${r.day.ratio.toFixed(2)} (target ≤ ${DAY_TARGET_RATIO})`,
    `  reads ${r.day.readUnits.toFixed(1)} read units (eventually consistent, GSI) — ${(r.day.readUnits / r.day.orders).toFixed(3)} per order; net sales ${(r.day.netSalesCents / 100).toFixed(2)}`,
    `31 days, ${r.month.orders} orders: report ${ms(r.month.report)}  vs raw paged Queries ${ms(r.month.raw)}  ratio ${r.month.ratio.toFixed(2)} (target ≤ ${MONTH_TARGET_RATIO}); both read ${PARALLEL_DAYS} days at a time`,
    `${r.pass ? 'PASS' : 'MISS'}`,
  ].join('\n');
}

if (isEntryPoint(import.meta.url)) {
  runReportsBench((line) => console.error(line))
    .then((r) => console.log(formatReportsBench(r)))
    .catch((error: unknown) => {
      console.error('Reports benchmark failed:', error);
      process.exitCode = 1;
    });
}
