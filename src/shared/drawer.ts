import type { Cents } from './money';
import type { RecordedTender } from './orders';
import type { Tender } from './pricing';

type TenderKind = Tender['kind'];

/**
 * The cash drawer's arithmetic, pure so main, the renderer and the tests compute the same figures.
 * Expected cash is never a stored counter: it is derived, every time, from the shift's movements,
 * so it can't drift from what actually happened.
 */
export type DrawerMovement =
  | { kind: 'float'; amountCents: Cents }
  | { kind: 'payIn' | 'payOut' | 'drop'; amountCents: Cents; reason: string }
  | { kind: 'noSale'; reason: string }
  /** A sale's cash: what the customer handed over and the change given back. */
  | { kind: 'cashSale'; orderId: string; tenderedCents: Cents; changeCents: Cents }
  | { kind: 'cashRefund'; orderId: string; amountCents: Cents };

export type DrawerMovementKind = DrawerMovement['kind'];

/** How each movement moves the cash in the drawer, in cents (positive: into the drawer). */
export function cashEffect(movement: DrawerMovement): Cents {
  switch (movement.kind) {
    case 'float':
    case 'payIn':
      return movement.amountCents;
    case 'payOut':
    case 'drop':
    case 'cashRefund':
      return -movement.amountCents;
    case 'noSale':
      return 0;
    case 'cashSale':
      return movement.tenderedCents - movement.changeCents;
  }
}

export interface DrawerTotals {
  floatCents: Cents;
  cashSalesCents: Cents;
  changeCents: Cents;
  payInsCents: Cents;
  payOutsCents: Cents;
  dropsCents: Cents;
  cashRefundsCents: Cents;
  noSales: number;
  /** float + cash taken − change + pay-ins − pay-outs − drops − cash refunds. */
  expectedCents: Cents;
}

export function drawerTotals(movements: readonly DrawerMovement[]): DrawerTotals {
  const totals: DrawerTotals = { floatCents: 0, cashSalesCents: 0, changeCents: 0, payInsCents: 0, payOutsCents: 0, dropsCents: 0, cashRefundsCents: 0, noSales: 0, expectedCents: 0 };
  for (const m of movements) {
    switch (m.kind) {
      case 'float':
        totals.floatCents += m.amountCents;
        break;
      case 'payIn':
        totals.payInsCents += m.amountCents;
        break;
      case 'payOut':
        totals.payOutsCents += m.amountCents;
        break;
      case 'drop':
        totals.dropsCents += m.amountCents;
        break;
      case 'cashRefund':
        totals.cashRefundsCents += m.amountCents;
        break;
      case 'noSale':
        totals.noSales += 1;
        break;
      case 'cashSale':
        totals.cashSalesCents += m.tenderedCents;
        totals.changeCents += m.changeCents;
    }
    totals.expectedCents += cashEffect(m);
  }
  return totals;
}

/** The cash a sale's tenders put in the drawer (tendered and change), or null for a card-only sale. */
export function cashSaleMovement(orderId: string, tenders: readonly RecordedTender[]): Extract<DrawerMovement, { kind: 'cashSale' }> | null {
  const cash = tenders.filter((t) => t.kind === 'cash');
  if (cash.length === 0) return null;
  return {
    kind: 'cashSale',
    orderId,
    tenderedCents: cash.reduce((sum, t) => sum + t.amountCents, 0),
    changeCents: cash.reduce((sum, t) => sum + (t.changeCents ?? 0), 0),
  };
}

/** Bills and coins a café counts, largest first, by currency; others count by typed total. */
export const DENOMINATIONS: Partial<Record<string, readonly Cents[]>> = {
  USD: [10_000, 5_000, 2_000, 1_000, 500, 100, 25, 10, 5, 1],
  CAD: [10_000, 5_000, 2_000, 1_000, 500, 200, 100, 25, 10, 5],
  EUR: [50_000, 20_000, 10_000, 5_000, 2_000, 1_000, 500, 200, 100, 50, 20, 10, 5, 2, 1],
  GBP: [5_000, 2_000, 1_000, 500, 200, 100, 50, 20, 10, 5, 2, 1],
  AUD: [10_000, 5_000, 2_000, 1_000, 500, 200, 100, 50, 20, 10, 5],
};

export type DenominationCount = Partial<Record<string, number>>;

/**
 * The total of a count by denomination ({ "2000": 3, "25": 4 } → $61.00). Denominations not of
 * the currency, and counts that aren't whole non-negative numbers, are refused by name.
 */
export function countTotal(currency: string, counts: DenominationCount): { ok: true; totalCents: Cents } | { ok: false; problem: string } {
  const known = DENOMINATIONS[currency];
  if (!known) return { ok: false, problem: `${currency} has no denomination list here: type the total instead.` };
  let totalCents = 0;
  for (const [denomination, count] of Object.entries(counts)) {
    const cents = Number(denomination);
    if (!known.includes(cents)) return { ok: false, problem: `${denomination} isn’t a ${currency} bill or coin.` };
    if (count === undefined || !Number.isSafeInteger(count) || count < 0) return { ok: false, problem: `The count of ${denomination} must be a whole number, 0 or more.` };
    totalCents += cents * count;
  }
  return { ok: true, totalCents };
}

/** Counted − expected: negative is short, positive is over. */
export function variance(countedCents: Cents, expectedCents: Cents): Cents {
  return countedCents - expectedCents;
}

/** A variance past the shop's threshold (either way) must be explained before the shift closes. */
export function varianceNeedsReason(varianceCents: Cents, thresholdCents: Cents): boolean {
  return Math.abs(varianceCents) > thresholdCents;
}

/** Z numbers run per till, 1, 2, 3…, shown as Z-T1-0042. */
export function zLabel(terminalId: string, zNumber: number): string {
  return `Z-${terminalId}-${String(zNumber).padStart(4, '0')}`;
}

/**
 * What an order's tenders took, per kind, net of change, minus what earlier refunds already gave
 * back that way: the most a refund may return by each tender.
 */
export function refundableByTender(tenders: readonly RecordedTender[], refunded: readonly { kind: TenderKind; amountCents: Cents }[]): Partial<Record<TenderKind, Cents>> {
  const left: Partial<Record<TenderKind, Cents>> = {};
  for (const t of tenders) left[t.kind] = (left[t.kind] ?? 0) + t.amountCents - (t.changeCents ?? 0);
  for (const r of refunded) left[r.kind] = (left[r.kind] ?? 0) - r.amountCents;
  return left;
}

/**
 * Checks how a refund's money goes back: each tender at most what it took (net of change and of
 * earlier refunds), the parts adding up to the refund. Returns the first problem, in words.
 */
export function checkRefundTenders(
  amountCents: Cents,
  back: readonly { kind: TenderKind; amountCents: Cents }[],
  tenders: readonly RecordedTender[],
  refunded: readonly { kind: TenderKind; amountCents: Cents }[],
  format: (cents: Cents) => string,
): string | null {
  const sum = back.reduce((s, b) => s + b.amountCents, 0);
  if (back.some((b) => !Number.isSafeInteger(b.amountCents) || b.amountCents <= 0)) return 'Each part of a refund must be more than $0.00.';
  if (sum !== amountCents) return `The refund is ${format(amountCents)} but its parts add up to ${format(sum)}.`;
  const left = refundableByTender(tenders, refunded);
  const byKind = new Map<TenderKind, Cents>();
  for (const b of back) byKind.set(b.kind, (byKind.get(b.kind) ?? 0) + b.amountCents);
  for (const [kind, cents] of byKind) {
    const most = Math.max(0, left[kind] ?? 0);
    if (cents > most) return most === 0 ? `This order took nothing by ${kind} to give back that way.` : `At most ${format(most)} can go back by ${kind}: that is what it took.`;
  }
  return null;
}
