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

/** A shift's opening or close, a drawer movement or a punch the cloud refused, in words for the sync panel. */
export interface ParkedRecord {
  key: string;
  what: string;
  at: string;
  reason: string;
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
  /** Shift and drawer records (shift opened, pay-ins/outs, drops, no-sales, cash refunds, closes) not yet in the cloud. */
  pendingDrawer: number;
  /** Time-clock punches (in, out, breaks) made here and not yet in the cloud. */
  pendingPunches: number;
  /** When the oldest pending order, shift/drawer record or punch was made, ISO. */
  oldestAt: string | null;
  /** While a backlog is being sent: how far along it is. */
  draining: { done: number; total: number } | null;
  /** Why sending is stopped, if it is waiting rather than failing (e.g. nobody is signed in). */
  waitingFor: 'sign-in' | null;
  /** The last problem sending, in words, and when the next try is. */
  lastError: string | null;
  nextAttemptAt: string | null;
  parked: ParkedOrder[];
  /** Shift, drawer and time-clock records refused for good: kept here until a manager retries them. */
  parkedRecords: ParkedRecord[];
  /** Damaged journal records found at start, kept aside and reported. */
  damaged: { at: string; file: string; message: string }[];
  terminal: TerminalStatus;
}

/** Everything on this till not yet in the cloud: orders, board moves, shift and drawer records, punches. */
export function waitingToSync(status: Partial<Pick<SyncStatus, 'pending' | 'pendingMoves' | 'pendingDrawer' | 'pendingPunches'>> | undefined): number {
  return (status?.pending ?? 0) + (status?.pendingMoves ?? 0) + (status?.pendingDrawer ?? 0) + (status?.pendingPunches ?? 0);
}

const counted = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

/**
 * "3 orders and 1 drawer record waiting to sync, oldest 12 minutes": the line the header and the
 * sign-out warning show. A pay-out or a shift's close waits in the same journal as the sales.
 */
export function describeBacklog(status: Pick<SyncStatus, 'pending' | 'oldestAt'> & Partial<Pick<SyncStatus, 'pendingMoves' | 'pendingDrawer' | 'pendingPunches'>>, now: number): string {
  const parts = [
    ...(status.pending > 0 ? [counted(status.pending, 'order', 'orders')] : []),
    ...(status.pendingDrawer ? [counted(status.pendingDrawer, 'drawer record', 'drawer records')] : []),
    ...(status.pendingPunches ? [counted(status.pendingPunches, 'time-clock punch', 'time-clock punches')] : []),
    ...(status.pendingMoves ? [counted(status.pendingMoves, 'board change', 'board changes')] : []),
  ];
  if (parts.length === 0) return 'All orders synced';
  const what = `${parts.length > 1 ? `${parts.slice(0, -1).join(', ')} and ${parts.at(-1)}` : parts[0]} waiting to sync`;
  // Board moves carry no age of their own: "oldest" is said of orders, drawer records and punches.
  if (!status.oldestAt || (status.pending === 0 && !status.pendingDrawer && !status.pendingPunches)) return what;
  const minutes = Math.max(0, Math.floor((now - Date.parse(status.oldestAt)) / 60_000));
  return `${what}, oldest ${minutes === 0 ? 'under a minute' : `${minutes} ${minutes === 1 ? 'minute' : 'minutes'}`}`;
}
