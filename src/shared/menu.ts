import type { Cents } from './money';

export interface ModifierOption {
  optionId: string;
  name: string;
  priceDeltaCents: Cents;
  /** Deltas that depend on the chosen size, keyed by the Size group's option id. */
  deltaBySizeCents?: Record<string, Cents>;
}

export interface ModifierGroup {
  groupId: string;
  name: string;
  minChoices: number;
  maxChoices: number;
  defaultOptionIds: string[];
  options: ModifierOption[];
}

/**
 * The cheapest and dearest a product can ring up at with its options, at most: each group's
 * largest (or smallest) deltas up to its max choices, at least its min. A size's own deltas count
 * with every size, so the range is never narrower than what the register can charge.
 */
export function unitPriceRange(product: Pick<Product, 'priceCents' | 'modifierGroups'>): { lowest: Cents; highest: Cents } {
  let lowest = product.priceCents;
  let highest = product.priceCents;
  for (const group of product.modifierGroups) {
    const deltas = group.options.map((o) => [o.priceDeltaCents, ...Object.values(o.deltaBySizeCents ?? {})]);
    // Best first; the first minChoices are taken whatever they cost, the rest only if they push further.
    const extreme = (values: number[], further: (v: number) => boolean) =>
      values.slice(0, group.maxChoices).reduce((sum, v, i) => (i < group.minChoices || further(v) ? sum + v : sum), 0);
    highest += extreme(deltas.map((d) => Math.max(...d)).toSorted((a, b) => b - a), (v) => v > 0);
    lowest += extreme(deltas.map((d) => Math.min(...d)).toSorted((a, b) => a - b), (v) => v < 0);
  }
  return { lowest, highest };
}

export interface ScheduledPrice {
  priceCents: Cents;
  /** ISO time from which this price is charged. */
  effectiveAt: string;
  setBy: string;
}

export interface Product {
  productId: string;
  name: string;
  description: string;
  category: string;
  priceCents: Cents;
  /** A price change set to take effect later; see atTime. */
  scheduledPrice?: ScheduledPrice;
  modifierGroups: ModifierGroup[];
  available: boolean;
  /** Picked by the manager: shown in a row of its own at the top of the register. */
  favourite?: boolean;
  sortOrder: number;
  version: number;
  updatedAt: string;
  updatedBy: string;
}

export interface PriceChange {
  at: string;
  by: string;
  fromCents: Cents;
  toCents: Cents;
  /** `scheduled`: set for later; `schedule-applied`: its moment came and it became the price. */
  kind: 'edit' | 'rollback' | 'scheduled' | 'schedule-applied' | 'schedule-cancelled';
  effectiveAt?: string;
}

/** What the menu editor sees: the product plus its history and whether it is archived. */
export interface AdminProduct extends Product {
  archived: boolean;
  priceHistory: PriceChange[];
}

/** The fields a manager edits; everything else is kept by main. */
export type ProductDraft = Pick<Product, 'name' | 'description' | 'category' | 'priceCents' | 'modifierGroups' | 'available' | 'favourite' | 'sortOrder'>;

/**
 * The product as it sells at a moment. A scheduled price whose moment has come is folded into the
 * price and dropped: left beside it, it would outrank every later edit of the price.
 */
export function atTime<P extends Product>(product: P, atMs: number): P {
  const scheduled = product.scheduledPrice;
  if (!scheduled || Date.parse(scheduled.effectiveAt) > atMs) return product;
  const { scheduledPrice: _applied, ...rest } = product;
  return { ...rest, priceCents: scheduled.priceCents } as P;
}

/** When the next scheduled price of these products takes effect, if any is still ahead of `atMs`. */
export function nextPriceChangeAt(products: readonly Pick<Product, 'scheduledPrice'>[], atMs: number): number | null {
  let next: number | null = null;
  for (const p of products) {
    const at = p.scheduledPrice ? Date.parse(p.scheduledPrice.effectiveAt) : NaN;
    if (at > atMs && (next === null || at < next)) next = at;
  }
  return next;
}

export interface Category {
  categoryId: string;
  name: string;
  sortOrder: number;
}

export interface Menu {
  categories: Category[];
  products: Product[];
}

export interface ShopSettings {
  shopName: string;
  currency: string;
  locale: string;
  /** Sales tax in basis points: 800 = 8%. */
  taxRateBps: number;
  taxInclusive: boolean;
  /** Discounts above this share of the order need a manager's approval (basis points). */
  discountApprovalThresholdBps: number;
  /** No product may cost more than this: catches a price typed in cents as dollars. */
  priceCapCents: Cents;
  /** A ticket waiting longer than this many minutes is flagged on the board (default 5). */
  boardLateMinutes?: number;
  /** The till locks after this many idle minutes (unset: only when someone locks it). */
  autoLockMinutes?: number;
  /** The till locks after every sale, for the next person's PIN. */
  lockAfterSale?: boolean;
  /** A shift whose count is off by more than this (over or short) needs a reason to close (default $5.00). */
  varianceThresholdCents?: Cents;
  /** Delivery orders add this fee (unset: no delivery fee); `taxed`: sales tax applies to it too. */
  delivery?: { feeCents: Cents; taxed: boolean };
  loyalty: {
    earnPointsPerDollar: number;
    redeemBlockPoints: number;
    redeemBlockValueCents: Cents;
  };
}
