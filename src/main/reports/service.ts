import { QueryCommand, type DynamoDBDocumentClient, type QueryCommandInput, type QueryCommandOutput } from '@aws-sdk/lib-dynamodb';
import type { Order } from '../../shared/orders';
import { businessDatesBetween, emptyReport, mergeReports, rangeProblem, salesReport, type ReportRange, type SalesReport, type SalesReportOptions, type SalesReportView } from '../../shared/reports';
import { ordersCsv } from '../../shared/reports-csv';
import { AppError } from '../../shared/result';
import { queryAll } from '../data/client';
import { INDEX, type TableNames } from '../data/schema';
import { createZReports } from './z-reports';

/**
 * Sales reports for managers: a range of business days, read one day's partition of the date
 * index at a time (paged Query, never a Scan), each day summed on its own and the days merged,
 * so memory holds one day's orders, not a month's.
 */

export interface ReportsDeps {
  doc: DynamoDBDocumentClient;
  tables: TableNames;
  /** Category by product id, archived products included: order lines carry no category. */
  categories: () => Promise<Record<string, string>>;
  /** The shop's time zone; business dates are the till's local days (businessDateOf), so is this. */
  timeZone?: string;
  now?: () => Date;
  /**
   * This till's orders of a day not in the cloud yet: they count, as they do on the board, so a
   * report made right after a sale (or offline for a moment) isn't short by it.
   */
  unsent?: (businessDate: string) => Order[];
  /** Days read at once: a month of days costs about a few days' wait, not 31 in a row. */
  parallelDays?: number;
}

/**
 * The date index's partition value for a business day. Today the day itself; a chain of cafés
 * will put its store in front (`<store>#<date>`, DESIGN §8), and this is the one place that changes.
 */
export const datePartition = (businessDate: string) => businessDate;

/**
 * Orders per page. DynamoDB would send up to 1 MB (~650 orders); a smaller page keeps each request
 * well inside the client's 3 s timeout (which is how the till notices it is offline) on a slow link
 * or a busy emulator. Read units don't change: they are counted on the bytes read.
 */
export const REPORT_PAGE_ITEMS = 250;

/** The paged Query that reads one business day's orders (optionally one till's) from the date index. */
export function dayQuery(tables: TableNames, businessDate: string, terminalId?: string): QueryCommandInput {
  return {
    TableName: tables.Orders,
    IndexName: INDEX.ordersByDate,
    KeyConditionExpression: 'businessDate = :date',
    ExpressionAttributeValues: { ':date': datePartition(businessDate), ...(terminalId && { ':till': terminalId }) },
    Limit: REPORT_PAGE_ITEMS,
    ...(terminalId && { FilterExpression: 'terminalId = :till' }),
  };
}

/** Runs `work` over `items`, at most `limit` at a time, keeping the results in order. */
async function pooled<T, R>(items: readonly T[], limit: number, work: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      results[i] = await work(items[i]!);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}

export function checkRange({ from, to }: ReportRange): string[] {
  const problem = rangeProblem(from, to);
  if (problem) throw new AppError('VALIDATION', problem, { fields: [{ path: 'to', message: problem }] });
  return businessDatesBetween(from, to);
}

export function createReportsService({ doc, tables, categories, unsent = () => [], timeZone = Intl.DateTimeFormat().resolvedOptions().timeZone, now = () => new Date(), parallelDays = 4 }: ReportsDeps) {
  async function dayOrders(date: string, terminalId?: string): Promise<Order[]> {
    const cloud = await queryAll<Order>(doc, dayQuery(tables, date, terminalId));
    const local = unsent(date).filter((o) => !terminalId || o.terminalId === terminalId);
    if (local.length === 0) return cloud;
    // This till's copy is the later word for what it hasn't sent (as on the board).
    const mine = new Map(local.map((o) => [o.orderId, o]));
    const merged = cloud.map((o) => mine.get(o.orderId) ?? o);
    const inCloud = new Set(cloud.map((o) => o.orderId));
    return [...merged, ...local.filter((o) => !inCloud.has(o.orderId))].toSorted((a, b) => a.createdAt.localeCompare(b.createdAt));
  }

  /**
   * One day's report, summed page by page while the next page is on its way: the sums hide behind
   * the network's wait, and memory holds a page of orders, not the day's.
   */
  async function dayReport(date: string, options: SalesReportOptions, terminalId?: string): Promise<SalesReport> {
    const local = unsent(date).filter((o) => !terminalId || o.terminalId === terminalId);
    // This till's copy is the later word for what it hasn't sent (as on the board).
    const mine = new Set(local.map((o) => o.orderId));
    const input = dayQuery(tables, date, terminalId);
    let report = salesReport(local, options);
    let next: Promise<QueryCommandOutput> | null = doc.send(new QueryCommand(input));
    while (next) {
      const page: QueryCommandOutput = await next;
      next = page.LastEvaluatedKey ? doc.send(new QueryCommand({ ...input, ExclusiveStartKey: page.LastEvaluatedKey })) : null;
      const orders = (page.Items ?? []) as Order[];
      report = mergeReports(report, salesReport(mine.size > 0 ? orders.filter((o) => !mine.has(o.orderId)) : orders, options));
    }
    return report;
  }

  const { zReports } = createZReports({ doc, tables, dates: checkRange });

  return {
    timeZone,
    zReports,

    async sales(range: ReportRange): Promise<SalesReportView> {
      const dates = checkRange(range);
      const byProduct = await categories();
      const days = await pooled(dates, parallelDays, (date) => dayReport(date, { timeZone, categories: byProduct }, range.terminalId));
      return {
        from: range.from,
        to: range.to,
        terminalId: range.terminalId ?? null,
        timeZone,
        generatedAt: now().toISOString(),
        report: days.reduce(mergeReports, emptyReport()),
      };
    },

    /** The orders themselves as CSV, oldest first, one row per order. */
    async ordersCsv(range: ReportRange): Promise<{ filename: string; csv: string; rows: number }> {
      const dates = checkRange(range);
      const days = await pooled(dates, parallelDays, (date) => dayOrders(date, range.terminalId));
      const orders = days.flat();
      const till = range.terminalId ? `-${range.terminalId}` : '';
      const span = range.from === range.to ? range.from : `${range.from}_to_${range.to}`;
      return { filename: `orders-${span}${till}.csv`, csv: ordersCsv(orders), rows: orders.length };
    },
  };
}

export type ReportsService = ReturnType<typeof createReportsService>;
