// A time-clock punch's durable commit (timeclock journal: state check, append, fdatasync, apply)
// vs a raw append + fdatasync of a record of the same size. Target ≤ 1.5×, like the drawer's.
import { timeclockJournal } from '../src/main/sync/timeclock';
import { isEntryPoint } from './harness';
import { formatJournalCommitBench, runJournalCommitBench, type JournalCommitBenchResult } from './journal-commit';

export const PUNCH_TARGET_RATIO = 1.5;

const RILEY = { userId: '5d0c1b2a-3e4f-4a6b-8c7d-0e1f2a3b4c5d', name: 'Riley Park', email: 'riley@coffeecloud.dev' };

export function runPunchBench(options: { log?: (line: string) => void } = {}): Promise<JournalCommitBenchResult> {
  return runJournalCommitBench(
    'punch',
    PUNCH_TARGET_RATIO,
    async (state, record) => {
      const clock = timeclockJournal(state, record, () => {});
      let clockedIn = false;
      return {
        // Alternating in and out: every punch is a valid one, as at the till.
        commit: () => async () => {
          await clock.punch(RILEY, clockedIn ? 'out' : 'in', new Date(), '2026-12-01', 'B1');
          clockedIn = !clockedIn;
        },
        sample: () => ({ t: 'punch', punch: { punchId: `${Date.now().toString(36)}-0123456789ab`, ...RILEY, kind: 'in', at: new Date().toISOString(), workDate: '2026-12-01', terminalId: 'B1' } }),
      };
    },
    options,
  );
}

export const formatPunchBench = (r: JournalCommitBenchResult) => formatJournalCommitBench('Time-clock punch', 'timeclock journal punch (durable)', 'ratio punch / raw', r);

if (isEntryPoint(import.meta.url)) {
  runPunchBench({ log: (line) => console.error(line) })
    .then((r) => console.log(formatPunchBench(r)))
    .catch((error: unknown) => {
      console.error('Punch benchmark failed:', error);
      process.exitCode = 1;
    });
}
