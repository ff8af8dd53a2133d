import type { Cents } from './money';

/** One shift of a day on any till, for the managers' Reports screen: its Z, or that it is still open. */
export interface ZRow {
  shiftId: string;
  terminalId: string;
  businessDate: string;
  openedAt: string;
  openedBy: string;
  floatCents: Cents;
  /** Absent while the shift is open (or its close hasn't reached the cloud yet). */
  z?: {
    /** Z-T1-0042: numbered per till. */
    label: string;
    closedAt: string;
    closedBy: string;
    countedCents: Cents;
    expectedCents: Cents;
    varianceCents: Cents;
    reason?: string;
  };
}

export interface ZReportsView {
  from: string;
  to: string;
  terminalId: string | null;
  /** Oldest first, by day then till then opening time. */
  rows: ZRow[];
}
