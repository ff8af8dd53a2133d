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
