import type { Cents } from './money';
import type { StaffStamp } from './orders';

/**
 * A delivery's trip, apart from the kitchen's status: waiting at the café → claimed by one shipper
 * → out for delivery → delivered, or couldn't deliver (back at the café, waiting again for anyone).
 * Pure: main and the till's journal both decide moves with `deliveryMoveProblem`.
 */
export const DELIVERY_STATUSES = ['waiting', 'claimed', 'out', 'delivered', 'failed', 'cancelled'] as const;
export type DeliveryStatus = (typeof DELIVERY_STATUSES)[number];

export const DELIVERY_STATUS_LABEL: Record<DeliveryStatus, string> = {
  waiting: 'Waiting for a shipper',
  claimed: 'Claimed',
  out: 'Out for delivery',
  delivered: 'Delivered',
  failed: 'Couldn’t deliver',
  // The order was called off before it arrived: no step leads anywhere from here.
  cancelled: 'Cancelled',
};

export type DeliveryAction = 'claim' | 'out' | 'delivered' | 'failed';

export const DELIVERY_ACTION_LABEL: Record<DeliveryAction, string> = {
  claim: 'Claim',
  out: 'Out for delivery',
  delivered: 'Delivered',
  failed: 'Couldn’t deliver',
};

/** Where each action may start from, and where it leads. */
export const DELIVERY_MOVES: Record<DeliveryAction, { from: readonly DeliveryStatus[]; to: DeliveryStatus }> = {
  // A failed trip is back at the café: anyone may take it out again.
  claim: { from: ['waiting', 'failed'], to: 'claimed' },
  out: { from: ['claimed'], to: 'out' },
  delivered: { from: ['out'], to: 'delivered' },
  failed: { from: ['claimed', 'out'], to: 'failed' },
};

export interface DeliveryChange {
  status: DeliveryStatus;
  at: string;
  by: StaffStamp;
  reason?: string;
  cashCents?: Cents;
}

/** The trip as the order keeps it (Order.delivery carries these besides the contact). */
export interface DeliveryTrip {
  status: DeliveryStatus;
  shipper?: StaffStamp;
  history: DeliveryChange[];
  /** Cash on delivery: what the shipper took at the door. */
  cashCollectedCents?: Cents;
  /** When that cash went into a drawer, and which shift's. */
  settledAt?: string;
  settledShiftId?: string;
}

/**
 * Why this shipper can't do this now, as the shipper should read it; null when they can. Only the
 * shipper who claimed a trip moves it on; a claim on someone else's trip names who has it.
 */
export function deliveryMoveProblem(trip: Pick<DeliveryTrip, 'status' | 'shipper'>, action: DeliveryAction, by: Pick<StaffStamp, 'userId'>, ticket: string): string | null {
  const move = DELIVERY_MOVES[action];
  if (action === 'claim' && trip.shipper && (trip.status === 'claimed' || trip.status === 'out')) {
    return trip.shipper.userId === by.userId ? `You already have ${ticket}.` : `${trip.shipper.name} already has ${ticket}.`;
  }
  if (!move.from.includes(trip.status)) {
    return `${ticket} is ${DELIVERY_STATUS_LABEL[trip.status].toLowerCase()}: it can’t be marked “${DELIVERY_ACTION_LABEL[action]}” now${action === 'delivered' && trip.status === 'claimed' ? ' (mark it Out for delivery first)' : ''}.`;
  }
  if (action !== 'claim' && trip.shipper?.userId !== by.userId) return `${ticket} is ${trip.shipper?.name ?? 'someone else'}’s delivery.`;
  return null;
}

/** What the shipper's screen shows of a delivery: its contact and trip, no lines, prices or customer id. */
export interface DeliveryView {
  orderId: string;
  ticket: string;
  createdAt: string;
  /** The kitchen's status: a delivery can be claimed once it is ready. */
  kitchenStatus: string;
  /** What to collect on a cash-on-delivery order. */
  totalCents: Cents;
  name: string;
  phone: string;
  address: string;
  notes?: string;
  status: DeliveryStatus;
  shipper?: { userId: string; name: string };
  /** The asking shipper's own trip. */
  mine: boolean;
  payOnDelivery: boolean;
  cashCollectedCents?: Cents;
  settled: boolean;
  /** Why the last trip failed, when it did. */
  reason?: string;
}

/** What a shipper holds for the café: cash collected on delivered orders, less what was handed in. */
export interface ShipperCash {
  userId: string;
  name: string;
  deliveries: number;
  collectedCents: Cents;
  settledCents: Cents;
  owedCents: Cents;
}

type CashOnDelivery = { totalCents: Cents; delivery?: Pick<DeliveryTrip, 'status' | 'shipper' | 'cashCollectedCents' | 'settledAt'> & { payOnDelivery: boolean } };

/**
 * What a delivered cash-on-delivery order owes the café: its total. The customer may hand over
 * more (a $20 note for $13.50); the rest went back as change at the door or is the shipper's tip,
 * so the drawer expects only what the sale was, and the reports count it at its total.
 */
export const handInCents = (order: CashOnDelivery): Cents => Math.min(order.delivery?.cashCollectedCents ?? 0, order.totalCents);

/** Who owes what, from the day's delivery orders (pure: the report and the settle step both use it). */
export function shipperCash(orders: readonly CashOnDelivery[]): ShipperCash[] {
  const rows = new Map<string, ShipperCash>();
  for (const order of orders) {
    const d = order.delivery;
    if (!d?.payOnDelivery || d.status !== 'delivered' || !d.shipper) continue;
    const row = rows.get(d.shipper.userId) ?? { userId: d.shipper.userId, name: d.shipper.name, deliveries: 0, collectedCents: 0, settledCents: 0, owedCents: 0 };
    const cash = handInCents(order);
    row.deliveries++;
    row.collectedCents += cash;
    if (d.settledAt) row.settledCents += cash;
    row.owedCents = row.collectedCents - row.settledCents;
    rows.set(d.shipper.userId, row);
  }
  return [...rows.values()].toSorted((a, b) => a.name.localeCompare(b.name));
}

/** A delivery step made on this till while it couldn't reach the cloud: journaled, sent on sync. */
export interface DeliveryMoveRecord {
  moveId: string;
  orderId: string;
  ticket: string;
  action: DeliveryAction;
  at: string;
  by: StaffStamp;
  payOnDelivery: boolean;
  reason?: string;
  cashCents?: Cents;
}
