// A drawer record's durable commit (a pay-out through the till's shift journal: append, fdatasync,
// apply) vs a raw append + fdatasync of a record of the same size. Target ≤ 1.5×.
import { shiftJournal } from '../src/main/sync/shifts';
import type { StaffStamp } from '../src/shared/orders';
import { isEntryPoint } from './harness';
import { formatJournalCommitBench, runJournalCommitBench, type JournalCommitBenchResult } from './journal-commit';

export const DRAWER_TARGET_RATIO = 1.5;

const MANAGER: StaffStamp = { userId: '9a1b2c3d-4e5f-4a6b-8c7d-0e1f2a3b4c5d', name: 'Morgan Lee', email: 'manager@coffeecloud.dev' };

export function runDrawerBench(options: { log?: (line: string) => void } = {}): Promise<JournalCommitBenchResult> {
  return runJournalCommitBench(
    'drawer',
    DRAWER_TARGET_RATIO,
    async (state, record) => {
      const shifts = shiftJournal(state, record, () => {});
      await shifts.open({ terminalId: 'B1', businessDate: '2026-12-01', floatCents: 10_000, at: new Date().toISOString(), by: MANAGER });
      const payOut = () => ({ kind: 'payOut' as const, amountCents: 400, reason: 'milk from the corner shop', at: new Date().toISOString(), by: MANAGER });
      return {
        commit: () => {
          const movement = payOut();
          return async () => void (await shifts.move(movement));
        },
        sample: () => ({ t: 'drawer', movement: { ...payOut(), movementId: `${Date.now().toString(36)}-0123456789ab`, shiftId: shifts.current()!.open.shiftId } }),
      };
    },
    options,
  );
}

export const formatDrawerBench = (r: JournalCommitBenchResult) => formatJournalCommitBench('Drawer record (pay-out)', 'shift journal pay-out (durable)', 'ratio drawer / raw', r);

if (isEntryPoint(import.meta.url)) {
  runDrawerBench({ log: (line) => console.error(line) })
    .then((r) => console.log(formatDrawerBench(r)))
    .catch((error: unknown) => {
      console.error('Drawer benchmark failed:', error);
      process.exitCode = 1;
    });
}
