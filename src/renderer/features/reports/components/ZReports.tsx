import type { ReportRange } from '../../../../shared/reports';
import type { ZRow } from '../../../../shared/z-reports';
import { describeError } from '../../../ui/forms';
import { useZReports } from '../queries';

/**
 * The range's shifts on every till with their Z: number, expected, counted and over/short, so a
 * manager checks each till's close from one screen. A shift still open (or whose close hasn't
 * synced yet) says so instead of a Z.
 */
export function ZReports({ range, asOf, money, locale }: { range: ReportRange; asOf: string; money: (cents: number) => string; locale: string }) {
  const z = useZReports(range, asOf);
  const time = (iso: string) => new Date(iso).toLocaleString(locale, { dateStyle: range.from === range.to ? undefined : 'short', timeStyle: 'short' });
  const offBy = (row: NonNullable<ZRow['z']>) => (row.varianceCents === 0 ? money(0) : `${money(Math.abs(row.varianceCents))} ${row.varianceCents < 0 ? 'short' : 'over'}`);
  return (
    <section className="report-section" aria-labelledby="z-title">
      <div className="report-section-head">
        <h3 id="z-title">Z reports</h3>
      </div>
      {z.isPending && <p role="status">Reading the shifts…</p>}
      {z.error && <p className="field-error" role="alert">{describeError(z.error)?.message}</p>}
      {z.data && z.data.rows.length === 0 && <p className="field-hint">No shifts.</p>}
      {z.data && z.data.rows.length > 0 && (
        <div className="report-table-wrap">
          <table className="report-table" data-testid="z-reports">
            <caption className="visually-hidden">Z reports</caption>
            <thead>
              <tr>
                <th scope="col">Z</th>
                <th scope="col">Till</th>
                <th scope="col">Opened</th>
                <th scope="col">Closed</th>
                <th scope="col" className="num">Expected</th>
                <th scope="col" className="num">Counted</th>
                <th scope="col" className="num">Over/short</th>
              </tr>
            </thead>
            <tbody>
              {z.data.rows.map((row) => (
                <tr key={row.shiftId}>
                  <th scope="row">{row.z ? row.z.label : 'Open'}</th>
                  <td>{row.terminalId}</td>
                  <td>
                    {time(row.openedAt)} · {row.openedBy}
                  </td>
                  <td>{row.z ? `${time(row.z.closedAt)} · ${row.z.closedBy}` : 'Not closed yet'}</td>
                  <td className="num">{row.z ? money(row.z.expectedCents) : ''}</td>
                  <td className="num">{row.z ? money(row.z.countedCents) : ''}</td>
                  <td className="num">
                    {row.z ? offBy(row.z) : ''}
                    {row.z?.reason && <div className="field-hint">{row.z.reason}</div>}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
