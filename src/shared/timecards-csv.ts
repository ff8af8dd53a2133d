import { csv, text } from './reports-csv';
import { clockTime, decimalHours, editLine, PUNCH_LABEL, type Timecard } from './timecards';

/**
 * Timecards as CSV, one row per person per work day, through the reports' CSV writer (RFC 4180,
 * formula-looking text defused). Hours are decimals (7.50) so a payroll spreadsheet sums them; the
 * punches and every correction are spelled out so the file stands on its own in a dispute.
 */
export const TIMECARD_CSV_HEADER = ['date', 'name', 'email', 'clock in', 'clock out', 'worked hours', 'break hours', 'paid hours', 'open', 'punches', 'edits'] as const;

export function timecardsCsv(cards: readonly Timecard[]): string {
  return csv(
    TIMECARD_CSV_HEADER,
    cards.map((card) => {
      const first = card.punches.find((p) => p.kind === 'in');
      const last = card.punches.findLast((p) => p.kind === 'out');
      return [
        card.workDate,
        text(card.name),
        text(card.email),
        first ? clockTime(first.at) : '',
        last && !card.open ? clockTime(last.at) : '',
        decimalHours(card.workedMs),
        decimalHours(card.breakMs),
        decimalHours(card.paidMs),
        card.open ? 'yes' : 'no',
        card.punches.map((p) => `${PUNCH_LABEL[p.kind]} ${clockTime(p.at)}${p.added ? ' (added)' : ''}${p.edited ? ` (was ${clockTime(p.originalAt)})` : ''}`).join('; '),
        text(card.edits.map((e) => `${editLine(e)}: ${e.reason}`).join('; ')),
      ];
    }),
  );
}

export const timecardsFilename = (from: string, to: string) => (from === to ? `timecards-${from}.csv` : `timecards-${from}-to-${to}.csv`);
