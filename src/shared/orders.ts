import type { Cents } from './money';

export const ORDER_STATUSES = ['placed', 'preparing', 'ready', 'completed', 'cancelled'] as const;
export type OrderStatus = (typeof ORDER_STATUSES)[number];

/** What the order board shows of an order. */
export interface OrderSummary {
  orderId: string;
  ticket: string;
  status: OrderStatus;
  totalCents: Cents;
  itemCount: number;
  customerName?: string;
  createdAt: string;
  createdBy: string;
}

/** A café's business day, in the shop's local time: YYYY-MM-DD. */
export function businessDateOf(at: Date): string {
  const y = at.getFullYear();
  const m = String(at.getMonth() + 1).padStart(2, '0');
  const d = String(at.getDate()).padStart(2, '0');
  return `${y}-${m}-${d}`;
}
