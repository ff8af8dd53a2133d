import { useMemo, useState, type FormEvent } from 'react';
import type { InputOf } from '../../../../shared/contract';
import { DENOMINATIONS } from '../../../../shared/drawer';
import { parseMoneyInput } from '../../../../shared/money';
import { DRAWER_LABEL, type ShiftReport } from '../../../../shared/shift';
import { describeError, ErrorBanner, Field } from '../../../ui/forms';
import { useSettings } from '../../menu/queries';
import { formatFor } from '../../register/components/ModifierDialog';
import { PrintShiftReportButton } from '../../printer/components/PrintShiftReportButton';
import { useCloseShift, useCurrentShift, useDrawerMovement, useOpenShift, useShiftReport } from '../queries';
import { HandIn } from '../../delivery/HandIn';

type Format = (cents: number) => string;
type CashCount = InputOf<'shift.open'>['float'];

/**
 * This till's shift and cash drawer: open with a float, pay in/out, drop and no-sale with a
 * reason, the X so far, a close with its count (blind for a barista: they never see what the
 * drawer should hold), and the Z, printable. Every figure comes from main.
 */
export function DrawerScreen({ isManager }: { isManager: boolean }) {
  const settings = useSettings();
  const format = useMemo(() => formatFor(settings.data?.currency, settings.data?.locale), [settings.data?.currency, settings.data?.locale]);
  const current = useCurrentShift();
  const open = current.data?.open ?? null;
  const x = useShiftReport(null, Boolean(open));
  const [closedId, setClosedId] = useState<string | null>(null);
  const zId = closedId ?? (open ? null : (current.data?.lastZ?.shiftId ?? null));
  const z = useShiftReport(zId, Boolean(zId));

  if (current.isPending) return <h1 className="muted">Loading the drawer…</h1>;
  return (
    <div className="drawer-screen">
      <h1 className="drawer-title">Drawer · till {current.data?.terminalId}</h1>
      {open ? (
        <>
          <section className="drawer-panel" aria-labelledby="shift-title">
            <h2 id="shift-title">Shift open</h2>
            <p>
              Opened by {open.openedBy.name} at {new Date(open.openedAt).toLocaleTimeString()} with a float of {format(open.floatCents)}.
            </p>
            <MovementForm format={format} />
          </section>
          <HandIn format={format} />
          {x.data && <ReportView report={x.data} format={format} />}
          <CloseForm shiftId={open.shiftId} isManager={isManager} currency={current.data?.currency ?? 'USD'} format={format} onClosed={setClosedId} />
        </>
      ) : (
        <>
          <OpenForm currency={current.data?.currency ?? 'USD'} format={format} onOpened={() => setClosedId(null)} />
          {z.data && <ReportView report={z.data} format={format} />}
        </>
      )}
    </div>
  );
}

/** Bills and coins of the shop's currency, or a typed total. */
function CashCounter({ currency, format, value, onChange, idPrefix }: { currency: string; format: Format; value: Record<string, string>; onChange: (v: Record<string, string>) => void; idPrefix: string }) {
  const denominations = DENOMINATIONS[currency] ?? [];
  const counted = denominations.reduce((sum, d) => sum + d * (Number.parseInt(value[String(d)] ?? '', 10) || 0), 0);
  return (
    <fieldset className="cash-counter">
      <legend>Count by bills and coins</legend>
      <div className="denominations">
        {denominations.map((d) => (
          <Field key={d} label={format(d)} name={`${idPrefix}-${d}`} inputMode="numeric" autoComplete="off" value={value[String(d)] ?? ''} onChange={(e) => onChange({ ...value, [String(d)]: e.target.value })} />
        ))}
      </div>
      <p className="muted" aria-live="polite">
        Counted: {format(counted)}
      </p>
    </fieldset>
  );
}

/** The count as main takes it: per denomination if any was counted, else the typed total. */
function toCount(counts: Record<string, string>, typed: string): CashCount | null {
  const count: Record<string, number> = {};
  for (const [d, text] of Object.entries(counts)) {
    if (text.trim() === '') continue;
    const n = Number(text);
    if (!Number.isSafeInteger(n) || n < 0) return null;
    count[d] = n;
  }
  if (Object.keys(count).length > 0) return { count };
  const total = parseMoneyInput(typed);
  return total === null ? null : { totalCents: total };
}

function OpenForm({ currency, format, onOpened }: { currency: string; format: Format; onOpened: () => void }) {
  const openShift = useOpenShift();
  const [counts, setCounts] = useState<Record<string, string>>({});
  const [typed, setTyped] = useState('');
  const [problem, setProblem] = useState<string>();
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const float = toCount(counts, typed);
    if (!float) return setProblem('Count the float by bills and coins, or type its total, like 100.00.');
    setProblem(undefined);
    openShift.mutate({ float }, { onSuccess: onOpened });
  };
  return (
    <section className="drawer-panel" aria-labelledby="open-title">
      <h2 id="open-title">Open a shift</h2>
      <p className="muted">No shift is open on this till. Count the float in the drawer to start one.</p>
      <form onSubmit={submit} noValidate>
        <Field label="Float total" inputMode="decimal" autoComplete="off" value={typed} onChange={(e) => setTyped(e.target.value)} hint="Or count it below." autoFocus />
        <CashCounter currency={currency} format={format} value={counts} onChange={setCounts} idPrefix="open" />
        <ErrorBanner message={problem ?? describeError(openShift.error)?.message} />
        <button type="submit" className="btn btn-primary" disabled={openShift.isPending}>
          Open shift
        </button>
      </form>
    </section>
  );
}

const KINDS = [
  { kind: 'payIn', label: 'Pay in' },
  { kind: 'payOut', label: 'Pay out' },
  { kind: 'drop', label: 'Cash drop' },
  { kind: 'noSale', label: 'No sale' },
] as const;

function MovementForm({ format }: { format: Format }) {
  const move = useDrawerMovement();
  const [kind, setKind] = useState<(typeof KINDS)[number]['kind']>('payOut');
  const [amount, setAmount] = useState('');
  const [reason, setReason] = useState('');
  const [done, setDone] = useState<string>();
  const error = describeError(move.error);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const cents = kind === 'noSale' ? 0 : parseMoneyInput(amount);
    if (cents === null) return;
    move.mutate(
      { kind, amountCents: cents, reason },
      {
        onSuccess: () => {
          setDone(`${KINDS.find((k) => k.kind === kind)!.label}${kind === 'noSale' ? '' : ` of ${format(cents)}`} recorded.`);
          setAmount('');
          setReason('');
        },
      },
    );
  };
  return (
    <form onSubmit={submit} className="movement-form" noValidate aria-labelledby="movement-title">
      <h3 id="movement-title">Drawer movement</h3>
      <div role="radiogroup" aria-label="Kind of movement" className="movement-kinds">
        {KINDS.map((k) => (
          <label key={k.kind} className="chip">
            <input type="radio" name="movement-kind" value={k.kind} checked={kind === k.kind} onChange={() => setKind(k.kind)} />
            {k.label}
          </label>
        ))}
      </div>
      {kind !== 'noSale' && <Field label="Amount" inputMode="decimal" autoComplete="off" value={amount} onChange={(e) => setAmount(e.target.value)} error={error?.fields.amountCents} />}
      <Field label="Reason" autoComplete="off" value={reason} onChange={(e) => setReason(e.target.value)} error={error?.fields.reason} />
      <ErrorBanner message={error?.message} />
      {done && !move.error && <p role="status">{done}</p>}
      <button type="submit" className="btn btn-primary" disabled={move.isPending}>
        Record
      </button>
    </form>
  );
}

function CloseForm({ shiftId, isManager, currency, format, onClosed }: { shiftId: string; isManager: boolean; currency: string; format: Format; onClosed: (shiftId: string) => void }) {
  const close = useCloseShift();
  const [counts, setCounts] = useState<Record<string, string>>({});
  const [typed, setTyped] = useState('');
  const [reason, setReason] = useState('');
  const [problem, setProblem] = useState<string>();
  const error = describeError(close.error);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const count = toCount(counts, typed);
    if (!count) return setProblem('Count the drawer by bills and coins, or type its total.');
    setProblem(undefined);
    close.mutate({ shiftId, count, ...(reason.trim() && { reason: reason.trim() }) }, { onSuccess: (z) => onClosed(z.shiftId) });
  };
  return (
    <section className="drawer-panel" aria-labelledby="close-title">
      <h2 id="close-title">Close the shift</h2>
      <p className="muted">{isManager ? 'Count the drawer; the Z shows what it should hold and the difference.' : 'Count the drawer as it is: the till checks the count, you don’t need to know what it should be.'}</p>
      <form onSubmit={submit} noValidate>
        <Field label="Counted total" inputMode="decimal" autoComplete="off" value={typed} onChange={(e) => setTyped(e.target.value)} hint="Or count it below." />
        <CashCounter currency={currency} format={format} value={counts} onChange={setCounts} idPrefix="close" />
        <Field label="Reason, if the count is off" autoComplete="off" value={reason} onChange={(e) => setReason(e.target.value)} error={error?.fields.reason} />
        <ErrorBanner message={problem ?? error?.message} />
        <button type="submit" className="btn btn-primary" disabled={close.isPending}>
          Close shift
        </button>
      </form>
    </section>
  );
}


/** An X (the shift so far) or a Z (as closed), ready for window.print(). */
export function ReportView({ report, format }: { report: ShiftReport; format: Format }) {
  const { drawer, sales, z } = report;
  const title = z ? `Z report ${z.label}` : 'X report';
  const rows: [string, string][] = [
    ['Float', format(report.floatCents)],
    ...(drawer
      ? ([
          ['Cash sales', format(drawer.cashSalesCents)],
          ['Change given', format(drawer.changeCents)],
          ['Pay-ins', format(drawer.payInsCents)],
          ['Pay-outs', format(drawer.payOutsCents)],
          ['Cash drops', format(drawer.dropsCents)],
          ['Cash refunds', format(drawer.cashRefundsCents)],
          ['No-sales', String(drawer.noSales)],
          ['Expected cash', format(drawer.expectedCents)],
        ] as [string, string][])
      : []),
    ...(z
      ? ([
          ['Counted', format(z.countedCents)],
          ...(z.varianceCents !== undefined ? [[z.varianceCents < 0 ? 'Short' : z.varianceCents > 0 ? 'Over' : 'Over/short', format(Math.abs(z.varianceCents))]] : []),
        ] as [string, string][])
      : []),
  ];
  return (
    <section className="drawer-panel print-area" aria-labelledby={`report-${report.shiftId}`}>
      <h2 id={`report-${report.shiftId}`}>{title}</h2>
      <p className="muted">
        Till {report.terminalId} · {report.businessDate} · opened by {report.openedBy.name}
        {z && ` · closed by ${z.closedBy.name} at ${new Date(z.closedAt).toLocaleTimeString()}`}
        {z && <strong className="z-state"> · {z.state === 'final' ? 'Final' : 'Pending sync'}</strong>}
      </p>
      <table className="report-table" data-testid="drawer-figures">
        <caption>Drawer</caption>
        <tbody>
          {rows.map(([label, value]) => (
            <tr key={label}>
              <th scope="row">{label}</th>
              <td>{value}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {z?.reason && <p>Reason: {z.reason}</p>}
      {sales && (
      <table className="report-table" data-testid="sales-figures">
        <caption>Sales</caption>
        <tbody>
          <tr><th scope="row">Orders</th><td>{sales.orders}</td></tr>
          <tr><th scope="row">Gross</th><td>{format(sales.grossCents)}</td></tr>
          <tr><th scope="row">Discounts</th><td>{format(sales.discountCents)}</td></tr>
          <tr><th scope="row">Tax</th><td>{format(sales.taxCents)}</td></tr>
          <tr><th scope="row">Refunds</th><td>{format(sales.refundsCents)}</td></tr>
          {sales.cashCents !== undefined && <tr><th scope="row">Cash taken</th><td>{format(sales.cashCents)}</td></tr>}
          {sales.cardCents !== undefined && <tr><th scope="row">Card taken</th><td>{format(sales.cardCents)}</td></tr>}
        </tbody>
      </table>
      )}
      {report.report && (
        <table className="report-table" data-testid="report-figures">
          <caption>Sales report</caption>
          <tbody>
            <tr><th scope="row">Net sales</th><td>{format(report.report.netSalesCents)}</td></tr>
            <tr><th scope="row">Average ticket</th><td>{format(report.report.averageTicketCents)}</td></tr>
            <tr><th scope="row">Cancellations</th><td>{format(report.report.cancellationsCents)}</td></tr>
            <tr><th scope="row">Points earned / redeemed</th><td>{report.report.pointsEarned} / {report.report.pointsRedeemed}</td></tr>
            {report.report.byCategory.map((c) => (
              <tr key={c.category}><th scope="row">{c.category}</th><td>{format(c.netSalesCents)}</td></tr>
            ))}
          </tbody>
        </table>
      )}
      {report.movements.length > 0 && (
        <>
          <h3>Drawer movements</h3>
          <ul className="movement-list">
            {report.movements.map((m) => (
              <li key={m.movementId}>
                {DRAWER_LABEL[m.kind]} {m.kind === 'noSale' ? '' : format(m.amountCents)} · {m.reason} · {m.by.name}
              </li>
            ))}
          </ul>
        </>
      )}
      {report.openOrders.length > 0 && <p>Open orders carried to the next shift: {report.openOrders.map((o) => o.ticket).join(', ')}</p>}
      <PrintShiftReportButton kind={z ? 'Z' : 'X'} shiftId={report.shiftId} />
    </section>
  );
}
