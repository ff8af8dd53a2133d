import { cashSaleMovement, drawerTotals, type DenominationCount, type DrawerMovement, type DrawerTotals } from './drawer';
import type { Cents } from './money';
import { paysOnDelivery, type Order, type RecordedTender, type StaffStamp } from './orders';
import type { SalesReport } from './reports';

/**
 * A till's shift and its drawer, as records: what the journal holds, what the sync worker puts in
 * DynamoDB (one immutable item each), and what X and Z reports are derived from. Nothing here is a
 * running total: expected cash is recomputed from these every time (drawer.ts).
 */

/** The shop a till belongs to, in keys that group by day: a chain of cafés gets its own later. */
export const STORE_ID = 'main';

/** Opening a shift: the float the drawer starts with, counted by denomination or typed. */
export interface ShiftOpen {
  shiftId: string;
  terminalId: string;
  /** The business day the shift opened on; its Z belongs to that day. */
  businessDate: string;
  floatCents: Cents;
  count?: DenominationCount;
  at: string;
  by: StaffStamp;
}

/** Cash moved in or out of the drawer by hand (or a cash refund), with why and who. */
export type DrawerKind = 'payIn' | 'payOut' | 'drop' | 'noSale' | 'cashRefund';
export const DRAWER_LABEL: Record<DrawerKind, string> = { payIn: 'Pay in', payOut: 'Pay out', drop: 'Cash drop', noSale: 'No sale', cashRefund: 'Cash refund' };
export interface DrawerRecord {
  movementId: string;
  shiftId: string;
  kind: DrawerKind;
  /** 0 for a no-sale. */
  amountCents: Cents;
  reason: string;
  /** A cash refund's order and refund. */
  orderId?: string;
  refundId?: string;
  at: string;
  by: StaffStamp;
}

/** Closing a shift: the count, what the records said should be there, and the Z's number. */
export interface ShiftClose {
  shiftId: string;
  zNumber: number;
  count?: DenominationCount;
  countedCents: Cents;
  expectedCents: Cents;
  varianceCents: Cents;
  reason?: string;
  /** The drawer's figures at close, kept so a reprint shows exactly what was closed. */
  drawer: DrawerTotals;
  /** The shift's order count and sales totals at close (same reason). */
  sales: ShiftSales;
  /** The full sales figures at close (reports.ts): categories, items, hours, staff, tenders, points. */
  report?: SalesReport;
  /** Orders of this shift still on the board at close: they carry on into the next shift. */
  carried: { orderId: string; ticket: string }[];
  at: string;
  by: StaffStamp;
}

export interface ShiftSales {
  orders: number;
  grossCents: Cents;
  discountCents: Cents;
  taxCents: Cents;
  /** Ordered totals (after discounts, with tax). */
  totalCents: Cents;
  /** Given back by refunds and cancels, tax included. */
  refundsCents: Cents;
  /** Totals − refunds: what the shift's sales kept. */
  keptCents: Cents;
  /** By tender: absent for a barista, whose count is blind (cash − change is most of expected). */
  cashCents?: Cents;
  cardCents?: Cents;
  changeCents?: Cents;
}

/** An order's tenders with its change on the cash ones: only cash gives change (pricing.settle). */
export function tendersWithChange(order: Pick<Order, 'tenders' | 'changeCents'>): RecordedTender[] {
  if (order.tenders.some((t) => t.changeCents !== undefined) || !order.changeCents) return order.tenders;
  const lastCash = order.tenders.findLastIndex((t) => t.kind === 'cash');
  return order.tenders.map((t, i) => (i === lastCash ? { ...t, changeCents: order.changeCents } : t));
}

/**
 * What an order was paid with, as a refund can give it back: its tenders with their change; for
 * cash on delivery once the shipper collected it, its total in cash. What the customer handed
 * over beyond the total was change at the door (or the shipper's tip), never the café's.
 */
export function paidTenders(order: Pick<Order, 'tenders' | 'changeCents' | 'totalCents' | 'delivery'>): RecordedTender[] {
  if (paysOnDelivery(order) && order.delivery!.cashCollectedCents !== undefined) return [{ kind: 'cash', amountCents: order.totalCents }];
  return tendersWithChange(order);
}

/** Every movement of a shift's drawer: its float, its sales' cash, and the hand movements, in order. */
export function shiftMovements(open: ShiftOpen, orders: readonly Order[], records: readonly DrawerRecord[]): DrawerMovement[] {
  const movements: DrawerMovement[] = [{ kind: 'float', amountCents: open.floatCents }];
  for (const order of orders) {
    const sale = cashSaleMovement(order.orderId, tendersWithChange(order));
    if (sale) movements.push(sale);
  }
  for (const r of records) {
    if (r.kind === 'noSale') movements.push({ kind: 'noSale', reason: r.reason });
    else if (r.kind === 'cashRefund') movements.push({ kind: 'cashRefund', orderId: r.orderId ?? '', amountCents: r.amountCents });
    else movements.push({ kind: r.kind, amountCents: r.amountCents, reason: r.reason });
  }
  return movements;
}

export function shiftDrawer(open: ShiftOpen, orders: readonly Order[], records: readonly DrawerRecord[]): DrawerTotals {
  return drawerTotals(shiftMovements(open, orders, records));
}

/**
 * A shift's sales as this till rang them (refunds count against the orders they refund). The full
 * breakdown (categories, items, hours) is the reports module's; this is what the drawer needs.
 */
export function shiftSales(orders: readonly Order[]): ShiftSales {
  const sales: ShiftSales = { orders: 0, grossCents: 0, discountCents: 0, taxCents: 0, totalCents: 0, refundsCents: 0, keptCents: 0, cashCents: 0, cardCents: 0, changeCents: 0 };
  for (const o of orders) {
    sales.orders += 1;
    sales.grossCents += o.subtotalCents;
    sales.discountCents += o.discountCents;
    sales.taxCents += o.taxCents;
    sales.totalCents += o.totalCents;
    sales.refundsCents += o.refundedCents;
    sales.keptCents += o.totalCents - o.refundedCents;
    for (const t of o.tenders) {
      if (t.kind === 'cash') sales.cashCents! += t.amountCents;
      else sales.cardCents! += t.amountCents;
    }
    sales.changeCents! += o.changeCents;
  }
  return sales;
}

/** What the till says about its shift: X (open) or Z (closed). Expected and variance only for managers. */
export interface ShiftReport {
  kind: 'X' | 'Z';
  shiftId: string;
  terminalId: string;
  businessDate: string;
  openedAt: string;
  openedBy: StaffStamp;
  floatCents: Cents;
  /** Absent for a barista: they count blind. */
  drawer?: DrawerTotals;
  movements: DrawerRecord[];
  /**
   * Absent, with `report`, when a barista's pay-out or close lands on a shift someone else opened:
   * what they did is done, but that shift's figures aren't theirs to see.
   */
  sales?: ShiftSales;
  /** The sales figures (salesReport over the shift's orders); a barista's leave out the tenders. */
  report?: SalesReport;
  /** Orders of the shift not yet completed or cancelled (carried to the next shift at close). */
  openOrders: { orderId: string; ticket: string }[];
  z?: {
    zNumber: number;
    label: string;
    closedAt: string;
    closedBy: StaffStamp;
    countedCents: Cents;
    count?: DenominationCount;
    /** Absent for a barista. */
    expectedCents?: Cents;
    varianceCents?: Cents;
    reason?: string;
    /** `pending sync` until the shift's every record is in the cloud; then final. */
    state: 'pending sync' | 'final';
  };
}

/** What the register and the drawer screen need to know: is a shift open here, and whose. */
export interface ShiftCurrent {
  terminalId: string;
  open: { shiftId: string; openedAt: string; openedBy: StaffStamp; floatCents: Cents } | null;
  /** The last Z this till closed, to reprint. */
  lastZ: { shiftId: string; label: string; closedAt: string } | null;
  /** The variance above which a close needs a reason (shop setting). */
  varianceThresholdCents: Cents;
  currency: string;
}
