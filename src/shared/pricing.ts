import type { Cents } from './money';
import type { ModifierGroup, Product } from './menu';

/**
 * Cart arithmetic, shared by the renderer (what the barista sees) and main (what is charged): the
 * same function computes both, so they cannot disagree. Integer cents throughout; tax is rounded
 * half-up once per order, after discounts.
 */

export const MAX_LINE_QUANTITY = 99;
/** The group whose chosen option selects size-dependent deltas. */
export const SIZE_GROUP_ID = 'size';

export type Discount = { kind: 'percent'; bps: number } | { kind: 'amount'; cents: Cents };

/** What the barista chose for one line: option ids per modifier group. */
export type Selection = Record<string, string[]>;

export interface ChosenModifier {
  groupId: string;
  groupName: string;
  optionId: string;
  optionName: string;
  priceDeltaCents: Cents;
}

export interface LineInput {
  product: Product;
  quantity: number;
  selection: Selection;
  discount?: Discount;
}

export interface PricedLine {
  productId: string;
  name: string;
  basePriceCents: Cents;
  modifiers: ChosenModifier[];
  unitPriceCents: Cents;
  quantity: number;
  grossCents: Cents;
  discountCents: Cents;
  netCents: Cents;
}

export interface Totals {
  subtotalCents: Cents;
  lineDiscountCents: Cents;
  orderDiscountCents: Cents;
  /** Loyalty rewards redeemed: a discount before tax, never more than what is left to pay. */
  rewardCents: Cents;
  discountCents: Cents;
  /** After discounts, before exclusive tax (and without the delivery fee). */
  netCents: Cents;
  /** A delivery order's fee: never discounted, taxed when the shop says so, earns no points. */
  feeCents: Cents;
  taxCents: Cents;
  totalCents: Cents;
  /**
   * What earns points: the goods before tax, after every discount, without the fee. With
   * tax-inclusive prices that is the net less its own share of the tax, not less the whole order's
   * tax, which holds a taxed fee's share too.
   */
  earningCents: Cents;
}

export interface TaxRule {
  rateBps: number;
  inclusive: boolean;
}

export class PricingError extends Error {
  constructor(
    readonly field: string,
    message: string,
  ) {
    super(message);
    this.name = 'PricingError';
  }
}

/** round(numerator / denominator), halves away from zero, in integers. */
export function divideRoundHalfUp(numerator: number, denominator: number): number {
  if (denominator <= 0) throw new RangeError('denominator must be positive');
  const sign = numerator < 0 ? -1 : 1;
  const n = Math.abs(numerator);
  return sign * Math.floor((2 * n + denominator) / (2 * denominator));
}

export function discountCents(baseCents: Cents, discount: Discount | undefined): Cents {
  if (!discount) return 0;
  const raw = discount.kind === 'percent' ? divideRoundHalfUp(baseCents * discount.bps, 10_000) : discount.cents;
  return Math.max(0, Math.min(raw, baseCents));
}

function optionDelta(group: ModifierGroup, optionId: string, sizeId: string | undefined): ChosenModifier {
  const option = group.options.find((o) => o.optionId === optionId);
  if (!option) throw new PricingError(`options.${group.groupId}`, `“${optionId}” isn’t a choice for ${group.name}.`);
  const bySize = sizeId !== undefined ? option.deltaBySizeCents?.[sizeId] : undefined;
  return {
    groupId: group.groupId,
    groupName: group.name,
    optionId,
    optionName: option.name,
    priceDeltaCents: bySize ?? option.priceDeltaCents,
  };
}

/** Checks a selection against the product's groups (min/max, known options) and prices it. */
export function resolveModifiers(product: Product, selection: Selection): ChosenModifier[] {
  for (const groupId of Object.keys(selection)) {
    if (!product.modifierGroups.some((g) => g.groupId === groupId)) {
      throw new PricingError(`options.${groupId}`, `${product.name} has no “${groupId}” choice.`);
    }
  }
  const sizeId = selection[SIZE_GROUP_ID]?.[0];
  const chosen: ChosenModifier[] = [];
  for (const group of product.modifierGroups) {
    const ids = selection[group.groupId] ?? [];
    if (new Set(ids).size !== ids.length) {
      throw new PricingError(`options.${group.groupId}`, `${group.name} for ${product.name} lists an option twice.`);
    }
    if (ids.length < group.minChoices) {
      throw new PricingError(
        `options.${group.groupId}`,
        group.minChoices === 1 ? `Choose a ${group.name.toLowerCase()} for ${product.name}.` : `Choose at least ${group.minChoices} ${group.name.toLowerCase()} options for ${product.name}.`,
      );
    }
    if (ids.length > group.maxChoices) {
      throw new PricingError(
        `options.${group.groupId}`,
        group.maxChoices === 1 ? `Choose only one ${group.name.toLowerCase()} for ${product.name}.` : `Choose at most ${group.maxChoices} ${group.name.toLowerCase()} options for ${product.name}.`,
      );
    }
    for (const id of ids) chosen.push(optionDelta(group, id, sizeId));
  }
  return chosen;
}

/** The choices a product starts with: each group's defaults. */
export function defaultSelection(product: Product): Selection {
  return Object.fromEntries(product.modifierGroups.map((g) => [g.groupId, [...g.defaultOptionIds]]));
}

/** Two lines with the same product and the same choices are one line with a larger quantity. */
export function selectionKey(productId: string, selection: Selection): string {
  const parts = Object.keys(selection)
    .toSorted()
    .filter((g) => (selection[g] ?? []).length > 0)
    .map((g) => `${g}=${[...(selection[g] ?? [])].toSorted().join('+')}`);
  return [productId, ...parts].join('|');
}

export function priceLine({ product, quantity, selection, discount }: LineInput): PricedLine {
  if (!Number.isInteger(quantity) || quantity < 1) throw new PricingError('quantity', `Quantity for ${product.name} must be at least 1.`);
  if (quantity > MAX_LINE_QUANTITY) throw new PricingError('quantity', `Quantity for ${product.name} can’t be more than ${MAX_LINE_QUANTITY}.`);
  const modifiers = resolveModifiers(product, selection);
  const unitPriceCents = product.priceCents + modifiers.reduce((sum, m) => sum + m.priceDeltaCents, 0);
  // Saved before options were checked against zero: said on the line, not refused later by checkout.
  if (unitPriceCents < 0) throw new PricingError('selection', `${product.name} with those options would cost less than nothing. Choose other options or ask a manager to fix its prices.`);
  const grossCents = unitPriceCents * quantity;
  const lineDiscount = discountCents(grossCents, discount);
  return {
    productId: product.productId,
    name: product.name,
    basePriceCents: product.priceCents,
    modifiers,
    unitPriceCents,
    quantity,
    grossCents,
    discountCents: lineDiscount,
    netCents: grossCents - lineDiscount,
  };
}

/** A delivery fee as the shop sets it: added after discounts, taxed only if `taxed`. */
export interface Fee {
  cents: Cents;
  taxed: boolean;
}

/** What a tax-inclusive amount is before its tax, to the cent. */
function beforeIncludedTax(cents: Cents, rateBps: number): Cents {
  return divideRoundHalfUp(cents * 10_000, 10_000 + rateBps);
}

export function orderTotals(lines: readonly PricedLine[], orderDiscount: Discount | undefined, tax: TaxRule, rewardValueCents: Cents = 0, fee?: Fee): Totals {
  const subtotalCents = lines.reduce((sum, l) => sum + l.grossCents, 0);
  const lineDiscountCents = lines.reduce((sum, l) => sum + l.discountCents, 0);
  const afterLines = subtotalCents - lineDiscountCents;
  const orderDiscountCents = discountCents(afterLines, orderDiscount);
  const rewardCents = Math.max(0, Math.min(rewardValueCents, afterLines - orderDiscountCents));
  const discount = lineDiscountCents + orderDiscountCents + rewardCents;
  const netCents = subtotalCents - discount;
  const feeCents = fee?.cents ?? 0;
  // One rounding per order: the fee joins the taxed amount before tax is rounded, not after.
  const taxable = netCents + (fee?.taxed ? feeCents : 0);
  const taxCents = tax.inclusive ? taxable - beforeIncludedTax(taxable, tax.rateBps) : divideRoundHalfUp(taxable * tax.rateBps, 10_000);
  return {
    subtotalCents,
    lineDiscountCents,
    orderDiscountCents,
    rewardCents,
    discountCents: discount,
    netCents,
    feeCents,
    taxCents,
    totalCents: tax.inclusive ? netCents + feeCents : netCents + feeCents + taxCents,
    // Without a taxed fee this is exactly net − tax: the same one rounding.
    earningCents: tax.inclusive ? beforeIncludedTax(netCents, tax.rateBps) : netCents,
  };
}

export type Tender = { kind: 'cash'; amountCents: Cents } | { kind: 'card'; amountCents: Cents; reference?: string };

export interface Settlement {
  paidCents: Cents;
  dueCents: Cents;
  changeCents: Cents;
  covered: boolean;
}

/**
 * How tenders settle a total. Only cash gives change, so card (and other non-cash) tenders can't
 * overpay: a card for more than is left due is an error, not change.
 */
export function settle(totalCents: Cents, tenders: readonly Tender[]): Settlement {
  let nonCash = 0;
  let cash = 0;
  for (const [i, t] of tenders.entries()) {
    if (!Number.isSafeInteger(t.amountCents) || t.amountCents <= 0) {
      throw new PricingError(`tenders.${i}.amountCents`, 'Each payment must be a positive amount.');
    }
    if (t.kind === 'cash') cash += t.amountCents;
    else nonCash += t.amountCents;
  }
  if (nonCash > totalCents) throw new PricingError('tenders', 'Card payments can’t be more than the total: only cash gives change.');
  const paidCents = cash + nonCash;
  return {
    paidCents,
    dueCents: Math.max(0, totalCents - paidCents),
    changeCents: Math.max(0, paidCents - totalCents),
    covered: paidCents >= totalCents,
  };
}

/**
 * Whether the staff's discounts are big enough to need a manager: their share of the subtotal, in
 * basis points. Loyalty rewards are the customer's own points and never need approval.
 */
/**
 * The discount staff chose (lines and order), without the loyalty reward the customer paid for with
 * points: what needs a manager's approval, and the amount a manager approves.
 */
export const discretionaryCents = (totals: Pick<Totals, 'discountCents' | 'rewardCents'>): Cents => totals.discountCents - totals.rewardCents;

export function needsApproval(totals: Pick<Totals, 'subtotalCents' | 'discountCents' | 'rewardCents'>, thresholdBps: number): boolean {
  const discretionary = discretionaryCents(totals);
  if (totals.subtotalCents <= 0 || discretionary <= 0) return false;
  return discretionary * 10_000 > thresholdBps * totals.subtotalCents;
}
