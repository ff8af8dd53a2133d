import { describe, expect, it } from 'vitest';
import { describeBacklog, waitingToSync } from '../../src/shared/sync';
import { isSettling } from '../../src/shared/sync-header';
import type { SyncStatus } from '../../src/shared/sync';

const now = Date.parse('2026-12-01T12:00:00.000Z');
const ago = (ms: number) => new Date(now - ms).toISOString();

describe('what the header and the sign-out warning count', () => {
  it('drawer and shift records count as waiting, like orders and board moves', () => {
    expect(waitingToSync({ pending: 0, pendingMoves: 0, pendingDrawer: 2 })).toBe(2);
    expect(waitingToSync({ pending: 3, pendingMoves: 1, pendingDrawer: 2 })).toBe(6);
    expect(waitingToSync({ pending: 1, pendingMoves: 0, pendingDrawer: 0, pendingPunches: 2 })).toBe(3);
    expect(waitingToSync(undefined)).toBe(0);
  });

  it('says what is waiting, drawer records included', () => {
    expect(describeBacklog({ pending: 0, pendingDrawer: 1, oldestAt: ago(3 * 60_000) }, now)).toBe('1 drawer record waiting to sync, oldest 3 minutes');
    expect(describeBacklog({ pending: 3, pendingDrawer: 2, oldestAt: ago(12 * 60_000) }, now)).toBe('3 orders and 2 drawer records waiting to sync, oldest 12 minutes');
    expect(describeBacklog({ pending: 1, pendingDrawer: 1, pendingMoves: 2, oldestAt: ago(0) }, now)).toBe('1 order, 1 drawer record and 2 board changes waiting to sync, oldest under a minute');
    expect(describeBacklog({ pending: 0, pendingMoves: 1, pendingDrawer: 0, oldestAt: null }, now)).toBe('1 board change waiting to sync');
    expect(describeBacklog({ pending: 0, pendingPunches: 2, oldestAt: ago(5 * 60_000) }, now)).toBe('2 time-clock punches waiting to sync, oldest 5 minutes');
    expect(describeBacklog({ pending: 0, pendingMoves: 0, pendingDrawer: 0, oldestAt: null }, now)).toBe('All orders synced');
  });

  it('a pay-out that hasn’t reached the cloud after a few seconds is news in the header, not a sale settling', () => {
    const status = {
      asOf: ago(0),
      online: true,
      since: ago(3_600_000),
      pending: 0,
      pendingMoves: 0,
      pendingDrawer: 1,
      pendingPunches: 0,
      oldestAt: ago(2_000),
      draining: null,
      waitingFor: null,
      lastError: null,
      nextAttemptAt: null,
      parked: [],
      parkedRecords: [],
      damaged: [],
      terminal: { id: 'T1', state: 'synced' },
    } satisfies SyncStatus;
    expect(isSettling(status)).toBe(true);
    expect(isSettling({ ...status, oldestAt: ago(60_000) })).toBe(false);
  });
});
