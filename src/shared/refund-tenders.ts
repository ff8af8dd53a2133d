import { refundableByTender } from './drawer';
import type { Cents } from './money';
import type { Order } from './orders';
import type { Tender } from './pricing';
import { paidTenders } from './shift';

type TenderKind = Tender['kind'];
export type RefundChoice = TenderKind | 'split';
export interface RefundPart {
  kind: TenderKind;
  amountCents: Cents;
}

/** What each tender of an order can still give back (net of change and of earlier refunds), never below zero. */
export function refundLeft(order: Pick<Order, 'tenders' | 'changeCents' | 'totalCents' | 'delivery' | 'refunds'>): Record<TenderKind, Cents> {
  const left = refundableByTender(
    paidTenders(order),
    order.refunds.flatMap((r) => r.tenders ?? []),
  );
  return { cash: Math.max(0, left.cash ?? 0), card: Math.max(0, left.card ?? 0) };
}

/**
 * How a refund of `amountCents` goes back unless staff say otherwise: the way the order was paid.
 * Paid one way → that way; paid both ways → a split in proportion to what each tender can still
 * give back (floored for cash, the rest on card), which never exceeds either tender when the
 * amount fits in both together.
 */
export function suggestRefund(amountCents: Cents, left: Record<TenderKind, Cents>): { choice: RefundChoice; parts: RefundPart[] } {
  const { cash, card } = left;
  if (cash > 0 && card > 0) {
    // Integer arithmetic: amount·cash stays far below 2^53 for any café's order.
    const cashPart = Math.floor((amountCents * cash) / (cash + card));
    return { choice: 'split', parts: [{ kind: 'cash', amountCents: cashPart }, { kind: 'card', amountCents: amountCents - cashPart }] };
  }
  const kind: TenderKind = cash > 0 ? 'cash' : 'card';
  return { choice: kind, parts: [{ kind, amountCents }] };
}

/** The parts a refund sends: one tender for all of it, or a split without its empty side. */
export function refundParts(amountCents: Cents, choice: RefundChoice, split: { cash: Cents; card: Cents }): RefundPart[] {
  if (choice !== 'split') return [{ kind: choice, amountCents }];
  return (['cash', 'card'] as const).filter((kind) => split[kind] > 0).map((kind) => ({ kind, amountCents: split[kind] }));
}
