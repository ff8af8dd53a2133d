import { lazy, Suspense, useCallback, useId, useState, type FormEvent, type ReactNode } from 'react';
import { formatCents } from '../../../../shared/money';
import { businessDateOf, ORDER_TYPE_LABEL } from '../../../../shared/orders';
import { rangeProblem, type ReportRange, type SalesReportView } from '../../../../shared/reports';
import { reportTableCsv, type ReportTable } from '../../../../shared/reports-csv';
import { callPos } from '../../../api/pos';
import { describeError, ErrorBanner, Field } from '../../../ui/forms';
import { useSettings } from '../../menu/queries';
import { useSyncStatus } from '../../sync/queries';
import { downloadText } from '../download';
import { useOrdersCsv, useSalesReport } from '../queries';
import '../reports.css';
import { ZReports } from './ZReports';

// The chart library loads after the figures: the tables never wait for it.
const HourChart = lazy(() => import('./HourChart'));

const daysBefore = (date: string, days: number) => new Date(Date.parse(`${date}T00:00:00Z`) - days * 86_400_000).toISOString().slice(0, 10);
const hourLabel = (hour: number) => `${String(hour).padStart(2, '0')}:00–${String((hour + 1) % 24).padStart(2, '0')}:00`;
const TENDER_LABEL: Record<string, string> = { cash: 'Cash', card: 'Card', cashOnDelivery: 'Cash on delivery' };

function spanLabel(from: string, to: string, locale: string): string {
  const day = (d: string) => new Date(`${d}T12:00:00Z`).toLocaleDateString(locale, { timeZone: 'UTC', weekday: 'short', day: 'numeric', month: 'short', year: 'numeric' });
  return from === to ? day(from) : `${day(from)} to ${day(to)}`;
}

/** The manager's sales report: a day or a range, one till or all, with CSV of every table and print. */
export default function ReportsScreen() {
  const settings = useSettings();
  const currency = settings.data?.currency ?? 'USD';
  const locale = settings.data?.locale ?? 'en-US';
  const money = useCallback((cents: number) => formatCents(cents, currency, locale), [currency, locale]);
  const thisTill = useSyncStatus().data?.terminal.id;

  const today = businessDateOf(new Date());
  const [from, setFrom] = useState(today);
  const [to, setTo] = useState(today);
  const [till, setTill] = useState('');
  const [formProblem, setFormProblem] = useState<string | null>(null);
  const [range, setRange] = useState<ReportRange>({ from: today, to: today });
  const sales = useSalesReport(range);
  const ordersCsv = useOrdersCsv();

  // Tills seen in any report so far, so one can be picked after "all tills" showed it.
  const [known, setKnown] = useState<{ seen: SalesReportView | undefined; tills: string[] }>({ seen: undefined, tills: [] });
  if (sales.data && sales.data !== known.seen) {
    setKnown({ seen: sales.data, tills: [...new Set([...known.tills, ...sales.data.report.byTill.map((t) => t.terminalId)])].toSorted() });
  }
  const tills = [...new Set([...(thisTill ? [thisTill] : []), ...known.tills, ...(till ? [till] : [])])].toSorted();

  const show = (next: { from: string; to: string; till?: string }) => {
    const problem = rangeProblem(next.from, next.to);
    setFormProblem(problem);
    if (problem) return;
    const terminalId = next.till ?? till;
    const same = range.from === next.from && range.to === next.to && (range.terminalId ?? '') === terminalId;
    // Asking again for the same range reads again: the manager wants it as of now.
    if (same) void sales.refetch();
    else setRange({ from: next.from, to: next.to, ...(terminalId && { terminalId }) });
  };
  const submit = (event: FormEvent) => {
    event.preventDefault();
    show({ from, to });
  };
  const preset = (nextFrom: string) => {
    setFrom(nextFrom);
    setTo(today);
    show({ from: nextFrom, to: today });
  };
  const print = async () => {
    const { printed } = await callPos('receipts.print', {});
    if (!printed) window.print();
  };
  const downloadOrders = async () => {
    const { filename, csv } = await ordersCsv.mutateAsync(range);
    downloadText(filename, csv);
  };

  const view = sales.data;
  const error = describeError(sales.error ?? ordersCsv.error);
  const fileStem = view ? `${view.from === view.to ? view.from : `${view.from}_to_${view.to}`}${view.terminalId ? `-${view.terminalId}` : ''}` : '';
  const csvButton = (table: ReportTable, label: string) =>
    view && (
      <button type="button" className="btn btn-small btn-secondary no-print" onClick={() => downloadText(`${table.replaceAll(' ', '-')}-${fileStem}.csv`, reportTableCsv(view.report, table))}>
        {label}
      </button>
    );

  return (
    <div className="reports-screen">
      <h1 className="no-print">Reports</h1>
      <form className="report-controls no-print" onSubmit={submit} aria-label="Report range">
        <Field label="From" type="date" value={from} max={today} onChange={(e) => setFrom(e.target.value)} />
        <Field label="To" type="date" value={to} max={today} onChange={(e) => setTo(e.target.value)} error={formProblem ?? error?.fields.to} />
        <TillPicker value={till} tills={tills} onChange={setTill} />
        <div className="report-actions">
          <button type="submit" className="btn btn-primary">
            Show report
          </button>
          <button type="button" className="btn btn-secondary" onClick={() => preset(today)}>
            Today
          </button>
          <button type="button" className="btn btn-secondary" onClick={() => preset(daysBefore(today, 6))}>
            Last 7 days
          </button>
        </div>
      </form>
      <ErrorBanner message={error?.message} />
      {sales.isFetching && !view && <p role="status">Reading the orders…</p>}
      {view && (
        <article className="print-area report-sheet" aria-labelledby="report-title" aria-busy={sales.isFetching}>
          <header className="report-head">
            <div>
              <h2 id="report-title">
                Sales, {spanLabel(view.from, view.to, locale)} · {view.terminalId ? `till ${view.terminalId}` : 'all tills'}
              </h2>
              <p className="field-hint">
                As of {new Date(view.generatedAt).toLocaleString(locale)}. Hours in {view.timeZone}. Refunds and cancellations count on the day of the sale.
              </p>
            </div>
            <div className="report-actions no-print">
              <button type="button" className="btn btn-secondary" onClick={() => void print()}>
                Print
              </button>
              <button type="button" className="btn btn-secondary" onClick={() => void downloadOrders()} disabled={ordersCsv.isPending}>
                Download orders CSV
              </button>
              {csvButton('summary', 'Download summary CSV')}
            </div>
          </header>
          <Summary view={view} money={money} />
          <ZReports range={range} asOf={view.generatedAt} money={money} locale={locale} />
          <section className="report-section" aria-labelledby="hours-title">
            <div className="report-section-head">
              <h3 id="hours-title">Sales by hour</h3>
              {csvButton('hours', 'Download hours CSV')}
            </div>
            <figure className="report-figure">
              <Suspense fallback={<div className="hour-chart" />}>
                <HourChart hours={view.report.byHour} format={money} />
              </Suspense>
              <figcaption className="field-hint">Net sales by hour; the table has the same figures.</figcaption>
            </figure>
            <Table
              caption="Sales by hour"
              head={['Hour', 'Orders', 'Net sales']}
              rows={view.report.byHour.filter((h) => h.orders > 0 || h.netSalesCents !== 0).map((h) => [hourLabel(h.hour), h.orders, money(h.netSalesCents)])}
            />
          </section>
          <Section id="tenders" title="Tenders" button={csvButton('tenders', 'Download tenders CSV')}>
            <Table
              caption="Tenders"
              head={['Tender', 'Count', 'Taken', 'Change', 'Refunded', 'Net']}
              rows={view.report.tenders.map((t) => [TENDER_LABEL[t.kind] ?? t.kind, t.count, money(t.takenCents), money(t.changeCents), money(t.refundedCents), money(t.netCents)])}
            />
          </Section>
          <Section id="categories" title="By category" button={csvButton('categories', 'Download categories CSV')}>
            <Table caption="By category" head={['Category', 'Sold', 'Refunded', 'Net sales']} rows={view.report.byCategory.map((c) => [c.category, c.quantity, c.refundedQuantity, money(c.netSalesCents)])} />
          </Section>
          <Section id="items" title="By item" button={csvButton('items', 'Download items CSV')}>
            <Table
              caption="By item"
              head={['Item', 'Category', 'Sold', 'Refunded', 'Net sales']}
              textColumns={2}
              rows={view.report.byItem.toSorted((a, b) => b.netSalesCents - a.netSalesCents).map((i) => [i.name, i.category, i.quantity, i.refundedQuantity, money(i.netSalesCents)])}
            />
          </Section>
          <Section id="staff" title="By staff member" button={csvButton('staff', 'Download staff CSV')}>
            <Table caption="By staff member" head={['Staff', 'Orders', 'Net sales']} rows={view.report.byStaff.map((s) => [s.name, s.orders, money(s.netSalesCents)])} />
          </Section>
          <Section id="order-types" title="By order type" button={csvButton('order types', 'Download order types CSV')}>
            <Table
              caption="By order type"
              head={['Order type', 'Orders', 'Net sales', 'Delivery fees']}
              rows={view.report.byOrderType.map((r) => [ORDER_TYPE_LABEL[r.orderType], r.orders, money(r.netSalesCents), money(r.feesCents)])}
            />
          </Section>
          {view.report.shippers.length > 0 && (
            <Section id="shippers" title="Cash on delivery by shipper" button={csvButton('shippers', 'Download shippers CSV')}>
              <Table
                caption="Cash on delivery by shipper"
                head={['Shipper', 'Deliveries', 'Collected', 'Handed in', 'Owes']}
                rows={view.report.shippers.map((r) => [r.name, r.deliveries, money(r.collectedCents), money(r.settledCents), money(r.owedCents)])}
              />
            </Section>
          )}
          {!view.terminalId && (
            <Section id="tills" title="By till" button={csvButton('tills', 'Download tills CSV')}>
              <Table caption="By till" head={['Till', 'Orders', 'Net sales', 'Tax']} rows={view.report.byTill.map((t) => [t.terminalId, t.orders, money(t.netSalesCents), money(t.taxCents)])} />
            </Section>
          )}
          {view.from !== view.to && (
            <Section id="days" title="By day" button={csvButton('days', 'Download days CSV')}>
              <Table caption="By day" head={['Business date', 'Orders', 'Net sales', 'Tax']} rows={view.report.byDay.map((d) => [d.businessDate, d.orders, money(d.netSalesCents), money(d.taxCents)])} />
            </Section>
          )}
        </article>
      )}
    </div>
  );
}

function TillPicker({ value, tills, onChange }: { value: string; tills: string[]; onChange: (till: string) => void }) {
  const id = useId();
  return (
    <div className="field">
      <label htmlFor={id}>Till</label>
      <select id={id} value={value} onChange={(e) => onChange(e.target.value)}>
        <option value="">All tills</option>
        {tills.map((t) => (
          <option key={t} value={t}>
            {t}
          </option>
        ))}
      </select>
    </div>
  );
}

function Summary({ view, money }: { view: SalesReportView; money: (cents: number) => string }) {
  const r = view.report;
  const figures: [string, string][] = [
    ['Net sales', money(r.netSalesCents)],
    ['Tax', money(r.taxCents)],
    ['Net sales + tax', money(r.netSalesCents + r.taxCents)],
    ['Orders', String(r.orderCount)],
    ['Average ticket', money(r.averageTicketCents)],
    ['Gross sales', money(r.grossSalesCents)],
    ['Discounts', money(r.discountsCents)],
    [`Refunds (${r.refundCount})`, money(r.refundsCents)],
    [`Cancellations (${r.cancelledCount})`, money(r.cancellationsCents)],
    ['Points earned', String(r.pointsEarned - r.pointsReversed)],
    ['Points redeemed', String(r.pointsRedeemed - r.pointsReturned)],
  ];
  return (
    <dl className="report-summary" aria-label="Summary">
      {figures.map(([label, value]) => (
        <div key={label} className="report-figure-card">
          <dt>{label}</dt>
          <dd>{value}</dd>
        </div>
      ))}
    </dl>
  );
}

function Section({ id, title, button, children }: { id: string; title: string; button: ReactNode; children: ReactNode }) {
  return (
    <section className="report-section" aria-labelledby={`${id}-title`}>
      <div className="report-section-head">
        <h3 id={`${id}-title`}>{title}</h3>
        {button}
      </div>
      {children}
    </section>
  );
}

function Table({ caption, head, rows, textColumns = 1 }: { caption: string; head: string[]; rows: (string | number)[][]; textColumns?: number }) {
  if (rows.length === 0) return <p className="field-hint">No sales.</p>;
  return (
    <div className="report-table-wrap">
      <table className="report-table">
        <caption className="visually-hidden">{caption}</caption>
        <thead>
          <tr>
            {head.map((h, i) => (
              <th key={h} scope="col" className={i >= textColumns ? 'num' : undefined}>
                {h}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((row, r) => (
            <tr key={r}>
              {row.map((cell, i) =>
                i === 0 ? (
                  <th key={i} scope="row">
                    {cell}
                  </th>
                ) : (
                  <td key={i} className={i >= textColumns ? 'num' : undefined}>
                    {cell}
                  </td>
                ),
              )}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
