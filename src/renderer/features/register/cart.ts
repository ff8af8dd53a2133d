import type { Product } from '../../../shared/menu';
import { fillFromCustomer, fulfilmentFor, fulfilmentProblems, type CartCustomer } from '../../../shared/fulfilment';
import type { Fulfilment, OrderType } from '../../../shared/orders';

export { fulfilmentProblems, nextOrderType, type CartCustomer } from '../../../shared/fulfilment';
import {
  MAX_LINE_QUANTITY,
  orderTotals,
  priceLine,
  PricingError,
  selectionKey,
  type Discount,
  type Fee,
  type PricedLine,
  type Selection,
  type TaxRule,
  type Totals,
} from '../../../shared/pricing';

/** The cart as the barista builds it; prices are always derived from the current menu. */
export interface CartLine {
  key: string;
  productId: string;
  selection: Selection;
  quantity: number;
  note?: string;
  discount?: Discount;
}

export interface CartState {
  lines: CartLine[];
  selectedKey: string | null;
  orderDiscount?: Discount;
  discountReason?: string;
  /** A manager's approval for this sale, covering at most `discountCents` off (main checks it again). */
  approval?: { approvalId: string; approverName: string; discountCents: number };
  /** A loyalty customer; their phone and address fill a delivery's contact. */
  customer?: CartCustomer;
  /** Loyalty reward blocks to redeem (each 60 points for $2.00 by default). */
  redeemBlocks: number;
  /** For here unless picked; a pickup's or delivery's details may be incomplete until the form is filled. */
  fulfilment: Fulfilment;
}

export const emptyCart: CartState = { lines: [] as CartLine[], selectedKey: null, redeemBlocks: 0, fulfilment: { type: 'forHere' } };


export type CartAction =
  | { type: 'add'; productId: string; selection: Selection; quantity?: number }
  | { type: 'quantity'; key: string; delta: number }
  | { type: 'remove'; key: string }
  | { type: 'select'; key: string }
  | { type: 'selectNext'; step: 1 | -1 }
  | { type: 'note'; key: string; note: string }
  | { type: 'discount'; target: 'order' | string; discount?: Discount; reason?: string; approval?: CartState['approval'] }
  | { type: 'customer'; customer?: CartCustomer }
  | { type: 'orderType'; orderType: OrderType }
  | { type: 'fulfilment'; fulfilment: Fulfilment }
  | { type: 'redeem'; blocks: number }
  | { type: 'clear' }
  /** Puts back a cart that was cleared (Undo) or repeats one as a new order. */
  | { type: 'restore'; cart: CartState };

export function cartReducer(state: CartState, action: CartAction): CartState {
  switch (action.type) {
    case 'add': {
      const key = selectionKey(action.productId, action.selection);
      const existing = state.lines.find((l) => l.key === key);
      const adding = Math.max(1, action.quantity ?? 1);
      const lines = existing
        ? state.lines.map((l) => (l.key === key ? { ...l, quantity: Math.min(MAX_LINE_QUANTITY, l.quantity + adding) } : l))
        : [...state.lines, { key, productId: action.productId, selection: action.selection, quantity: Math.min(MAX_LINE_QUANTITY, adding) }];
      return { ...state, lines, selectedKey: key };
    }
    case 'quantity': {
      const lines = state.lines
        .map((l) => (l.key === action.key ? { ...l, quantity: Math.min(MAX_LINE_QUANTITY, l.quantity + action.delta) } : l))
        .filter((l) => l.quantity > 0);
      return withSelection({ ...state, lines }, state.selectedKey);
    }
    case 'remove':
      return withSelection({ ...state, lines: state.lines.filter((l) => l.key !== action.key) }, state.selectedKey);
    case 'select':
      return { ...state, selectedKey: action.key };
    case 'selectNext': {
      if (state.lines.length === 0) return state;
      const at = state.lines.findIndex((l) => l.key === state.selectedKey);
      const next = Math.max(0, Math.min(state.lines.length - 1, (at < 0 ? state.lines.length : at) + action.step));
      return { ...state, selectedKey: state.lines[next]!.key };
    }
    case 'note':
      return { ...state, lines: state.lines.map((l) => (l.key === action.key ? { ...l, note: action.note.trim() || undefined } : l)) };
    case 'discount': {
      const reason = action.reason ?? state.discountReason;
      const approval = action.approval ?? state.approval;
      if (action.target === 'order') return { ...state, orderDiscount: action.discount, discountReason: reason, approval };
      return {
        ...state,
        discountReason: reason,
        approval,
        lines: state.lines.map((l) => (l.key === action.target ? { ...l, discount: action.discount } : l)),
      };
    }
    case 'customer':
      return { ...state, customer: action.customer, redeemBlocks: 0, fulfilment: fillFromCustomer(state.fulfilment, action.customer) };
    case 'orderType':
      return { ...state, fulfilment: fulfilmentFor(action.orderType, state.customer, state.fulfilment) };
    case 'fulfilment':
      return { ...state, fulfilment: action.fulfilment };
    case 'redeem':
      return { ...state, redeemBlocks: state.customer ? Math.max(0, action.blocks) : 0 };
    case 'clear':
      return emptyCart;
    case 'restore':
      return action.cart;
  }
}

/** Keeps a line selected after one disappears: the same one if it's still there, else the last. */
function withSelection(state: CartState, wanted: string | null): CartState {
  const stillThere = state.lines.some((l) => l.key === wanted);
  return { ...state, selectedKey: stillThere ? wanted : (state.lines.at(-1)?.key ?? null) };
}

export interface PricedCartLine extends CartLine {
  product?: Product;
  priced?: PricedLine;
  /** Why this line can't be sold as it is (gone from the menu, sold out, a choice no longer offered). */
  problem?: string;
}

export interface PricedCart {
  lines: PricedCartLine[];
  totals: Totals;
  sellable: boolean;
}

/** Prices the cart with the same functions main uses at checkout; `deliveryFee` applies to a delivery only. */
export function priceCart(state: CartState, products: ReadonlyMap<string, Product>, tax: TaxRule, rewardBlockCents = 0, deliveryFee?: Fee): PricedCart {
  const lines = state.lines.map((line): PricedCartLine => {
    const product = products.get(line.productId);
    if (!product) return { ...line, problem: 'No longer on the menu' };
    if (!product.available) return { ...line, product, problem: 'Sold out' };
    try {
      return { ...line, product, priced: priceLine({ product, quantity: line.quantity, selection: line.selection, discount: line.discount }) };
    } catch (error) {
      return { ...line, product, problem: error instanceof PricingError ? error.message : 'Can’t be priced' };
    }
  });
  const priced = lines.flatMap((l) => (l.priced ? [l.priced] : []));
  return {
    lines,
    totals: orderTotals(priced, state.orderDiscount, tax, state.redeemBlocks * rewardBlockCents, state.fulfilment.type === 'delivery' ? deliveryFee : undefined),
    sellable: lines.length > 0 && lines.every((l) => l.priced) && fulfilmentProblems(state.fulfilment) === null,
  };
}

