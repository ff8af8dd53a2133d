import type { Order, OrderStatus, StaffStamp } from '../../shared/orders';
import type { DeliveryMoveRecord } from '../../shared/delivery';
import type { DrawerRecord, ShiftClose, ShiftOpen } from '../../shared/shift';
import type { Punch } from '../../shared/timecards';

/**
 * The till's state as its journal describes it: replaying the journal's records (see records.ts)
 * rebuilds exactly this. Only the record kinds change it, and only after their record is on disk.
 */
export type EntryState = 'pending' | 'synced' | 'parked' | 'void';

/** A board move (Start, Ready, Complete) made on this till, sent after its order. */
export interface Move {
  from: OrderStatus;
  to: OrderStatus;
  at: string;
  by: StaffStamp;
  state: 'pending' | 'synced' | 'skipped';
}

/**
 * An order's points, once they were refused apart from the order: the sale went to the cloud
 * without them and the change waits here for a manager (parked), is being sent again (pending), or
 * landed later (synced). Absent while they travel with the order.
 */
export interface PointsApart {
  state: 'parked' | 'pending' | 'synced';
  reason: string;
  parkedAt: string;
}

export interface Entry {
  order: Order;
  seq: number;
  state: EntryState;
  reason?: string;
  parkedAt?: string;
  moves: Move[];
  points?: PointsApart;
}

/** This till's id on tickets and whether the cloud has it down as this install's. */
export interface TerminalClaim {
  id: string;
  installId: string;
  at: string;
  state: 'pending' | 'synced' | 'parked';
  reason?: string;
}

/** Where one shift or drawer record is on its way to the cloud. */
export interface Sending {
  state: 'pending' | 'synced' | 'parked';
  /** Why the cloud refused it, when parked. */
  problem?: string;
}

/** A shift on this till: its opening, its drawer's hand movements, its close; each sent once, in that order. */
export interface ShiftEntry {
  open: ShiftOpen & Sending;
  movements: (DrawerRecord & Sending)[];
  close?: ShiftClose & Sending;
}

export interface TillState {
  entries: Map<string, Entry>;
  /** The last ticket number used per business day (reserved or journaled). */
  counters: Map<string, number>;
  terminal: TerminalClaim | null;
  /** This till's shifts, oldest first: at most one without a close. */
  shifts: Map<string, ShiftEntry>;
  /** Time-clock punches made on this till, in the order they were made (kinds/punch.ts). */
  punches: Map<string, Punch & Sending & { inAt?: string }>;
  /** Delivery steps made here offline, by move id, in the order they were made. */
  deliveries: Map<string, DeliveryMoveRecord & Sending>;
}

export function createTillState(): TillState {
  return { entries: new Map(), counters: new Map(), terminal: null, shifts: new Map(), punches: new Map(), deliveries: new Map() };
}

export function raiseCounter(state: TillState, businessDate: string, seq: number): void {
  state.counters.set(businessDate, Math.max(state.counters.get(businessDate) ?? 0, seq));
}

/** The order as this till knows it: as rung up, then moved along the board. */
export function view(entry: Entry): Order {
  const moves = entry.moves.filter((m) => m.state !== 'skipped');
  if (moves.length === 0) return entry.order;
  return {
    ...entry.order,
    status: moves.at(-1)!.to,
    statusHistory: [...entry.order.statusHistory, ...moves.map((m) => ({ status: m.to, at: m.at, by: m.by }))],
  };
}

/** Whether the cloud still lacks something of this order: itself, a move on it, or its points. */
export function unsent(entry: Entry): boolean {
  return entry.state !== 'synced' || entry.moves.some((m) => m.state === 'pending') || entry.points?.state === 'pending';
}

/** The shift open on this till, if any. */
export function openShift(state: TillState): ShiftEntry | null {
  for (const shift of state.shifts.values()) if (!shift.close) return shift;
  return null;
}

/** Shift and drawer records (openings, movements, closes) still to send, and when the oldest was made. */
export function pendingShiftRecords(state: TillState): { count: number; oldestAt: string | null } {
  let count = 0;
  let oldestAt: string | null = null;
  for (const { open, movements, close } of state.shifts.values()) {
    for (const r of [open, ...movements, ...(close ? [close] : [])]) {
      if (r.state !== 'pending') continue;
      count++;
      if (oldestAt === null || r.at < oldestAt) oldestAt = r.at;
    }
  }
  return { count, oldestAt };
}

/** Time-clock punches still to send, and when the oldest was made. */
export function pendingPunches(state: TillState): { count: number; oldestAt: string | null } {
  let count = 0;
  let oldestAt: string | null = null;
  for (const punch of state.punches.values()) {
    if (punch.state !== 'pending') continue;
    count++;
    if (oldestAt === null || punch.at < oldestAt) oldestAt = punch.at;
  }
  return { count, oldestAt };
}

/** Whether the cloud has all of a shift: its opening, movements, close, and its sales. */
export function shiftSynced(state: TillState, shift: ShiftEntry): boolean {
  if (shift.open.state !== 'synced' || shift.movements.some((m) => m.state !== 'synced') || shift.close?.state !== 'synced') return false;
  for (const entry of state.entries.values()) if (entry.order.shiftId === shift.open.shiftId && entry.state !== 'void' && entry.state !== 'synced') return false;
  return true;
}
