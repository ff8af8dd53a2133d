import { useState } from 'react';
import { CLOCK_STATE_LABEL, clockTime, nextPunches, PUNCH_LABEL, type PunchKind } from '../../../../shared/timecards';
import { PosCallError } from '../../../api/pos';
import { describeError, ErrorBanner, Notice } from '../../../ui/forms';
import { Modal } from '../../../ui/Modal';
import { PinPad } from '../../../ui/PinPad';
import { typingPin } from '../../session/queries';
import { useClockStatus, usePunch } from '../queries';
import '../timeclock.css';

/**
 * Clock in or out, start or end a break, with your PIN: from the lock screen (choose your name)
 * or the header (you, preselected). Everything is answered by this till's journal, so it works
 * offline. Clocking out with your shift still open on this till asks first.
 */
export default function TimeClockDialog({ onClose, email }: { onClose: () => void; email?: string }) {
  const status = useClockStatus();
  const punch = usePunch();
  const people = status.data ?? [];
  const [chosen, setChosen] = useState<string | null>(email ?? null);
  const [kind, setKind] = useState<PunchKind | null>(null);
  const [pin, setPin] = useState('');
  const [done, setDone] = useState<string | null>(null);
  const person = people.find((p) => p.email === (chosen ?? (people.length === 1 ? people[0]!.email : null))) ?? null;
  const allowed = person ? nextPunches(person.state) : [];
  const action = kind && allowed.includes(kind) ? kind : (allowed[0] ?? null);
  const error = punch.error;
  const openShift = error instanceof PosCallError && error.details?.fields?.some((f) => f.path === 'despiteOpenShift');
  const message = describeError(error)?.message;

  const choose = (next: string) => {
    setChosen(next);
    setKind(null);
    setPin('');
    setDone(null);
    punch.reset();
  };
  const send = (despiteOpenShift = false) => {
    if (!person || !action) return;
    setDone(null);
    punch.mutate(
      { email: person.email, pin, kind: action, ...(despiteOpenShift && { despiteOpenShift }) },
      {
        onSuccess: (result) => {
          setDone(result.message);
          setPin('');
          setKind(null);
        },
        onError: (e) => {
          // The PIN was right if the only problem is the open shift: keep it for "Clock out anyway".
          if (!(e instanceof PosCallError && e.details?.fields?.some((f) => f.path === 'despiteOpenShift'))) setPin('');
        },
      },
    );
  };

  return (
    <Modal title="Time clock" onClose={onClose} className="timeclock-dialog">
      {done && <Notice>{done}</Notice>}
      {status.isPending && <p role="status">Checking the time clock…</p>}
      {!email && people.length > 1 && (
        <fieldset className="timeclock-people">
          <legend>Who is punching?</legend>
          {people.map((p) => (
            <button key={p.email} type="button" className="btn timeclock-person" aria-pressed={p.email === person?.email} onClick={() => choose(p.email)}>
              {p.name}
            </button>
          ))}
        </fieldset>
      )}
      {person && (
        <>
          <p className="timeclock-state" data-testid="clock-state">
            <strong>{person.name}</strong>: {CLOCK_STATE_LABEL[person.state]}
            {person.since && ` since ${clockTime(person.since)}`}
          </p>
          <fieldset className="timeclock-actions">
            <legend>Punch</legend>
            {allowed.map((k) => (
              <button
                key={k}
                type="button"
                className="btn timeclock-action"
                aria-pressed={k === action}
                onClick={() => {
                  setKind(k);
                  punch.reset();
                }}
              >
                {PUNCH_LABEL[k]}
              </button>
            ))}
          </fieldset>
          {openShift ? (
            <div className="timeclock-warning">
              <p role="alert">{message}</p>
              <div className="modal-actions">
                <button type="button" className="btn" onClick={() => send(true)} disabled={punch.isPending}>
                  Clock out anyway
                </button>
                <button type="button" className="btn btn-primary" data-autofocus onClick={onClose}>
                  Keep the shift open
                </button>
              </div>
            </div>
          ) : (
            <>
              <ErrorBanner message={describeError(error)?.fields.email ? message : null} />
              <PinPad
                key={`${person.email}-${action}`}
                label={`PIN for ${person.name}`}
                value={pin}
                onChange={typingPin(person.email, setPin)}
                onSubmit={() => send()}
                submitLabel={punch.isPending ? 'Saving…' : action ? `Confirm ${PUNCH_LABEL[action].toLowerCase()}` : 'Confirm'}
                busy={punch.isPending}
                error={describeError(error)?.fields.email ? undefined : message}
                autoFocus
              />
            </>
          )}
        </>
      )}
      {status.data && people.length === 0 && <p>Nobody is signed in on this till. Sign in with your email and password first.</p>}
      <div className="modal-actions">
        <button type="button" className="btn btn-quiet" onClick={onClose}>
          Close
        </button>
      </div>
    </Modal>
  );
}
