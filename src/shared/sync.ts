/**
 * What the till tells staff about a record the cloud refused for good: a whole order, or only an
 * order's points (the sale itself went through; the points change waits for a manager).
 */
export interface ParkedOrder {
  part: 'order' | 'points';
  orderId: string;
  ticket: string;
  totalCents: number;
  createdAt: string;
  createdBy: string;
  reason: string;
  parkedAt: string;
  /** For a points change: whose points, and how many it adds or spends. */
  points?: { customerName: string; earned: number; redeemed: number };
}

/** A till's id on tickets (T1-042): short enough for a ticket, unambiguous read aloud. */
export const TERMINAL_ID = /^[A-Z][A-Z0-9]{0,3}$/;
export const TERMINAL_ID_RULE = 'a capital letter then up to 3 capitals or digits, like T1';

/** This till's id on tickets, and whether the cloud has it down as this till's. */
export interface TerminalStatus {
  id: string;
  /** `pending`: not registered yet (offline, or nobody signed in); `parked`: another till holds it. */
  state: 'pending' | 'synced' | 'parked';
  problem?: string;
}

export interface SyncStatus {
  /** When main answered, ISO: ages ("oldest 4 minutes") are measured from it. */
  asOf: string;
  /** Whether the database answered the last request this till made. */
  online: boolean;
  /** Since when it has been in that state, ISO. */
  since: string;
  /** Orders saved on this till and not yet in the cloud (parked ones not included). */
  pending: number;
  /** Board moves (Start, Ready, Complete) made here and not yet in the cloud. */
  pendingMoves: number;
  /** When the oldest of them was rung up, ISO. */
  oldestAt: string | null;
  /** While a backlog is being sent: how far along it is. */
  draining: { done: number; total: number } | null;
  /** Why sending is stopped, if it is waiting rather than failing (e.g. nobody is signed in). */
  waitingFor: 'sign-in' | null;
  /** The last problem sending, in words, and when the next try is. */
  lastError: string | null;
  nextAttemptAt: string | null;
  parked: ParkedOrder[];
  /** Damaged journal records found at start, kept aside and reported. */
  damaged: { at: string; file: string; message: string }[];
  terminal: TerminalStatus;
}

/** "3 orders waiting to sync, oldest 12 minutes": the line the header and the sign-out warning show. */
export function describeBacklog(status: Pick<SyncStatus, 'pending' | 'oldestAt'>, now: number): string {
  if (status.pending === 0) return 'All orders synced';
  const orders = `${status.pending} ${status.pending === 1 ? 'order' : 'orders'} waiting to sync`;
  if (!status.oldestAt) return orders;
  const minutes = Math.max(0, Math.floor((now - Date.parse(status.oldestAt)) / 60_000));
  return `${orders}, oldest ${minutes === 0 ? 'under a minute' : `${minutes} ${minutes === 1 ? 'minute' : 'minutes'}`}`;
}
