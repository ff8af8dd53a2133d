import type { Order, OrderStatus, StaffStamp } from '../../shared/orders';

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

export interface TillState {
  entries: Map<string, Entry>;
  /** The last ticket number used per business day (reserved or journaled). */
  counters: Map<string, number>;
  terminal: TerminalClaim | null;
}

export function createTillState(): TillState {
  return { entries: new Map(), counters: new Map(), terminal: null };
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
