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

export interface Product {
  productId: string;
  name: string;
  description: string;
  category: string;
  priceCents: Cents;
  modifierGroups: ModifierGroup[];
  available: boolean;
  sortOrder: number;
  version: number;
  updatedAt: string;
  updatedBy: string;
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
  loyalty: {
    earnPointsPerDollar: number;
    redeemBlockPoints: number;
    redeemBlockValueCents: Cents;
  };
}
