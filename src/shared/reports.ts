import { shipperCash, type ShipperCash } from './delivery';
import type { Cents } from './money';
import { lineAllocations, ORDER_TYPES, paysOnDelivery, unpaidOnDelivery, type Order, type OrderType, type Refund } from './orders';
import { divideRoundHalfUp, type Tender } from './pricing';

/**
 * Sales figures from orders: what the Reports screen shows and what a shift's X/Z prints. Pure
 * and integer cents, so main, the renderer and the tests compute the same numbers.
 *
 * How each order enters (consistent with pricing.ts, where tax is rounded once per order):
 * - gross sales: the order's subtotal (lines as rung, before discounts; tax included when the shop's
 *   tax is inclusive). discounts: line + order discounts + loyalty rewards. charged: the order's
 *   total (after discounts, with exclusive tax added) — what the tenders paid net of change.
 * - refunds and cancellations: money given back, tax included. A refund made at the moment the
 *   order was cancelled (same timestamp as the `cancelled` status change) is a cancellation;
 *   every other refund is a refund. Money back counts on the order's business date, not the day
 *   it was given back: a report of a day is that day's sales as they stand now.
 * - what the shop keeps of an order is kept = total − refunded. Its tax is the order's tax in
 *   proportion, rounded half-up once per order (round(tax · kept / total)), so a fully refunded or
 *   cancelled order keeps no tax and an untouched order keeps all of it. Net sales = kept − tax
 *   kept: after discounts, refunds and cancellations, before tax.
 * - tenders: per kind, taken (amounts handed over), change (only cash gives any), refunded (money
 *   back by that tender; refunds recorded before refunds carried tenders are attributed to the
 *   order's tenders in the order they were taken, each at most what it took net of change), and
 *   net = taken − change − refunded.
 *
 * Hence, for any set of orders:
 *   Σ tenders.net = charged − refunds − cancellations = net sales + tax
 *   Σ items.net = Σ categories.net = Σ hours.net = Σ staff.net = Σ days.net = Σ tills.net = net sales
 * Items split an order's net sales by each line's share of what was paid (lineAllocations, as
 * refunds do) less the units refunded, by largest remainder so the split is exact.
 *
 * Every table is keyed and sorted by key, and every figure is a sum (average ticket is derived
 * from sums), so mergeReports(report(A), report(B)) equals report(A ∪ B) for disjoint A and B:
 * a 31-day report is built from per-day reports.
 */

/** A report's tender rows: the counter's tenders, and cash on delivery (paid to the shipper, not the till). */
export type TenderKind = Tender['kind'] | 'cashOnDelivery';

export interface ItemRow {
  productId: string;
  name: string;
  category: string;
  /** Units rung, including those later refunded or cancelled. */
  quantity: number;
  refundedQuantity: number;
  netSalesCents: Cents;
}

export interface CategoryRow {
  category: string;
  quantity: number;
  refundedQuantity: number;
  netSalesCents: Cents;
}

export interface HourRow {
  /** 0–23 in the shop's time zone, of the moment the order was placed. */
  hour: number;
  orders: number;
  netSalesCents: Cents;
}

export interface StaffRow {
  userId: string;
  name: string;
  orders: number;
  netSalesCents: Cents;
}

export interface TenderRow {
  kind: TenderKind;
  /** Tenders of this kind taken. */
  count: number;
  takenCents: Cents;
  changeCents: Cents;
  refundedCents: Cents;
  /** taken − change − refunded. */
  netCents: Cents;
}

/** Sales by order type: For here, To go, Pickup, Delivery (delivery fees included in its net). */
export interface OrderTypeRow {
  orderType: OrderType;
  orders: number;
  netSalesCents: Cents;
  /** Delivery fees charged, before refunds. */
  feesCents: Cents;
}

export interface TillRow {
  terminalId: string;
  orders: number;
  netSalesCents: Cents;
  taxCents: Cents;
}

export interface DayRow {
  businessDate: string;
  orders: number;
  netSalesCents: Cents;
  taxCents: Cents;
}

export interface SalesReport {
  /** Orders not cancelled (refunded ones included). */
  orderCount: number;
  cancelledCount: number;
  /** Refunds given, not counting cancellations. */
  refundCount: number;
  grossSalesCents: Cents;
  discountsCents: Cents;
  chargedCents: Cents;
  refundsCents: Cents;
  cancellationsCents: Cents;
  netSalesCents: Cents;
  taxCents: Cents;
  /** (net sales + tax) / order count, rounded half-up; 0 with no orders. */
  averageTicketCents: Cents;
  pointsEarned: number;
  /** Earned points taken back by refunds. */
  pointsReversed: number;
  pointsRedeemed: number;
  /** Redeemed points given back to customers by full refunds and cancels. */
  pointsReturned: number;
  tenders: TenderRow[];
  byCategory: CategoryRow[];
  byItem: ItemRow[];
  /** Always 24 rows, 0–23. */
  byHour: HourRow[];
  byStaff: StaffRow[];
  byDay: DayRow[];
  byTill: TillRow[];
  /** In ORDER_TYPES order, only the types sold. */
  byOrderType: OrderTypeRow[];
  /** Cash on delivery each shipper collected, handed in, and still owes. */
  shippers: ShipperCash[];
}

export interface SalesReportOptions {
  /** IANA time zone the hours are read in: the shop's (businessDateOf uses the till's local time). */
  timeZone: string;
  /** Category by product id; order lines carry no category, so the catalogue supplies it. */
  categories?: Readonly<Record<string, string>>;
}

export const UNCATEGORIZED = 'Uncategorized';
const TENDER_ORDER: readonly TenderKind[] = ['cash', 'card', 'cashOnDelivery'];

export function emptyReport(): SalesReport {
  return {
    orderCount: 0,
    cancelledCount: 0,
    refundCount: 0,
    grossSalesCents: 0,
    discountsCents: 0,
    chargedCents: 0,
    refundsCents: 0,
    cancellationsCents: 0,
    netSalesCents: 0,
    taxCents: 0,
    averageTicketCents: 0,
    pointsEarned: 0,
    pointsReversed: 0,
    pointsRedeemed: 0,
    pointsReturned: 0,
    tenders: [],
    byCategory: [],
    byItem: [],
    byHour: Array.from({ length: 24 }, (_, hour) => ({ hour, orders: 0, netSalesCents: 0 })),
    byStaff: [],
    byDay: [],
    byTill: [],
    byOrderType: [],
    shippers: [],
  };
}

/** Splits `total` in proportion to non-negative weights, exactly, by largest remainder. */
export function allocate(total: Cents, weights: readonly number[]): Cents[] {
  const sum = weights.reduce((a, b) => a + b, 0);
  if (sum <= 0) return weights.map(() => 0);
  const shares = weights.map((w) => Math.floor((w * total) / sum));
  let left = total - shares.reduce((a, b) => a + b, 0);
  const byRemainder = weights.map((w, i) => [(w * total) % sum, i] as const).toSorted((a, b) => b[0] - a[0] || a[1] - b[1]);
  for (const [, i] of byRemainder) {
    if (left <= 0) break;
    shares[i]!++;
    left--;
  }
  return shares;
}

const hourFormats = new Map<string, { format: Intl.DateTimeFormat; byQuarter: Map<string, number> }>();
/**
 * The hour of a moment in a time zone. Every zone's offset is a whole number of quarter-hours, so
 * the local hour can only change on a UTC quarter-hour: cached per UTC quarter-hour, a day's
 * orders cost ~100 Intl calls instead of one each (Intl was most of a report's own time).
 */
function hourIn(iso: string, timeZone: string): number {
  let zone = hourFormats.get(timeZone);
  if (!zone) {
    zone = { format: new Intl.DateTimeFormat('en-US', { timeZone, hour: 'numeric', hourCycle: 'h23' }), byQuarter: new Map() };
    hourFormats.set(timeZone, zone);
  }
  // createdAt is toISOString(): "2026-03-02T14:05:00.000Z".
  const utc = iso.length === 24 && iso.endsWith('Z');
  const quarter = utc ? `${iso.slice(0, 13)}#${Math.floor(Number(iso.slice(14, 16)) / 15)}` : null;
  let hour = quarter === null ? undefined : zone.byQuarter.get(quarter);
  if (hour === undefined) {
    hour = Number(zone.format.format(new Date(iso)));
    if (!Number.isInteger(hour) || hour < 0 || hour > 23) hour = 0;
    if (quarter !== null) {
      if (zone.byQuarter.size > 100_000) zone.byQuarter.clear();
      zone.byQuarter.set(quarter, hour);
    }
  }
  return hour;
}

/** Whether a time zone is one Intl knows: a report in an unknown zone is refused, not guessed. */
export function isTimeZone(timeZone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone });
    return true;
  } catch {
    return false;
  }
}

/**
 * The change given against each tender: its own record when tenders carry it, else the order's
 * change against its cash tenders, last first (only cash gives change).
 */
export function changePerTender(order: Pick<Order, 'tenders' | 'changeCents'>): Cents[] {
  if (order.tenders.some((t) => t.changeCents !== undefined)) return order.tenders.map((t) => t.changeCents ?? 0);
  const change = order.tenders.map(() => 0);
  let rest = order.changeCents;
  for (let i = order.tenders.length - 1; i >= 0 && rest > 0; i--) {
    const tender = order.tenders[i]!;
    if (tender.kind !== 'cash') continue;
    change[i] = Math.min(rest, tender.amountCents);
    rest -= change[i]!;
  }
  return change;
}

type TenderBack = { kind: TenderKind; amountCents: Cents };
/** A refund, with the tenders it went back by once refunds carry them. */
type RefundWithTenders = Refund & { tenders?: readonly TenderBack[] };

/** Each refund's money back by tender: its own record when it has one, else the order's tenders in turn. */
function refundTenders(order: Order, refunds: readonly RefundWithTenders[]): TenderBack[] {
  const out: TenderBack[] = [];
  const change = changePerTender(order);
  const left = order.tenders.map((t, i) => ({ kind: t.kind, cents: t.amountCents - change[i]! }));
  const recorded = refunds.flatMap((r) => r.tenders ?? []);
  for (const back of recorded) {
    let rest = back.amountCents;
    for (const slot of left) {
      if (slot.kind !== back.kind || rest <= 0) continue;
      const take = Math.min(slot.cents, rest);
      slot.cents -= take;
      rest -= take;
    }
    out.push({ kind: back.kind, amountCents: back.amountCents });
  }
  for (const refund of refunds) {
    if (refund.tenders) continue;
    let rest = refund.amountCents;
    for (const slot of left) {
      if (rest <= 0) break;
      const take = Math.min(slot.cents, rest);
      if (take <= 0) continue;
      slot.cents -= take;
      rest -= take;
      out.push({ kind: slot.kind, amountCents: take });
    }
    // Money back beyond what the tenders took can't be attributed; cash is where it would come from.
    if (rest > 0) out.push({ kind: 'cash', amountCents: rest });
  }
  return out;
}

class Table<Row> {
  readonly rows = new Map<string, Row>();
  constructor(
    private readonly blank: (key: string) => Row,
    private readonly add: (into: Row, from: Row) => void,
  ) {}
  at(key: string): Row {
    let row = this.rows.get(key);
    if (!row) {
      row = this.blank(key);
      this.rows.set(key, row);
    }
    return row;
  }
  merge(key: string, row: Row): void {
    this.add(this.at(key), row);
  }
  sorted(): Row[] {
    return [...this.rows.entries()].toSorted(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, row]) => row);
  }
}

const KEY_SEP = '\u0000';
const itemKey = (r: Pick<ItemRow, 'productId' | 'name'>) => `${r.productId}${KEY_SEP}${r.name}`;
const staffKey = (r: Pick<StaffRow, 'userId' | 'name'>) => `${r.userId}${KEY_SEP}${r.name}`;
const typeKey = (type: OrderType) => String(ORDER_TYPES.indexOf(type));
const tenderKey = (kind: TenderKind) => String(TENDER_ORDER.indexOf(kind) >= 0 ? TENDER_ORDER.indexOf(kind) : 9) + kind;

const addDay = (into: Omit<DayRow, 'businessDate'>, from: Omit<DayRow, 'businessDate'>) => {
  into.orders += from.orders;
  into.netSalesCents += from.netSalesCents;
  into.taxCents += from.taxCents;
};

function tables() {
  const qty = (into: { quantity: number; refundedQuantity: number; netSalesCents: Cents }, from: typeof into) => {
    into.quantity += from.quantity;
    into.refundedQuantity += from.refundedQuantity;
    into.netSalesCents += from.netSalesCents;
  };
  return {
    items: new Table<ItemRow>((key) => {
      const [productId = '', name = ''] = key.split(KEY_SEP);
      return { productId, name, category: UNCATEGORIZED, quantity: 0, refundedQuantity: 0, netSalesCents: 0 };
    }, qty),
    categories: new Table<CategoryRow>((category) => ({ category, quantity: 0, refundedQuantity: 0, netSalesCents: 0 }), qty),
    staff: new Table<StaffRow>(
      (key) => {
        const [userId = '', name = ''] = key.split(KEY_SEP);
        return { userId, name, orders: 0, netSalesCents: 0 };
      },
      (into, from) => {
        into.orders += from.orders;
        into.netSalesCents += from.netSalesCents;
      },
    ),
    tenders: new Table<TenderRow>(
      (key) => ({ kind: key.slice(1) as TenderKind, count: 0, takenCents: 0, changeCents: 0, refundedCents: 0, netCents: 0 }),
      (into, from) => {
        into.count += from.count;
        into.takenCents += from.takenCents;
        into.changeCents += from.changeCents;
        into.refundedCents += from.refundedCents;
        into.netCents += from.netCents;
      },
    ),
    days: new Table<DayRow>((businessDate) => ({ businessDate, orders: 0, netSalesCents: 0, taxCents: 0 }), addDay),
    tills: new Table<TillRow>((terminalId) => ({ terminalId, orders: 0, netSalesCents: 0, taxCents: 0 }), addDay),
    // Keyed by the type's place in ORDER_TYPES, so sorting the keys reads For here first.
    types: new Table<OrderTypeRow>(
      (key) => ({ orderType: ORDER_TYPES[Number(key)]!, orders: 0, netSalesCents: 0, feesCents: 0 }),
      (into, from) => {
        into.orders += from.orders;
        into.netSalesCents += from.netSalesCents;
        into.feesCents += from.feesCents;
      },
    ),
  };
}

/** The tables, sorted for reading, and the average ticket: the last step of building a report either way. */
function finish(report: SalesReport, t: ReturnType<typeof tables>): SalesReport {
  report.tenders = t.tenders.sorted();
  report.byItem = t.items.sorted();
  report.byCategory = t.categories.sorted();
  report.byStaff = t.staff.sorted();
  report.byDay = t.days.sorted();
  report.byTill = t.tills.sorted();
  report.byOrderType = t.types.sorted();
  report.averageTicketCents = report.orderCount > 0 ? divideRoundHalfUp(report.netSalesCents + report.taxCents, report.orderCount) : 0;
  return report;
}

/** The sales figures of a set of orders (each order once). */
export function salesReport(orders: readonly Order[], options: SalesReportOptions): SalesReport {
  const report = emptyReport();
  const t = tables();
  const categoryOf = (productId: string) => options.categories?.[productId] ?? UNCATEGORIZED;

  for (const order of orders) {
    const cancelled = order.status === 'cancelled';
    const cancelAt = cancelled ? order.statusHistory.findLast((s) => s.status === 'cancelled')?.at : undefined;
    report.grossSalesCents += order.subtotalCents;
    report.discountsCents += order.discountCents;
    report.chargedCents += order.totalCents;
    for (const refund of order.refunds) {
      if (cancelAt !== undefined && refund.at === cancelAt) report.cancellationsCents += refund.amountCents;
      else {
        report.refundsCents += refund.amountCents;
        report.refundCount++;
      }
    }
    if (cancelled) report.cancelledCount++;
    else report.orderCount++;

    const refunded = order.refunds.reduce((sum, r) => sum + r.amountCents, 0);
    const kept = order.totalCents - refunded;
    const taxKept = order.totalCents > 0 ? divideRoundHalfUp(order.taxCents * kept, order.totalCents) : 0;
    const netKept = kept - taxKept;
    report.netSalesCents += netKept;
    report.taxCents += taxKept;

    report.pointsEarned += order.pointsEarned ?? 0;
    report.pointsReversed += order.pointsReversed ?? 0;
    report.pointsRedeemed += order.pointsRedeemed ?? 0;
    if (order.pointsReturned) report.pointsReturned += order.pointsRedeemed ?? 0;

    // Cash on delivery takes no tender at the counter: the order's total is what the shipper
    // collects, so it is its own tender row and the tenders still add up to net sales + tax. One
    // cancelled before any cash was collected took nothing: no row.
    if (paysOnDelivery(order) && order.totalCents > 0 && !(cancelled && unpaidOnDelivery(order))) {
      const row = t.tenders.at(tenderKey('cashOnDelivery'));
      row.count++;
      row.takenCents += order.totalCents;
      row.netCents += order.totalCents;
    }
    const changes = changePerTender(order);
    for (const [i, tender] of order.tenders.entries()) {
      const row = t.tenders.at(tenderKey(tender.kind));
      const change = changes[i]!;
      row.count++;
      row.takenCents += tender.amountCents;
      row.changeCents += change;
      row.netCents += tender.amountCents - change;
    }
    for (const back of refundTenders(order, order.refunds)) {
      const row = t.tenders.at(tenderKey(back.kind));
      row.refundedCents += back.amountCents;
      row.netCents -= back.amountCents;
    }

    // Each line's weight: its share of what was paid, less what its refunded units returned.
    const allocations = lineAllocations(order);
    let weights = order.lines.map((line, i) => {
      const alloc = allocations[i]!;
      return Math.max(0, alloc - (line.quantity > 0 ? divideRoundHalfUp(alloc * line.refundedQuantity, line.quantity) : 0));
    });
    if (netKept !== 0 && weights.every((w) => w === 0)) weights = order.lines.map((l) => Math.max(0, l.netCents));
    if (netKept !== 0 && weights.every((w) => w === 0) && order.lines.length > 0) weights = order.lines.map((_, i) => (i === 0 ? 1 : 0));
    const lineNets = allocate(netKept, weights);
    let allocated = 0;
    for (const [i, line] of order.lines.entries()) {
      const category = categoryOf(line.productId);
      const net = lineNets[i]!;
      allocated += net;
      const item = t.items.at(itemKey(line));
      item.category = category;
      item.quantity += line.quantity;
      item.refundedQuantity += line.refundedQuantity;
      item.netSalesCents += net;
      const cat = t.categories.at(category);
      cat.quantity += line.quantity;
      cat.refundedQuantity += line.refundedQuantity;
      cat.netSalesCents += net;
    }
    if (allocated !== netKept) {
      // An order with no lines but money kept: its net still has to show somewhere.
      t.items.at(itemKey({ productId: '', name: '(no item)' })).netSalesCents += netKept - allocated;
      t.categories.at(UNCATEGORIZED).netSalesCents += netKept - allocated;
    }

    const counts = cancelled ? 0 : 1;
    const hour = report.byHour[hourIn(order.createdAt, options.timeZone)]!;
    hour.orders += counts;
    hour.netSalesCents += netKept;
    const staff = t.staff.at(staffKey({ userId: order.createdBy.userId, name: order.createdBy.name }));
    staff.orders += counts;
    staff.netSalesCents += netKept;
    const day = t.days.at(order.businessDate);
    day.orders += counts;
    day.netSalesCents += netKept;
    day.taxCents += taxKept;
    const till = t.tills.at(order.terminalId);
    till.orders += counts;
    till.netSalesCents += netKept;
    till.taxCents += taxKept;
    const type = t.types.at(typeKey(order.orderType ?? 'forHere'));
    type.orders += counts;
    type.netSalesCents += netKept;
    type.feesCents += order.delivery?.feeCents ?? 0;
  }

  report.shippers = shipperCash(orders);
  return finish(report, t);
}

/** The report of two disjoint sets of orders, from their reports. */
export function mergeReports(a: SalesReport, b: SalesReport): SalesReport {
  const report = emptyReport();
  const sums = [
    'orderCount',
    'cancelledCount',
    'refundCount',
    'grossSalesCents',
    'discountsCents',
    'chargedCents',
    'refundsCents',
    'cancellationsCents',
    'netSalesCents',
    'taxCents',
    'pointsEarned',
    'pointsReversed',
    'pointsRedeemed',
    'pointsReturned',
  ] as const;
  for (const key of sums) report[key] = a[key] + b[key];
  const t = tables();
  for (const r of [...a.tenders, ...b.tenders]) t.tenders.merge(tenderKey(r.kind), r);
  for (const r of [...a.byItem, ...b.byItem]) {
    t.items.merge(itemKey(r), r);
    t.items.at(itemKey(r)).category = r.category;
  }
  for (const r of [...a.byCategory, ...b.byCategory]) t.categories.merge(r.category, r);
  for (const r of [...a.byStaff, ...b.byStaff]) t.staff.merge(staffKey(r), r);
  for (const r of [...a.byDay, ...b.byDay]) t.days.merge(r.businessDate, r);
  for (const r of [...a.byTill, ...b.byTill]) t.tills.merge(r.terminalId, r);
  for (const r of [...a.byOrderType, ...b.byOrderType]) t.types.merge(typeKey(r.orderType), r);
  const shippers = new Map<string, ShipperCash>();
  for (const r of [...a.shippers, ...b.shippers]) {
    const row = shippers.get(r.userId) ?? { ...r, deliveries: 0, collectedCents: 0, settledCents: 0, owedCents: 0 };
    row.deliveries += r.deliveries;
    row.collectedCents += r.collectedCents;
    row.settledCents += r.settledCents;
    row.owedCents += r.owedCents;
    shippers.set(r.userId, row);
  }
  report.shippers = [...shippers.values()].toSorted((x, y) => x.name.localeCompare(y.name));
  for (const r of [...a.byHour, ...b.byHour]) {
    const hour = report.byHour[r.hour]!;
    hour.orders += r.orders;
    hour.netSalesCents += r.netSalesCents;
  }
  return finish(report, t);
}

/** A report covers at most this many business days: a month, read day by day. */
export const MAX_REPORT_DAYS = 31;

/** Whether YYYY-MM-DD is a real calendar date (2026-02-30 is not). */
export function isCalendarDate(date: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(date)) return false;
  const at = new Date(`${date}T00:00:00Z`);
  return !Number.isNaN(at.getTime()) && at.toISOString().slice(0, 10) === date;
}

/** Every business date from `from` to `to`, both included (calendar arithmetic, no time zone). */
export function businessDatesBetween(from: string, to: string): string[] {
  const dates: string[] = [];
  for (let at = Date.parse(`${from}T00:00:00Z`), end = Date.parse(`${to}T00:00:00Z`); at <= end; at += 86_400_000) {
    dates.push(new Date(at).toISOString().slice(0, 10));
  }
  return dates;
}

/** What is wrong with a report's range, in words, or null when it can be read. */
export function rangeProblem(from: string, to: string): string | null {
  if (!isCalendarDate(from)) return `The start date “${from}” isn’t a date: dates look like 2026-11-25.`;
  if (!isCalendarDate(to)) return `The end date “${to}” isn’t a date: dates look like 2026-11-25.`;
  if (from > to) return `The start date ${from} is after the end date ${to}.`;
  const days = businessDatesBetween(from, to).length;
  if (days > MAX_REPORT_DAYS) return `${from} to ${to} is ${days} days; a report covers at most ${MAX_REPORT_DAYS}. Choose a shorter range.`;
  return null;
}

/** What a report covers: business days from–to, one till or all. */
export interface ReportRange {
  from: string;
  to: string;
  /** One till's orders, or all tills' when absent. */
  terminalId?: string;
}

/** A report as the Reports screen gets it: the figures and what they cover. */
export interface SalesReportView {
  from: string;
  to: string;
  terminalId: string | null;
  /** The zone the hours are read in. */
  timeZone: string;
  generatedAt: string;
  report: SalesReport;
}
