import CodepageEncoder, { type Codepage } from '@point-of-sale/codepage-encoder';
import ReceiptPrinterEncoder from '@point-of-sale/receipt-printer-encoder';
import type { ShopSettings } from '../../shared/menu';
import { formatCents } from '../../shared/money';
import { formatPhone } from '../../shared/customers';
import { ORDER_TYPE_LABEL, type Order, type Refund } from '../../shared/orders';
import { COLUMNS, type PrinterConfig } from '../../shared/printer';

/** What a receipt needs from the shop's settings; taken from the till's last-known copy, never read for a print. */
export type ReceiptShop = Pick<ShopSettings, 'shopName' | 'currency' | 'locale'>;

export const FALLBACK_SHOP: ReceiptShop = { shopName: 'Coffee Cloud', currency: 'USD', locale: 'en-US' };

/**
 * The code pages a receipt may be printed in, first fit wins: PC858 (PC850 with €), which every
 * ESC/POS printer has at ESC t 19 and which covers the accents of Western Europe with € and £, then
 * Central European, Turkish, Cyrillic, Greek, Hebrew; PC437 only in the mix when none fits alone.
 */
const CODEPAGES: readonly Codepage[] = ['cp858', 'cp437', 'cp852', 'cp857', 'cp866', 'cp737', 'cp862', 'windows1252'];
/** Printed by the layout itself, whatever the order says: rules, "1 × Latte", "date · name". */
const LAYOUT_CHARS = '─×·';

const coverage = new Map<Codepage, Set<number>>();
function covers(page: Codepage, chars: readonly number[]): boolean {
  let set = coverage.get(page);
  if (!set) coverage.set(page, (set = new Set(CodepageEncoder.getEncoding(page).codepoints)));
  return chars.every((c) => set.has(c));
}

/**
 * The one code page that prints all of `text`, or 'auto' (switching page character by character)
 * when no single one does. One page for the whole receipt is also ten times faster to encode: the
 * library's 'auto' costs ~3 ms a line, which would hold up the next sale's answer.
 */
export function codepageFor(text: string): Codepage | 'auto' {
  const chars = [...new Set(text + LAYOUT_CHARS)].map((c) => c.codePointAt(0)!).filter((c) => c > 0x7e);
  return CODEPAGES.find((page) => covers(page, chars)) ?? 'auto';
}

/** ESC/POS on Epson's code page numbering, the one nearly every TM clone follows; `text` is everything the receipt will say. */
export function encoder(config: Pick<PrinterConfig, 'paperWidth'>, text: string) {
  return new ReceiptPrinterEncoder({ columns: COLUMNS[config.paperWidth], codepageMapping: 'epson', codepageCandidates: [...CODEPAGES], feedBeforeCut: 4 })
    .initialize()
    .codepage(codepageFor(printable(text)));
}

/**
 * Intl puts no-break and narrow no-break spaces in amounts ("4,50 €"); no printer code page has the
 * narrow one, so both print as plain spaces rather than as "?".
 */
export const printable = (text: string) => text.replace(/[\u00a0\u202f]/g, ' ');

export type Encoder = ReturnType<typeof encoder>;

export function rows(e: Encoder, config: Pick<PrinterConfig, 'paperWidth'>, data: [string, string][]) {
  const amount = 12;
  e.table(
    [
      { width: COLUMNS[config.paperWidth] - amount, align: 'left' },
      { width: amount, align: 'right' },
    ],
    data.map(([left, right]) => [printable(left), printable(right)]),
  );
}

function tenderLabel(t: Order['tenders'][number]): string {
  return t.kind === 'cash' ? 'Cash' : `Card${t.reference ? ` ${t.reference}` : ''}`;
}

function header(e: Encoder, order: Order, shop: ReceiptShop, title?: string) {
  const when = new Date(order.createdAt).toLocaleString(shop.locale, { dateStyle: 'medium', timeStyle: 'short' });
  e.align('center').bold(true).line(printable(shop.shopName)).bold(false);
  // The ticket big: it is what the customer listens for at the counter.
  e.size(2, 2).line(order.ticket).size(1, 1);
  if (title) e.bold(true).line(title).bold(false);
  e.line(printable(`${when} · ${order.createdBy.name}`));
  e.align('left').rule();
}

export function footer(e: Encoder, config: Pick<PrinterConfig, 'footer'>) {
  e.rule();
  if (config.footer) e.align('center').line(printable(config.footer)).align('left');
}

/** The order's type big enough to sort bags by; who and where for pickup and delivery. */
function fulfilmentBlock(e: Encoder, order: Order) {
  e.bold(true).line(ORDER_TYPE_LABEL[order.orderType ?? 'forHere'].toUpperCase()).bold(false);
  if (order.pickup) e.line(printable(`${order.pickup.name}, pickup at ${order.pickup.time}`));
  if (order.delivery) {
    const d = order.delivery;
    e.line(printable(d.name)).line(printable(d.address)).line(formatPhone(d.phone));
    if (d.notes) e.line(printable(`Notes: ${d.notes}`));
    if (d.shipper) e.line(printable(`Shipper: ${d.shipper.name}`));
  }
  e.rule({ style: 'single' });
}

function saleBody(e: Encoder, order: Order, shop: ReceiptShop, config: PrinterConfig) {
  const money = (cents: number) => formatCents(cents, shop.currency, shop.locale);
  fulfilmentBlock(e, order);
  for (const line of order.lines) {
    rows(e, config, [[`${line.quantity} × ${line.name}`, money(line.grossCents)]]);
    if (line.modifiers.length > 0) {
      e.line(printable(`  ${line.modifiers.map((m) => `${m.optionName}${m.priceDeltaCents ? ` +${money(m.priceDeltaCents)}` : ''}`).join(', ')}`));
    }
    if (line.note) e.line(printable(`  Note: ${line.note}`));
    if (line.discountCents > 0) rows(e, config, [['  Discount', `-${money(line.discountCents)}`]]);
  }
  e.rule({ style: 'single' });
  const totals: [string, string][] = [['Subtotal', money(order.subtotalCents)]];
  if (order.discountCents > 0) totals.push([`Discounts${order.discountReason ? ` (${order.discountReason})` : ''}`, `-${money(order.discountCents)}`]);
  if (order.rewardCents) totals.push(['Reward', `-${money(order.rewardCents)}`]);
  if (order.delivery && order.delivery.feeCents > 0) totals.push(['Delivery fee', money(order.delivery.feeCents)]);
  totals.push([`Tax ${order.taxRateBps / 100}%${order.taxInclusive ? ' (included)' : ''}`, money(order.taxCents)]);
  rows(e, config, totals);
  e.bold(true);
  rows(e, config, [['TOTAL', money(order.totalCents)]]);
  e.bold(false);
  rows(e, config, [
    ...order.tenders.map((t): [string, string] => [tenderLabel(t), money(t.amountCents)]),
    ...(order.changeCents > 0 ? [['Change', money(order.changeCents)] as [string, string]] : []),
    ...(order.delivery?.payOnDelivery ? [['Cash on delivery', money(order.totalCents)] as [string, string]] : []),
  ]);
  if (order.customerName) {
    e.rule({ style: 'single' });
    e.line(printable(order.customerName));
    const points: [string, string][] = [['Points earned', String((order.pointsEarned ?? 0) - (order.pointsReversed ?? 0))]];
    if (order.pointsRedeemed) points.push(['Points redeemed', String(order.pointsRedeemed)]);
    rows(e, config, points);
  }
}

function refundBody(e: Encoder, order: Order, refund: Refund, shop: ReceiptShop, config: PrinterConfig) {
  const money = (cents: number) => formatCents(cents, shop.currency, shop.locale);
  const byId = new Map(order.lines.map((l) => [l.lineId, l]));
  const lines = refund.lines.length > 0 ? refund.lines : order.lines.map((l) => ({ lineId: l.lineId, quantity: l.quantity }));
  for (const { lineId, quantity } of lines) e.line(printable(`${quantity} × ${byId.get(lineId)?.name ?? 'Item'}`));
  e.rule({ style: 'single' });
  e.line(printable(`Reason: ${refund.reason}`));
  e.bold(true);
  rows(e, config, [['REFUNDED', `-${money(refund.amountCents)}`]]);
  e.bold(false);
  rows(e, config, [['Order total', money(order.totalCents)]]);
}

export interface ReceiptJob {
  order: Order;
  /** Print the order's latest refund instead of the sale. */
  refund?: boolean;
  /** Open the cash drawer first, so it is open while the receipt prints. */
  kick: boolean;
}

/** The bytes of one customer receipt (or refund slip), optionally opening the drawer first. */
export function encodeReceipt({ order, refund, kick }: ReceiptJob, shop: ReceiptShop, config: PrinterConfig): Uint8Array {
  const e = encoder(config, [JSON.stringify(order), shop.shopName, config.footer, formatCents(0, shop.currency, shop.locale), new Date(order.createdAt).toLocaleString(shop.locale)].join(''));
  if (kick) e.pulse();
  const last = refund ? order.refunds.at(-1) : undefined;
  header(e, order, shop, last ? 'REFUND' : order.status === 'cancelled' ? 'CANCELLED' : undefined);
  if (last) refundBody(e, order, last, shop, config);
  else saleBody(e, order, shop, config);
  footer(e, config);
  return e.cut().encode();
}

/** Just the drawer kick: a cash sale whose receipt prints only when asked for. */
export function encodeKick(config: PrinterConfig): Uint8Array {
  return encoder(config, '').pulse().encode();
}

const ACCENTS = 'café crème, Müsli, señor, Ærø';
const CURRENCIES = '$ € £ ¥';

/** A page that proves the printer, the paper width and the code pages at once. */
export function encodeTestPage(shop: ReceiptShop, config: PrinterConfig, at: Date): Uint8Array {
  const e = encoder(config, [shop.shopName, config.footer, formatCents(0, shop.currency, shop.locale), at.toLocaleString(shop.locale), ACCENTS, CURRENCIES].join(''));
  e.align('center').bold(true).line(printable(shop.shopName)).bold(false);
  e.size(2, 2).line('TEST').size(1, 1);
  e.line(printable(at.toLocaleString(shop.locale, { dateStyle: 'medium', timeStyle: 'short' })));
  e.align('left').rule();
  e.line(`Printer ${config.host}:${config.port}, ${config.paperWidth} mm paper`);
  e.line(`Cash drawer: ${config.drawer ? 'attached' : 'none'}`);
  e.line(`Accents: ${ACCENTS}`);
  e.line(`Currency: ${CURRENCIES}`);
  rows(e, config, [['Latte', formatCents(450, shop.currency, shop.locale)]]);
  footer(e, config);
  return e.cut().encode();
}
