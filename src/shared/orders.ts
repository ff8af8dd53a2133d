import { pointsEarned } from './customers';
import type { ShopSettings } from './menu';
import type { DeliveryTrip } from './delivery';
import type { Cents } from './money';
import { divideRoundHalfUp, type Discount, type PricedLine, type Settlement, type Tender, type Totals } from './pricing';

export const ORDER_STATUSES = ['placed', 'preparing', 'ready', 'completed', 'cancelled'] as const;
export type OrderStatus = (typeof ORDER_STATUSES)[number];

/** The board's forward path; cancelling is separate and needs a manager. */
export const NEXT_STATUS: Partial<Record<OrderStatus, OrderStatus>> = {
  placed: 'preparing',
  preparing: 'ready',
  ready: 'completed',
};

export const STATUS_LABEL: Record<OrderStatus, string> = {
  placed: 'Placed',
  preparing: 'Preparing',
  ready: 'Ready',
  completed: 'Completed',
  cancelled: 'Cancelled',
};

/** How the customer takes the order; For here unless the barista picks another. */
export const ORDER_TYPES = ['forHere', 'toGo', 'pickup', 'delivery'] as const;
export type OrderType = (typeof ORDER_TYPES)[number];

export const ORDER_TYPE_LABEL: Record<OrderType, string> = {
  forHere: 'For here',
  toGo: 'To go',
  pickup: 'Pickup',
  delivery: 'Delivery',
};

/** A pickup: who collects it, and when (HH:MM, the shop's local time). */
export interface PickupInfo {
  name: string;
  time: string;
}

/** Where a delivery goes and who to call: all a shipper sees of the customer. */
export interface DeliveryContact {
  name: string;
  /** E.164. */
  phone: string;
  address: string;
  notes?: string;
}

/** What the barista chose; main checks it again (contract.ts) and prices the fee itself. */
export type Fulfilment =
  | { type: 'forHere' }
  | { type: 'toGo' }
  | ({ type: 'pickup' } & PickupInfo)
  | ({ type: 'delivery'; payOnDelivery?: boolean } & DeliveryContact);

export interface StaffStamp {
  userId: string;
  name: string;
  email: string;
}

/** A manager's approval as the order keeps it: who asked, who approved, what, and how. */
export interface DiscountApproval {
  askedBy: StaffStamp;
  approvedBy: StaffStamp;
  action: 'discount';
  /** The most the manager approved off this sale, in cents. */
  amountCents: number;
  via: 'pin' | 'password';
  at: string;
}

/** A priced line as sold: a snapshot, so later menu changes never alter an old order. */
export interface OrderLine extends PricedLine {
  lineId: string;
  note?: string;
  discount?: Discount;
  /** Units refunded so far. */
  refundedQuantity: number;
}

export interface StatusChange {
  status: OrderStatus;
  at: string;
  by: StaffStamp;
  reason?: string;
}

export interface Refund {
  refundId: string;
  at: string;
  by: StaffStamp;
  reason: string;
  amountCents: Cents;
  /** Empty for a whole-order refund. */
  lines: { lineId: string; quantity: number }[];
  /** How the money went back (cash, card, both); absent on refunds from before tenders were kept. */
  tenders?: { kind: Tender['kind']; amountCents: Cents }[];
  /** The shift whose drawer the cash came out of, when some went back as cash. */
  shiftId?: string;
}

export type RecordedTender = Tender & { changeCents?: Cents };

export interface Order {
  orderId: string;
  ticket: string;
  terminalId: string;
  businessDate: string;
  createdAt: string;
  createdBy: StaffStamp;
  status: OrderStatus;
  statusHistory: StatusChange[];
  lines: OrderLine[];
  orderDiscount?: Discount;
  discountReason?: string;
  discountApprovedBy?: StaffStamp;
  discountApproval?: DiscountApproval;
  subtotalCents: Cents;
  discountCents: Cents;
  taxRateBps: number;
  taxInclusive: boolean;
  taxCents: Cents;
  totalCents: Cents;
  tenders: RecordedTender[];
  paidCents: Cents;
  changeCents: Cents;
  refunds: Refund[];
  refundedCents: Cents;
  /** The loyalty customer, if one was attached. */
  customerId?: string;
  customerName?: string;
  rewardCents?: Cents;
  pointsEarned?: number;
  pointsRedeemed?: number;
  /** Earned points taken back by refunds so far. */
  pointsReversed?: number;
  /** Whether the redeemed points went back to the customer (full refund or cancel). */
  pointsReturned?: boolean;
  /** The shift open on the till that rang it: its cash is that shift's drawer's. */
  shiftId?: string;
  /** Absent on orders from before order types: those were For here. */
  orderType?: OrderType;
  pickup?: PickupInfo;
  /** A delivery order's contact, fee and (delivery.ts) its trip. */
  delivery?: DeliveryContact & { feeCents: Cents; feeTaxed: boolean; payOnDelivery: boolean } & DeliveryTrip;
  version: number;
  /**
   * When the order last changed in the cloud, by the writer's clock: the board reads what changed
   * since its last refresh through the change index instead of the whole day.
   */
  updatedAt?: string;
}

/** What the order board shows of an order. */
export interface OrderSummary {
  orderId: string;
  ticket: string;
  status: OrderStatus;
  totalCents: Cents;
  refundedCents: Cents;
  itemCount: number;
  /** What to make, for the board: each line's quantity, name, chosen options and note. */
  lines: { name: string; quantity: number; options: string[]; note?: string }[];
  customerName?: string;
  orderType: OrderType;
  /** Pickup: who collects and when. */
  pickup?: PickupInfo;
  /** Delivery: who it goes to (no phone or address on the board), the trip's state and shipper. */
  deliveryName?: string;
  delivery?: { status: DeliveryTrip['status']; shipper?: string };
  createdAt: string;
  createdBy: string;
  /** Set while the order exists only on this till: waiting to sync, or parked for a manager. */
  sync?: 'pending' | 'parked';
  /** The order's version: of two copies of one order, the higher is the later. */
  version: number;
}

export function summarize(order: Order): OrderSummary {
  return {
    orderId: order.orderId,
    ticket: order.ticket,
    status: order.status,
    totalCents: order.totalCents,
    refundedCents: order.refundedCents,
    itemCount: order.lines.reduce((sum, line) => sum + line.quantity, 0),
    lines: order.lines.map((line) => ({
      name: line.name,
      quantity: line.quantity,
      options: line.modifiers.map((m) => m.optionName),
      ...(line.note && { note: line.note }),
    })),
    ...(order.customerName && { customerName: order.customerName }),
    orderType: order.orderType ?? 'forHere',
    ...(order.pickup && { pickup: order.pickup }),
    ...(order.delivery && {
      deliveryName: order.delivery.name,
      delivery: { status: order.delivery.status, ...(order.delivery.shipper && { shipper: order.delivery.shipper.name }) },
    }),
    createdAt: order.createdAt,
    createdBy: order.createdBy.name,
    version: order.version,
  };
}

/** The board's order: oldest first, tickets breaking ties. */
export const boardOrder = (a: OrderSummary, b: OrderSummary) => a.createdAt.localeCompare(b.createdAt) || a.ticket.localeCompare(b.ticket);

/**
 * A board with newer copies of some of its orders merged in. Of two copies of one order the later
 * read wins, unless it is an older version: a lagging index never takes back what a write returned.
 */
export function mergeBoard(board: readonly OrderSummary[], changes: readonly OrderSummary[]): OrderSummary[] {
  const byId = new Map(board.map((order) => [order.orderId, order]));
  for (const order of changes) {
    const known = byId.get(order.orderId);
    if (!known || order.version >= known.version) byId.set(order.orderId, order);
  }
  return [...byId.values()].toSorted(boardOrder);
}

/** A café's business day, in the shop's local time: YYYY-MM-DD. */
export function businessDateOf(at: Date): string {
  const y = at.getFullYear();
  const m = String(at.getMonth() + 1).padStart(2, '0');
  const d = String(at.getDate()).padStart(2, '0');
  return `${y}-${m}-${d}`;
}

export function ticketNumber(terminalId: string, sequence: number): string {
  return `${terminalId}-${String(sequence).padStart(3, '0')}`;
}

export interface Sale {
  orderId: string;
  terminalId: string;
  /** The ticket's number that day on this till. */
  seq: number;
  at: Date;
  by: StaffStamp;
  lines: OrderLine[];
  totals: Totals;
  shop: Pick<ShopSettings, 'taxRateBps' | 'taxInclusive' | 'loyalty' | 'delivery'>;
  tenders: Tender[];
  settlement: Settlement;
  orderDiscount?: Discount;
  discountReason?: string;
  approval?: DiscountApproval;
  customer?: { userId: string; name: string } | null;
  pointsRedeemed?: number;
  fulfilment?: Fulfilment;
}

/** What an order keeps of its type: the contact for pickup and delivery, and the fee charged. */
export function fulfilmentFields(fulfilment: Fulfilment | undefined, feeCents: Cents, feeTaxed: boolean): Pick<Order, 'orderType' | 'pickup' | 'delivery'> {
  const f = fulfilment ?? { type: 'forHere' };
  if (f.type === 'pickup') return { orderType: 'pickup', pickup: { name: f.name, time: f.time } };
  if (f.type === 'delivery') {
    const { type: _type, payOnDelivery, ...contact } = f;
    return { orderType: 'delivery', delivery: { ...contact, feeCents, feeTaxed, payOnDelivery: payOnDelivery === true, status: 'waiting', history: [] } };
  }
  return { orderType: f.type };
}

/** A priced, paid sale as the order it becomes: placed, nothing refunded, its points earned. */
export function newOrder(sale: Sale): Order {
  const { totals, shop, settlement, customer, by } = sale;
  const createdAt = sale.at.toISOString();
  return {
    orderId: sale.orderId,
    ticket: ticketNumber(sale.terminalId, sale.seq),
    terminalId: sale.terminalId,
    businessDate: businessDateOf(sale.at),
    createdAt,
    createdBy: by,
    status: 'placed',
    statusHistory: [{ status: 'placed', at: createdAt, by }],
    lines: sale.lines,
    ...(sale.orderDiscount && { orderDiscount: sale.orderDiscount }),
    ...(sale.discountReason && { discountReason: sale.discountReason }),
    ...(sale.approval && { discountApprovedBy: sale.approval.approvedBy, discountApproval: sale.approval }),
    subtotalCents: totals.subtotalCents,
    discountCents: totals.discountCents,
    taxRateBps: shop.taxRateBps,
    taxInclusive: shop.taxInclusive,
    taxCents: totals.taxCents,
    totalCents: totals.totalCents,
    tenders: sale.tenders,
    paidCents: settlement.paidCents,
    changeCents: settlement.changeCents,
    refunds: [],
    refundedCents: 0,
    ...(customer && {
      customerId: customer.userId,
      customerName: customer.name,
      rewardCents: totals.rewardCents,
      pointsEarned: pointsEarned(totals, shop.loyalty),
      pointsRedeemed: sale.pointsRedeemed ?? 0,
      pointsReversed: 0,
      pointsReturned: false,
    }),
    ...fulfilmentFields(sale.fulfilment, totals.feeCents, shop.delivery?.taxed ?? false),
    version: 1,
  };
}

/** Paid, if at all, in cash to the shipper at the door: no tender was taken at the counter. */
export const paysOnDelivery = (order: Pick<Order, 'tenders' | 'delivery'>): boolean => order.delivery?.payOnDelivery === true && order.tenders.length === 0;

/**
 * A cash-on-delivery order whose cash no shipper has collected yet: nothing was paid, so cancelling
 * it gives nothing back (and takes nothing out of a drawer); the sale just didn't happen.
 */
export const unpaidOnDelivery = (order: Pick<Order, 'tenders' | 'delivery'>): boolean => paysOnDelivery(order) && order.delivery!.cashCollectedCents === undefined;

/**
 * Each line's share of what the customer paid (its net, plus its share of the order discount and
 * the tax), split by largest remainder so the shares add up to the total exactly.
 */
export function lineAllocations(order: Pick<Order, 'lines' | 'totalCents'>): Cents[] {
  const nets = order.lines.map((l) => l.netCents);
  const netSum = nets.reduce((a, b) => a + b, 0);
  if (netSum === 0) return nets.map(() => 0);
  // Integer arithmetic: n·total stays far below 2^53 for any café's order.
  const shares = nets.map((n) => Math.floor((n * order.totalCents) / netSum));
  const remainders = nets.map((n, i) => [(n * order.totalCents) % netSum, i] as const);
  let left = order.totalCents - shares.reduce((a, b) => a + b, 0);
  for (const [, i] of remainders.toSorted((a, b) => b[0] - a[0] || a[1] - b[1])) {
    if (left <= 0) break;
    shares[i]!++;
    left--;
  }
  return shares;
}

/**
 * What refunding `quantity` more units of a line returns: the line's share for the units refunded
 * after this, minus before. Refunding every unit, in any steps, returns exactly the line's share.
 */
export function lineRefundCents(allocation: Cents, lineQuantity: number, alreadyRefunded: number, quantity: number): Cents {
  const upTo = (units: number) => divideRoundHalfUp(allocation * units, lineQuantity);
  return upTo(alreadyRefunded + quantity) - upTo(alreadyRefunded);
}

/**
 * The points a refund moves: earned points come back in proportion to the money refunded, and the
 * points spent on a reward go back to the customer once the order is fully refunded.
 */
export function pointsReversal(order: Order, refundedCentsAfter: Cents): { reverseEarned: number; returnRedeemed: number } {
  const earned = order.pointsEarned ?? 0;
  const full = refundedCentsAfter >= order.totalCents;
  const target = full || order.totalCents === 0 ? earned : Math.floor((earned * refundedCentsAfter) / order.totalCents);
  return {
    reverseEarned: Math.max(0, target - (order.pointsReversed ?? 0)),
    returnRedeemed: full && !order.pointsReturned ? (order.pointsRedeemed ?? 0) : 0,
  };
}
