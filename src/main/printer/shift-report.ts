import { formatCents, type Cents } from '../../shared/money';
import type { PrinterConfig } from '../../shared/printer';
import { DRAWER_LABEL, type ShiftReport } from '../../shared/shift';
import { encoder, footer, printable, rows, type Encoder, type ReceiptShop } from './receipt';

/**
 * The lines of an X or a Z on paper, the same figures the Drawer screen shows. What a barista is
 * sent is already blind (main left out expected cash, the variance and the tenders), so a barista's
 * print is blind too: this prints what the report has, nothing more.
 */
function layout(e: Encoder, report: ShiftReport, shop: ReceiptShop, config: PrinterConfig): void {
  const money = (cents: Cents) => formatCents(cents, shop.currency, shop.locale);
  const when = (iso: string) => new Date(iso).toLocaleString(shop.locale, { dateStyle: 'medium', timeStyle: 'short' });
  const { drawer, sales, z } = report;
  e.align('center').bold(true).line(printable(shop.shopName)).bold(false);
  e.size(2, 2).line(z ? z.label : 'X REPORT').size(1, 1);
  if (z?.state === 'pending sync') e.bold(true).line('PENDING SYNC').bold(false);
  e.line(printable(`Till ${report.terminalId} · ${report.businessDate}`));
  e.align('left').rule();
  e.line(printable(`Opened ${when(report.openedAt)} · ${report.openedBy.name}`));
  if (z) e.line(printable(`Closed ${when(z.closedAt)} · ${z.closedBy.name}`));
  e.rule({ style: 'single' });
  const cash: [string, string][] = [['Float', money(report.floatCents)]];
  if (drawer) {
    cash.push(
      ['Cash sales', money(drawer.cashSalesCents)],
      ['Change given', money(drawer.changeCents)],
      ['Pay-ins', money(drawer.payInsCents)],
      ['Pay-outs', money(drawer.payOutsCents)],
      ['Cash drops', money(drawer.dropsCents)],
      ['Cash refunds', money(drawer.cashRefundsCents)],
      ['No-sales', String(drawer.noSales)],
    );
  }
  rows(e, config, cash);
  if (drawer) {
    e.bold(true);
    rows(e, config, [['Expected cash', money(z?.expectedCents ?? drawer.expectedCents)]]);
    e.bold(false);
  }
  if (z) {
    const counted: [string, string][] = [['Counted', money(z.countedCents)]];
    if (z.varianceCents !== undefined) counted.push([z.varianceCents < 0 ? 'Short' : z.varianceCents > 0 ? 'Over' : 'Over/short', money(Math.abs(z.varianceCents))]);
    e.bold(true);
    rows(e, config, counted);
    e.bold(false);
    if (z.reason) e.line(printable(`Reason: ${z.reason}`));
  }
  e.rule({ style: 'single' });
  const figures: [string, string][] = sales
    ? [
        ['Orders', String(sales.orders)],
        ['Gross', money(sales.grossCents)],
        ['Discounts', money(sales.discountCents)],
        ['Tax', money(sales.taxCents)],
        ['Refunds', money(sales.refundsCents)],
      ]
    : [];
  if (sales?.cashCents !== undefined) figures.push(['Cash taken', money(sales.cashCents)]);
  if (sales?.cardCents !== undefined) figures.push(['Card taken', money(sales.cardCents)]);
  if (report.report) {
    figures.push(['Net sales', money(report.report.netSalesCents)], ['Average ticket', money(report.report.averageTicketCents)], ['Cancellations', money(report.report.cancellationsCents)]);
    figures.push(...report.report.byCategory.map((c): [string, string] => [`  ${c.category}`, money(c.netSalesCents)]));
  }
  rows(e, config, figures);
  if (report.movements.length > 0) {
    e.rule({ style: 'single' });
    for (const m of report.movements) {
      rows(e, config, [[`${DRAWER_LABEL[m.kind]}: ${m.reason}`, m.kind === 'noSale' ? '' : money(m.amountCents)]]);
    }
  }
  if (report.openOrders.length > 0) e.line(printable(`Carried to the next shift: ${report.openOrders.map((o) => o.ticket).join(', ')}`));
  footer(e, { footer: '' });
}

/** The bytes of an X or a Z on the till's thermal printer: the receipt's encoder, code pages and width. */
export function encodeShiftReport(report: ShiftReport, shop: ReceiptShop, config: PrinterConfig): Uint8Array {
  const e = encoder(config, [JSON.stringify(report), shop.shopName, formatCents(0, shop.currency, shop.locale), new Date(report.openedAt).toLocaleString(shop.locale)].join(''));
  layout(e, report, shop, config);
  return e.cut().encode();
}
