import { randomBytes } from 'node:crypto';
import { zLabel } from '../../shared/drawer';
import type { Order } from '../../shared/orders';
import { AppError } from '../../shared/result';
import { shiftDrawer, type DrawerRecord, type ShiftClose, type ShiftOpen } from '../../shared/shift';
import type { JournalRecord } from './journal';
import { openShift, shiftSynced, view, type ShiftEntry, type TillState } from './state';

/**
 * The till's shifts as the rest of main sees them: opening, drawer movements and closing are
 * journaled (durably, before the answer) and then sent by the sync worker; the figures are
 * derived from the records every time. One open shift per till: the state says so, not the cloud,
 * so it holds offline.
 */
export function shiftJournal(state: TillState, record: (r: JournalRecord) => Promise<void>, sent: () => void) {
  /** Orders rung in a shift, as this till has them. */
  const ordersOf = (shiftId: string): Order[] =>
    [...state.entries.values()].filter((e) => e.order.shiftId === shiftId && e.state !== 'void').map(view);

  const newId = () => `${Date.now().toString(36)}-${randomBytes(6).toString('hex')}`;

  return {
    current: (): ShiftEntry | null => openShift(state),
    get: (shiftId: string): ShiftEntry | null => state.shifts.get(shiftId) ?? null,
    /** Closed shifts this till still keeps, newest first. */
    closed: (): ShiftEntry[] => [...state.shifts.values()].filter((s) => s.close).reverse(),
    ordersOf,
    /** Every record of the shift (opening, movements, sales, close) is in the cloud. */
    synced: (shift: ShiftEntry) => shiftSynced(state, shift),
    /** Derived from the records, never kept: float + cash taken − change + in − out − drops − cash refunds. */
    drawer: (shift: ShiftEntry) => shiftDrawer(shift.open, ordersOf(shift.open.shiftId), shift.movements),
    /** The next Z number on this till: one more than the last it closed. */
    nextZ: (): number => Math.max(0, ...[...state.shifts.values()].map((s) => s.close?.zNumber ?? 0)) + 1,

    async open(open: Omit<ShiftOpen, 'shiftId'>): Promise<ShiftOpen> {
      const current = openShift(state);
      if (current) throw new AppError('CONFLICT', `A shift is already open on this till (opened by ${current.open.by.name}). Close it before opening another.`);
      const shift: ShiftOpen = { shiftId: newId(), ...open };
      await record({ t: 'shiftOpen', shift });
      sent();
      return shift;
    },

    async move(movement: Omit<DrawerRecord, 'movementId' | 'shiftId'> & { movementId?: string }): Promise<DrawerRecord> {
      const current = openShift(state);
      if (!current) throw new AppError('CONFLICT', 'No shift is open on this till: open one with its float first.');
      const m: DrawerRecord = { ...movement, movementId: movement.movementId ?? newId(), shiftId: current.open.shiftId };
      await record({ t: 'drawer', movement: m });
      sent();
      return m;
    },

    async close(shiftId: string, close: Omit<ShiftClose, 'shiftId' | 'zNumber'>): Promise<ShiftClose> {
      const shift = state.shifts.get(shiftId);
      if (!shift) throw new AppError('NOT_FOUND', 'That shift isn’t on this till.');
      if (shift.close) throw new AppError('CONFLICT', `This shift is already closed: its Z is ${zLabel(shift.open.terminalId, shift.close.zNumber)}, and a Z never changes. Reprint it instead.`);
      const full: ShiftClose = { ...close, shiftId, zNumber: Math.max(0, ...[...state.shifts.values()].map((s) => s.close?.zNumber ?? 0)) + 1 };
      await record({ t: 'shiftClose', close: full });
      sent();
      return full;
    },
  };
}

export type ShiftJournal = ReturnType<typeof shiftJournal>;
