import { countTotal, varianceNeedsReason, variance, zLabel, type DenominationCount } from '../../shared/drawer';
import type { ShopSettings } from '../../shared/menu';
import { formatCents, type Cents } from '../../shared/money';
import { businessDateOf, type Order } from '../../shared/orders';
import { salesReport, type SalesReport } from '../../shared/reports';
import type { Tender } from '../../shared/pricing';
import { AppError } from '../../shared/result';
import { DEFAULT_VARIANCE_THRESHOLD_CENTS } from '../../shared/settings';
import { shiftSales, type DrawerKind, type DrawerRecord, type ShiftCurrent, type ShiftReport, type ShiftSales } from '../../shared/shift';
import type { StaffSession } from '../auth/service';
import { stampOf } from '../orders/stamp';
import type { ShiftEntry } from '../sync/state';
import type { ShiftJournal } from '../sync/shifts';

/**
 * Shifts and the cash drawer of this till, for the channels and for checkout and refunds. Every
 * change is a journal record (sync/shifts.ts), so all of it works offline; the figures are derived
 * from the records each time. Baristas count blind: nothing a barista is sent carries expected
 * cash or the variance, before or after the close.
 */
export interface ShiftDeps {
  shifts: ShiftJournal;
  terminalId: () => string;
  /** The shop's settings, from the cloud or the till's last copy. */
  settings: () => Promise<ShopSettings>;
  /** The shift's orders as the cloud has them (refunds on any till included), or null offline. */
  cloudOrders?: (shiftId: string, businessDates: readonly string[]) => Promise<Order[] | null>;
  /** Category by product id for the sales figures (the till's last copy of the menu). */
  categories?: () => Record<string, string>;
  timeZone?: string;
  now?: () => Date;
  /**
   * A pay-in, pay-out, drop or no-sale was journaled: the drawer opens (the printer's kick). Called
   * after the record is durable, and whatever it does can't undo or fail the movement.
   */
  onCashMoved?: (movement: DrawerRecord) => void;
}

/** How a float or a count is given: by denomination, or as a typed total. */
export interface CashCount {
  totalCents?: Cents;
  count?: DenominationCount;
}

const DONE = new Set(['completed', 'cancelled']);

/** Nor does a barista's sales report carry the tenders. */
function blindReport(manager: boolean, report: SalesReport): SalesReport {
  return manager ? report : { ...report, tenders: [] };
}

/** A barista's sales figures leave out the tenders: cash taken less change is most of expected cash. */
function blindFor(manager: boolean, sales: ShiftSales): ShiftSales {
  if (manager) return sales;
  const { cashCents: _cash, cardCents: _card, changeCents: _change, ...rest } = sales;
  return rest;
}

export function createShiftService({
  shifts,
  terminalId,
  settings,
  cloudOrders = async () => null,
  categories = () => ({}),
  timeZone = Intl.DateTimeFormat().resolvedOptions().timeZone,
  now = () => new Date(),
  onCashMoved = () => {},
}: ShiftDeps) {
  const figures = (orders: readonly Order[]) => salesReport(orders, { timeZone, categories: categories() });
  /**
   * The orders a shift's sales figures count: this till's copies, each replaced by the cloud's when
   * it is newer (a refund changes the order in the cloud, not the till's journaled copy). The
   * drawer's cash is figured from the till's own records either way.
   */
  async function salesOrders(shift: ShiftEntry): Promise<Order[]> {
    const local = shifts.ordersOf(shift.open.shiftId);
    const cloud = await cloudOrders(shift.open.shiftId, [shift.open.businessDate, businessDateOf(now())]);
    if (!cloud) return local;
    const merged = new Map(local.map((o) => [o.orderId, o]));
    for (const o of cloud) if ((merged.get(o.orderId)?.version ?? 0) <= o.version) merged.set(o.orderId, o);
    const orders = [...merged.values()];
    if (!shift.close) await healCashRefunds(shift, orders);
    return orders;
  }

  /**
   * A refund is written to the cloud before its cash is journaled as a drawer movement: a till
   * killed in between would lose the movement. The cloud's refund names this shift, so the
   * movement is journaled again here, under the same id (`refund-<refundId>`: never twice).
   */
  async function healCashRefunds(shift: ShiftEntry, orders: readonly Order[]): Promise<void> {
    const have = new Set(shift.movements.map((m) => m.movementId));
    for (const order of orders) {
      for (const r of order.refunds) {
        const cash = (r.tenders ?? []).filter((t) => t.kind === 'cash').reduce((sum, t) => sum + t.amountCents, 0);
        if (r.shiftId !== shift.open.shiftId || cash === 0 || have.has(`refund-${r.refundId}`)) continue;
        await shifts.move({ movementId: `refund-${r.refundId}`, kind: 'cashRefund', amountCents: cash, reason: `Refund ${order.ticket}: ${r.reason}`, orderId: order.orderId, refundId: r.refundId, at: r.at, by: r.by });
      }
    }
  }

  async function shop(): Promise<ShopSettings> {
    return settings();
  }
  const money = (cents: Cents, s: ShopSettings) => formatCents(cents, s.currency, s.locale);

  /** A count's total, checked: a count by denomination must add up to a typed total if both are given. */
  function counted(cash: CashCount, s: ShopSettings, field: string): Cents {
    if (cash.count) {
      const total = countTotal(s.currency, cash.count);
      if (!total.ok) throw new AppError('VALIDATION', total.problem, { fields: [{ path: `${field}.count`, message: total.problem }] });
      if (cash.totalCents !== undefined && cash.totalCents !== total.totalCents) {
        const problem = `The count adds up to ${money(total.totalCents, s)}, not the ${money(cash.totalCents, s)} typed. Check the count.`;
        throw new AppError('VALIDATION', problem, { fields: [{ path: `${field}.totalCents`, message: problem }] });
      }
      return total.totalCents;
    }
    if (cash.totalCents === undefined) throw new AppError('VALIDATION', 'Count the cash: by bills and coins, or type the total.', { fields: [{ path: `${field}.totalCents`, message: 'Enter the amount.' }] });
    return cash.totalCents;
  }

  function mustBeOpen(): ShiftEntry {
    const shift = shifts.current();
    if (!shift) throw new AppError('CONFLICT', 'No shift is open on this till. Open one with its float first.');
    return shift;
  }

  /** A barista sees their own shift only, and never expected cash or the variance. */
  /**
   * The shift as this person may see it. Asked for (`read`), a barista may see only a shift they
   * opened. As the answer to their own pay-out or close (`reply`) on someone else's shift, they get
   * it without its figures: refusing there told them a recorded pay-out had failed, inviting a second.
   */
  async function report(shift: ShiftEntry, session: StaffSession, purpose: 'read' | 'reply' = 'read'): Promise<ShiftReport> {
    const manager = session.role === 'Admin';
    const others = !manager && shift.open.by.userId !== session.sub;
    if (others && purpose === 'read') {
      throw new AppError('FORBIDDEN', `This shift is ${shift.open.by.name}’s: a barista sees only the report of a shift they opened.`);
    }
    const { open, close } = shift;
    const base = {
      kind: close ? ('Z' as const) : ('X' as const),
      shiftId: open.shiftId,
      terminalId: open.terminalId,
      businessDate: open.businessDate,
      openedAt: open.at,
      openedBy: open.by,
      floatCents: open.floatCents,
    };
    const z = close && {
      zNumber: close.zNumber,
      label: zLabel(open.terminalId, close.zNumber),
      closedAt: close.at,
      closedBy: close.by,
      countedCents: close.countedCents,
      state: shifts.synced(shift) ? ('final' as const) : ('pending sync' as const),
    };
    const bare = ({ state: _s, problem: _p, ...m }: (typeof shift.movements)[number]) => m;
    if (others) {
      return { ...base, movements: shift.movements.filter((m) => m.by.userId === session.sub).map(bare), openOrders: [], ...(z && { z }) };
    }
    const orders = close ? [] : await salesOrders(shift);
    return {
      ...base,
      ...(manager && { drawer: close ? close.drawer : shifts.drawer(shift) }),
      movements: shift.movements.map(bare),
      // A Z shows the sales as they were at close; an X, as they are now.
      sales: blindFor(manager, close ? close.sales : shiftSales(orders)),
      ...((close?.report || !close) && { report: blindReport(manager, close ? close.report! : figures(orders)) }),
      openOrders: close ? close.carried : orders.filter((o) => !DONE.has(o.status)).map((o) => ({ orderId: o.orderId, ticket: o.ticket })),
      ...(close &&
        z && {
          z: {
            ...z,
            ...(close.count && { count: close.count }),
            ...(manager && { expectedCents: close.expectedCents, varianceCents: close.varianceCents }),
            ...(close.reason && { reason: close.reason }),
          },
        }),
    };
  }

  async function open(float: CashCount, session: StaffSession): Promise<ShiftEntry> {
    const s = await shop();
    const floatCents = counted(float, s, 'float');
    const at = now();
    const opened = await shifts.open({
      terminalId: terminalId(),
      businessDate: businessDateOf(at),
      floatCents,
      ...(float.count && { count: float.count }),
      at: at.toISOString(),
      by: stampOf(session),
    });
    return shifts.get(opened.shiftId)!;
  }

  return {
    async current(): Promise<ShiftCurrent> {
      const s = await shop();
      const shift = shifts.current();
      const last = shifts.closed()[0];
      return {
        terminalId: terminalId(),
        open: shift && { shiftId: shift.open.shiftId, openedAt: shift.open.at, openedBy: shift.open.by, floatCents: shift.open.floatCents },
        lastZ: last?.close ? { shiftId: last.open.shiftId, label: zLabel(last.open.terminalId, last.close.zNumber), closedAt: last.close.at } : null,
        varianceThresholdCents: s.varianceThresholdCents ?? DEFAULT_VARIANCE_THRESHOLD_CENTS,
        currency: s.currency,
      };
    },

    async open(float: CashCount, session: StaffSession): Promise<ShiftReport> {
      return report(await open(float, session), session);
    },

    /**
     * The shift a sale belongs to. Cash needs an open shift on this till: with none, the float the
     * payment step asked for opens one first; card-only sales go without.
     */
    async forSale(tenders: readonly Tender[], float: CashCount | undefined, session: StaffSession): Promise<string | undefined> {
      const current = shifts.current();
      if (current) return current.open.shiftId;
      if (!tenders.some((t) => t.kind === 'cash')) return undefined;
      if (!float) {
        throw new AppError('CONFLICT', 'Taking cash needs an open shift on this till: count the opening float first.', { fields: [{ path: 'openShift', message: 'Enter the opening float.' }] });
      }
      return (await open(float, session)).open.shiftId;
    },

    /** A pay-in, pay-out, cash drop or no-sale in the open shift's drawer. */
    async movement(input: { kind: Exclude<DrawerKind, 'cashRefund'>; amountCents: Cents; reason: string }, session: StaffSession): Promise<ShiftReport> {
      const shift = mustBeOpen();
      if (input.kind === 'noSale' && input.amountCents !== 0) throw new AppError('VALIDATION', 'A no-sale moves no money: leave the amount at 0.', { fields: [{ path: 'amountCents', message: 'No amount for a no-sale.' }] });
      if (input.kind !== 'noSale' && input.amountCents <= 0) throw new AppError('VALIDATION', 'Enter the amount, more than 0.', { fields: [{ path: 'amountCents', message: 'More than 0.' }] });
      // A manager can't take out more than the drawer should hold. A barista isn't told: answering
      // "not that much" to a few tries would tell them expected cash, and they count blind.
      if ((input.kind === 'payOut' || input.kind === 'drop') && session.role === 'Admin') {
        const { expectedCents } = shifts.drawer(shift);
        if (input.amountCents > expectedCents) {
          const s = await shop();
          throw new AppError('VALIDATION', `The drawer should hold ${money(expectedCents, s)}: it can’t ${input.kind === 'payOut' ? 'pay out' : 'drop'} ${money(input.amountCents, s)}.`, {
            fields: [{ path: 'amountCents', message: 'More than the drawer holds.' }],
          });
        }
      }
      const moved = await shifts.move({ kind: input.kind, amountCents: input.amountCents, reason: input.reason, at: now().toISOString(), by: stampOf(session) });
      try {
        onCashMoved(moved);
      } catch (error) {
        console.error('[printer] could not queue the drawer kick', error);
      }
      return report(shifts.current()!, session, 'reply');
    },

    /** Cash a refund gave back out of this till's drawer: it needs an open shift here. */
    requireOpen: () => mustBeOpen().open.shiftId,
    async cashRefund(orderId: string, refundId: string, amountCents: Cents, reason: string, session: StaffSession): Promise<void> {
      await shifts.move({ movementId: `refund-${refundId}`, kind: 'cashRefund', amountCents, reason, orderId, refundId, at: now().toISOString(), by: stampOf(session) });
    },

    async close(input: CashCount & { shiftId?: string; reason?: string }, session: StaffSession): Promise<ShiftReport> {
      const s = await shop();
      const shift = input.shiftId ? shifts.get(input.shiftId) : mustBeOpen();
      if (!shift) throw new AppError('NOT_FOUND', 'That shift isn’t on this till.');
      if (shift.close) throw new AppError('CONFLICT', `This shift is already closed as ${zLabel(shift.open.terminalId, shift.close.zNumber)}; a Z never changes. Reprint it instead.`);
      const countedCents = counted(input, s, 'count');
      const orders = await salesOrders(shift);
      const drawer = shifts.drawer(shift);
      const off = variance(countedCents, drawer.expectedCents);
      const threshold = s.varianceThresholdCents ?? DEFAULT_VARIANCE_THRESHOLD_CENTS;
      const reason = input.reason?.trim();
      if (varianceNeedsReason(off, threshold) && !reason) {
        // A barista counts blind: they learn only that the count is off, never by how much.
        const problem =
          session.role === 'Admin'
            ? `The drawer is ${money(Math.abs(off), s)} ${off < 0 ? 'short' : 'over'} (expected ${money(drawer.expectedCents, s)}), more than the ${money(threshold, s)} allowed: give a reason, or count again.`
            : `The count is off from what the drawer should hold by more than ${money(threshold, s)}: count again, or give a reason.`;
        throw new AppError('VALIDATION', problem, { fields: [{ path: 'reason', message: 'A reason is needed.' }] });
      }
      await shifts.close(shift.open.shiftId, {
        ...(input.count && { count: input.count }),
        countedCents,
        expectedCents: drawer.expectedCents,
        varianceCents: off,
        ...(reason && { reason }),
        drawer,
        sales: shiftSales(orders),
        report: figures(orders),
        carried: orders.filter((o) => !DONE.has(o.status)).map((o) => ({ orderId: o.orderId, ticket: o.ticket })),
        at: now().toISOString(),
        by: stampOf(session),
      });
      return report(shifts.get(shift.open.shiftId)!, session, 'reply');
    },

    /** X for the open shift (or a Z by id): a barista only their own, blind. */
    async report(shiftId: string | undefined, session: StaffSession): Promise<ShiftReport> {
      const shift = shiftId ? shifts.get(shiftId) : shifts.current();
      if (!shift) throw new AppError('NOT_FOUND', shiftId ? 'That shift isn’t on this till any more.' : 'No shift is open on this till.');
      return report(shift, session);
    },
  };
}

export type ShiftService = ReturnType<typeof createShiftService>;
