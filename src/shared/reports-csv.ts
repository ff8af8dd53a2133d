import { stringify } from 'csv-stringify/sync';
import { centsToInput, type Cents } from './money';
import { changePerTender, type SalesReport, type TenderKind } from './reports';
import { ORDER_TYPE_LABEL, type Order } from './orders';

/**
 * CSV of the report's tables and of the orders, RFC 4180 (CRLF, quotes doubled, fields with
 * commas, quotes or line breaks quoted) through csv-stringify, so a name like `Noah, "Jr."` or a
 * note with a line break comes back whole in any spreadsheet. Pure: main builds the orders' CSV
 * (it has the orders), the renderer builds the tables' (it has the report).
 *
 * Money is a plain decimal ("12.34", no currency sign) so spreadsheets add it up. A text cell
 * that starts like a formula (= + - @, tab, CR) gets a leading apostrophe: a customer named
 * `=HYPERLINK(…)` must not run in the manager's spreadsheet (OWASP's CSV-injection advice).
 */

export const REPORT_TABLES = ['summary', 'hours', 'categories', 'items', 'staff', 'tenders', 'days', 'tills', 'order types', 'shippers'] as const;
export type ReportTable = (typeof REPORT_TABLES)[number];

type Cell = string | number;

const money = (cents: Cents) => centsToInput(cents);

/** A text cell, defused if a spreadsheet would read it as a formula. */
export function text(value: string): string {
  return /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}

/** One table as RFC 4180 CSV with Windows line ends: every CSV the app writes goes through here. */
export function csv(header: readonly string[], rows: readonly (readonly Cell[])[]): string {
  return stringify([header, ...rows], { record_delimiter: 'windows', quoted_match: /^\s|\s$/ });
}

const hourLabel = (hour: number) => `${String(hour).padStart(2, '0')}:00`;

export function reportTableCsv(report: SalesReport, table: ReportTable): string {
  switch (table) {
    case 'summary':
      return csv(
        ['figure', 'value'],
        [
          ['orders', report.orderCount],
          ['cancelled orders', report.cancelledCount],
          ['refunds given', report.refundCount],
          ['gross sales', money(report.grossSalesCents)],
          ['discounts', money(report.discountsCents)],
          ['charged', money(report.chargedCents)],
          ['refunds', money(report.refundsCents)],
          ['cancellations', money(report.cancellationsCents)],
          ['net sales', money(report.netSalesCents)],
          ['tax', money(report.taxCents)],
          ['average ticket', money(report.averageTicketCents)],
          ['points earned', report.pointsEarned],
          ['points reversed', report.pointsReversed],
          ['points redeemed', report.pointsRedeemed],
          ['points returned', report.pointsReturned],
        ],
      );
    case 'hours':
      return csv(['hour', 'orders', 'net sales'], report.byHour.map((h) => [hourLabel(h.hour), h.orders, money(h.netSalesCents)]));
    case 'categories':
      return csv(['category', 'quantity', 'refunded quantity', 'net sales'], report.byCategory.map((c) => [text(c.category), c.quantity, c.refundedQuantity, money(c.netSalesCents)]));
    case 'items':
      return csv(
        ['product id', 'item', 'category', 'quantity', 'refunded quantity', 'net sales'],
        report.byItem.map((i) => [text(i.productId), text(i.name), text(i.category), i.quantity, i.refundedQuantity, money(i.netSalesCents)]),
      );
    case 'staff':
      return csv(['staff id', 'staff', 'orders', 'net sales'], report.byStaff.map((s) => [text(s.userId), text(s.name), s.orders, money(s.netSalesCents)]));
    case 'tenders':
      return csv(
        ['tender', 'count', 'taken', 'change', 'refunded', 'net'],
        report.tenders.map((t) => [t.kind, t.count, money(t.takenCents), money(t.changeCents), money(t.refundedCents), money(t.netCents)]),
      );
    case 'days':
      return csv(['business date', 'orders', 'net sales', 'tax'], report.byDay.map((d) => [d.businessDate, d.orders, money(d.netSalesCents), money(d.taxCents)]));
    case 'tills':
      return csv(['till', 'orders', 'net sales', 'tax'], report.byTill.map((d) => [text(d.terminalId), d.orders, money(d.netSalesCents), money(d.taxCents)]));
    case 'shippers':
      return csv(
        ['shipper id', 'shipper', 'deliveries', 'cash collected', 'handed in', 'owes'],
        report.shippers.map((r) => [text(r.userId), text(r.name), r.deliveries, money(r.collectedCents), money(r.settledCents), money(r.owedCents)]),
      );
    case 'order types':
      return csv(['order type', 'orders', 'net sales', 'delivery fees'], report.byOrderType.map((r) => [ORDER_TYPE_LABEL[r.orderType], r.orders, money(r.netSalesCents), money(r.feesCents)]));
  }
}

export const ORDER_COLUMNS = [
  'order id',
  'ticket',
  'business date',
  'created at',
  'till',
  'staff',
  'customer',
  'status',
  'items',
  'gross',
  'discounts',
  'tax',
  'total',
  'cash taken',
  'card taken',
  'change',
  'refunded',
  'points earned',
  'points redeemed',
  'order type',
  'delivery fee',
  'shipper',
  'delivery',
  'cash on delivery',
] as const;

function taken(order: Order, kind: TenderKind): Cents {
  return order.tenders.filter((t) => t.kind === kind).reduce((s, t) => s + t.amountCents, 0);
}

/** One row per order; `items` lists each line as "2 × Latte (Oat milk)", one line per item. */
export function ordersCsv(orders: readonly Order[]): string {
  const rows = orders.map((o) => [
    o.orderId,
    o.ticket,
    o.businessDate,
    o.createdAt,
    text(o.terminalId),
    text(o.createdBy.name),
    text(o.customerName ?? ''),
    o.status,
    text(o.lines.map((l) => `${l.quantity} × ${l.name}${l.modifiers.length > 0 ? ` (${l.modifiers.map((m) => m.optionName).join(', ')})` : ''}${l.note ? ` — ${l.note}` : ''}`).join('\n')),
    money(o.subtotalCents),
    money(o.discountCents),
    money(o.taxCents),
    money(o.totalCents),
    money(taken(o, 'cash')),
    money(taken(o, 'card')),
    money(changePerTender(o).reduce((a, b) => a + b, 0)),
    money(o.refunds.reduce((s, r) => s + r.amountCents, 0)),
    o.pointsEarned ?? 0,
    o.pointsRedeemed ?? 0,
    ORDER_TYPE_LABEL[o.orderType ?? 'forHere'],
    money(o.delivery?.feeCents ?? 0),
    text(o.delivery?.shipper?.name ?? ''),
    o.delivery?.status ?? '',
    o.delivery?.payOnDelivery ? money(o.delivery.cashCollectedCents ?? 0) : '',
  ]);
  return csv(ORDER_COLUMNS, rows);
}
