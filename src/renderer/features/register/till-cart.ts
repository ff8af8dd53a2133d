import { useCallback, useSyncExternalStore } from 'react';
import type { Tender } from '../../../shared/pricing';
import { cartReducer, emptyCart, type CartAction, type CartState } from './cart';

/**
 * The sale in progress belongs to the till, not to whoever is at it: it lives here, outside the
 * register screen, so it stays through a lock and a PIN switch (Jamie rings, Riley takes the
 * money). Only the till's last person signing out clears it.
 */
interface TillSale {
  cart: CartState;
  /** One id per cart, made on this terminal when first needed (an approval, a payment). */
  orderId: string | null;
  tenders: Tender[];
}

let sale: TillSale = { cart: emptyCart, orderId: null, tenders: [] };
const listeners = new Set<() => void>();

function set(next: Partial<TillSale>): void {
  sale = { ...sale, ...next };
  for (const listener of listeners) listener();
}

const subscribe = (listener: () => void) => {
  listeners.add(listener);
  return () => listeners.delete(listener);
};

export const tillSale = {
  get: () => sale,
  dispatch: (action: CartAction) => set({ cart: cartReducer(sale.cart, action) }),
  setOrderId: (orderId: string | null) => set({ orderId }),
  setTenders: (tenders: Tender[] | ((previous: Tender[]) => Tender[])) => set({ tenders: typeof tenders === 'function' ? tenders(sale.tenders) : tenders }),
  /** Nobody is left on the till: nobody's sale stays on it. */
  reset: () => set({ cart: emptyCart, orderId: null, tenders: [] }),
};

export function useTillSale() {
  const current = useSyncExternalStore(subscribe, tillSale.get);
  return {
    ...current,
    dispatch: useCallback((action: CartAction) => tillSale.dispatch(action), []),
  };
}
