import { useLayoutEffect, useRef } from 'react';
import { maxRedeemBlocks, pointsEarned, type LoyaltyRules } from '../../../shared/customers';
import { firstName, type DisplayView } from '../../../shared/display';
import { unpaidOnDelivery, type Order } from '../../../shared/orders';
import type { Tender } from '../../../shared/pricing';
import { callPos } from '../../api/pos';
import type { CartState, PricedCart } from '../register/cart';
import { useCustomer } from '../loyalty/queries';

interface Feed {
  cart: CartState;
  priced: PricedCart;
  /** What the customer has handed over so far in the payment step. */
  tenders: Tender[];
  /** The sale just completed, while the register still shows it. */
  sold: Order | null;
  rules: LoyaltyRules | undefined;
  /** The shop's prices include the tax. */
  taxInclusive: boolean;
  format: (cents: number) => string;
}

/** The view of the cart being rung, the sale just paid, or nothing: what the customer should see now. */
export function displayView({ cart, priced, tenders, sold, rules, taxInclusive, format }: Feed, points: number | null): DisplayView {
  if (cart.lines.length === 0 && sold) {
    return {
      kind: 'sale',
      lines: sold.lines.map((l) => ({ key: l.lineId, name: l.name, detail: l.modifiers.map((m) => m.optionName).join(', '), quantity: l.quantity, totalCents: l.netCents })),
      subtotalCents: sold.subtotalCents,
      discountCents: sold.discountCents,
      ...(sold.delivery?.feeCents && { feeCents: sold.delivery.feeCents }),
      taxCents: sold.taxCents,
      ...(sold.taxInclusive && { taxIncluded: true }),
      totalCents: sold.totalCents,
      ...(unpaidOnDelivery(sold) ? { onDelivery: true as const } : { paid: { tenderedCents: sold.paidCents, changeCents: sold.changeCents } }),
      ...(sold.customerName && { loyalty: { firstName: firstName(sold.customerName), points: null, earns: sold.pointsEarned ?? 0, reward: null } }),
    };
  }
  if (cart.lines.length === 0 && !cart.customer) return { kind: 'idle' };
  const { totals } = priced;
  const tendered = tenders.reduce((sum, t) => sum + t.amountCents, 0);
  const preTax = totals.netCents + totals.rewardCents;
  const canRedeem = rules && points !== null && cart.redeemBlocks === 0 && maxRedeemBlocks(points, preTax, rules) > 0;
  return {
    kind: 'sale',
    lines: priced.lines
      .filter((l) => l.priced)
      .map((l) => ({ key: l.key, name: l.priced!.name, detail: l.priced!.modifiers.map((m) => m.optionName).join(', '), quantity: l.quantity, totalCents: l.priced!.netCents })),
    subtotalCents: totals.subtotalCents,
    discountCents: totals.discountCents,
    ...(totals.feeCents > 0 && { feeCents: totals.feeCents }),
    taxCents: totals.taxCents,
    ...(taxInclusive && { taxIncluded: true }),
    totalCents: totals.totalCents,
    ...(tendered > 0 && { paid: { tenderedCents: tendered, changeCents: Math.max(0, tendered - totals.totalCents) } }),
    ...(cart.customer &&
      rules && {
        loyalty: {
          firstName: firstName(cart.customer.name),
          points,
          earns: pointsEarned(totals, rules),
          reward: canRedeem ? `${rules.redeemBlockPoints} points = ${format(rules.redeemBlockValueCents)} off` : null,
        },
      }),
  };
}

/**
 * Keeps the customer display showing what the register shows. One call at a time and only the
 * newest view: a burst of taps sends the first and the last, never a backlog.
 */
export function useFeedDisplay(feed: Feed): void {
  const customer = useCustomer(feed.cart.customer?.customerId);
  const view = displayView(feed, customer.data?.points ?? null);
  const json = JSON.stringify(view);
  const sending = useRef<{ busy: boolean; next: DisplayView | null }>({ busy: false, next: null });
  // Sent as the register commits, not after it paints: the customer sees it a frame sooner.
  useLayoutEffect(() => {
    const queue = sending.current;
    queue.next = JSON.parse(json) as DisplayView;
    if (queue.busy) return;
    void (async () => {
      queue.busy = true;
      while (queue.next) {
        const next = queue.next;
        queue.next = null;
        // The display is a nicety: a till without one, or a dropped call, must never bother the barista.
        await callPos('display.show', next).catch(() => undefined);
      }
      queue.busy = false;
    })();
  }, [json]);
}
