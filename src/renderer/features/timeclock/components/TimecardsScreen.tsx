import { useId, useState, type FormEvent } from 'react';
import { businessDateOf } from '../../../../shared/orders';
import { rangeProblem } from '../../../../shared/reports';
import { clockState, clockTime, editLine, formatHours, PUNCH_KINDS, PUNCH_LABEL, type CardPunch, type PunchKind, type Timecard } from '../../../../shared/timecards';
import { timecardsCsv, timecardsFilename } from '../../../../shared/timecards-csv';
import { describeError, ErrorBanner, Field } from '../../../ui/forms';
import { Modal } from '../../../ui/Modal';
import { downloadText } from '../../reports/download';
import { useAddPunch, useEditPunch, useTimecards } from '../queries';
import '../timeclock.css';

const dayLabel = (d: string) => new Date(`${d}T12:00:00Z`).toLocaleDateString(undefined, { timeZone: 'UTC', weekday: 'short', day: 'numeric', month: 'short' });
/** An ISO time as a datetime-local input's value, in the till's time zone. */
const localInput = (iso: string) => {
  const d = new Date(iso);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
};

/** Managers: timecards by person and day, a punch corrected with a reason, and the range as CSV. */
export default function TimecardsScreen() {
  const today = businessDateOf(new Date());
  const [from, setFrom] = useState(today);
  const [to, setTo] = useState(today);
  const [range, setRange] = useState({ from: today, to: today });
  const [formProblem, setFormProblem] = useState<string | null>(null);
  const [editing, setEditing] = useState<{ card: Timecard; punch: CardPunch } | null>(null);
  const [adding, setAdding] = useState<Timecard | null>(null);
  const cards = useTimecards(range);
  const error = describeError(cards.error);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const problem = rangeProblem(from, to);
    setFormProblem(problem);
    if (problem) return;
    if (range.from === from && range.to === to) void cards.refetch();
    else setRange({ from, to });
  };

  return (
    <div className="timecards-screen">
      <h1>Timecards</h1>
      <form className="timecards-controls" onSubmit={submit} aria-label="Timecard range">
        <Field label="From" type="date" value={from} max={today} onChange={(e) => setFrom(e.target.value)} />
        <Field label="To" type="date" value={to} max={today} onChange={(e) => setTo(e.target.value)} error={formProblem ?? error?.fields.to} />
        <button type="submit" className="btn btn-primary">
          Show timecards
        </button>
        <button type="button" className="btn btn-secondary" disabled={!cards.data || cards.data.length === 0} onClick={() => cards.data && downloadText(timecardsFilename(range.from, range.to), timecardsCsv(cards.data))}>
          Download CSV
        </button>
      </form>
      <ErrorBanner message={error?.message} />
      {cards.isFetching && !cards.data && <p role="status">Reading the timecards…</p>}
      {cards.data && cards.data.length === 0 && <p>No punches from {range.from === range.to ? dayLabel(range.from) : `${dayLabel(range.from)} to ${dayLabel(range.to)}`}.</p>}
      {cards.data?.map((card) => (
        <Card key={`${card.workDate}-${card.userId}`} card={card} onEdit={(punch) => setEditing({ card, punch })} onAdd={() => setAdding(card)} />
      ))}
      {editing && <EditPunch {...editing} onClose={() => setEditing(null)} />}
      {adding && <AddPunch card={adding} onClose={() => setAdding(null)} />}
    </div>
  );
}

function Card({ card, onEdit, onAdd }: { card: Timecard; onEdit: (punch: CardPunch) => void; onAdd: () => void }) {
  const titleId = `card-${card.workDate}-${card.userId}`;
  return (
    <section className="timecard" aria-labelledby={titleId} data-testid="timecard">
      <div className="timecard-head">
        <h2 id={titleId}>
          {card.name} · {dayLabel(card.workDate)}
        </h2>
        <p className="timecard-totals">
          Worked {formatHours(card.workedMs)} · Breaks {formatHours(card.breakMs)} · <strong>Paid {formatHours(card.paidMs)}</strong>
          {card.open && ' · still clocked in'}
          {card.unsent > 0 && ` · ${card.unsent} not synced yet`}
        </p>
        <button type="button" className="btn btn-secondary timecard-add" onClick={onAdd}>
          Add punch
        </button>
      </div>
      {card.problem && <p className="field-error">{card.problem}</p>}
      <table className="timecard-punches">
        <caption className="visually-hidden">Punches of {card.name} on {card.workDate}</caption>
        <thead>
          <tr>
            <th scope="col">Punch</th>
            <th scope="col">Time</th>
            <th scope="col">Till</th>
            <th scope="col">
              <span className="visually-hidden">Actions</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {card.punches.map((p) => (
            <tr key={p.punchId}>
              <th scope="row">{PUNCH_LABEL[p.kind]}</th>
              <td>
                {clockTime(p.at)}
                {p.edited && ` (was ${clockTime(p.originalAt)})`}
              </td>
              <td>{p.added ? 'Added by a manager' : p.terminalId}</td>
              <td>
                <button type="button" className="btn btn-small btn-secondary" onClick={() => onEdit(p)}>
                  Edit {PUNCH_LABEL[p.kind]} {clockTime(p.at)}
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {card.edits.length > 0 && (
        <>
          <h3>Changes</h3>
          <ol className="timecard-history">
            {card.edits.map((e) => (
              <li key={e.editId}>
                {editLine(e)}, {new Date(e.at).toLocaleString()}: {e.reason}
              </li>
            ))}
          </ol>
        </>
      )}
    </section>
  );
}

function EditPunch({ card, punch, onClose }: { card: Timecard; punch: CardPunch; onClose: () => void }) {
  const edit = useEditPunch();
  const [at, setAt] = useState(localInput(punch.at));
  const [reason, setReason] = useState('');
  const error = describeError(edit.error);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const when = new Date(at);
    edit.mutate(
      { workDate: card.workDate, userId: card.userId, punchId: punch.punchId, at: Number.isNaN(when.getTime()) ? at : when.toISOString(), reason },
      { onSuccess: onClose },
    );
  };
  return (
    <Modal title={`Edit ${card.name}’s ${PUNCH_LABEL[punch.kind].toLowerCase()}`} onClose={onClose}>
      <form onSubmit={submit} noValidate>
        <p>
          Now {clockTime(punch.at)} on {dayLabel(card.workDate)}. The change and its reason stay on the timecard.
        </p>
        <ErrorBanner message={error && !error.fields.at && !error.fields.reason ? error.message : null} />
        <Field label="New time" type="datetime-local" value={at} onChange={(e) => {
            setAt(e.target.value);
            edit.reset();
          }} error={error?.fields.at} data-autofocus />
        <Field label="Reason" value={reason} maxLength={200} onChange={(e) => {
            setReason(e.target.value);
            edit.reset();
          }} error={error?.fields.reason} hint="Why the punch is wrong, e.g. forgot to clock out." />
        <div className="modal-actions">
          <button type="button" className="btn" onClick={onClose}>
            Cancel
          </button>
          <button type="submit" className="btn btn-primary" disabled={edit.isPending}>
            {edit.isPending ? 'Saving…' : 'Save change'}
          </button>
        </div>
      </form>
    </Modal>
  );
}

/** What a forgotten punch most likely is: a clock-out for someone still on the clock, else a clock-in. */
const likelyKind = (card: Timecard): PunchKind => (clockState(card.punches) === 'out' ? 'in' : 'out');

function AddPunch({ card, onClose }: { card: Timecard; onClose: () => void }) {
  const add = useAddPunch();
  const kindId = useId();
  const last = card.punches.at(-1);
  const [kind, setKind] = useState<PunchKind>(likelyKind(card));
  const [at, setAt] = useState(last ? localInput(last.at) : `${card.workDate}T09:00`);
  const [reason, setReason] = useState('');
  const error = describeError(add.error);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const when = new Date(at);
    add.mutate({ workDate: card.workDate, userId: card.userId, kind, at: Number.isNaN(when.getTime()) ? at : when.toISOString(), reason }, { onSuccess: onClose });
  };
  return (
    <Modal title={`Add a punch to ${card.name}’s card`} onClose={onClose}>
      <form onSubmit={submit} noValidate>
        <p>For a punch that was never made, like a forgotten clock-out, on {dayLabel(card.workDate)}. The punch and its reason stay on the timecard.</p>
        <ErrorBanner message={error && !error.fields.at && !error.fields.reason && !error.fields.kind ? error.message : null} />
        <div className="field">
          <label htmlFor={kindId}>Punch</label>
          <select id={kindId} className="timecard-kind" value={kind} data-autofocus aria-invalid={error?.fields.kind ? true : undefined} onChange={(e) => {
              setKind(e.target.value as PunchKind);
              add.reset();
            }}>
            {PUNCH_KINDS.map((k) => (
              <option key={k} value={k}>
                {PUNCH_LABEL[k]}
              </option>
            ))}
          </select>
          {error?.fields.kind && <p className="field-error">{error.fields.kind}</p>}
        </div>
        <Field label="Time" type="datetime-local" value={at} onChange={(e) => {
            setAt(e.target.value);
            add.reset();
          }} error={error?.fields.at} />
        <Field label="Reason" value={reason} maxLength={200} onChange={(e) => {
            setReason(e.target.value);
            add.reset();
          }} error={error?.fields.reason} hint="Why it is missing, e.g. forgot to clock out." />
        <div className="modal-actions">
          <button type="button" className="btn" onClick={onClose}>
            Cancel
          </button>
          <button type="submit" className="btn btn-primary" disabled={add.isPending}>
            {add.isPending ? 'Adding…' : 'Add punch'}
          </button>
        </div>
      </form>
    </Modal>
  );
}
