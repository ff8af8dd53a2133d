import { lazy, Suspense, useState } from 'react';
import type { TillView } from '../../../../shared/contract';
import { lockedOutMessage, MAX_PIN_ATTEMPTS } from '../../../../shared/pin';
import { describeError, ErrorBanner } from '../../../ui/forms';
import { PinPad } from '../../../ui/PinPad';
import { typingPin, useUnlock } from '../queries';

// Loaded when someone opens it: the lock screen's first load stays as it was.
const TimeClockDialog = lazy(() => import('../../timeclock/components/TimeClockDialog'));

/**
 * The till while nobody is at it: who is signed in here, and a PIN pad for the one stepping up.
 * The sale in progress waits in the till's store meanwhile. Nothing here needs the network.
 */
/** `onLockedOut`: the sign-in screen says why, should nobody be left on the till. */
export function LockScreen({ till, onSignIn, onLockedOut }: { till: TillView; onSignIn: () => void; onLockedOut: (message: string) => void }) {
  const unlock = useUnlock();
  const [chosen, setChosen] = useState<string | null>(till.members.length === 1 ? till.members[0]!.email : null);
  const [pin, setPin] = useState('');
  const [clockOpen, setClockOpen] = useState(false);
  const person = till.members.find((m) => m.email === chosen) ?? null;
  const error = describeError(unlock.error);

  const choose = (email: string) => {
    setChosen(email);
    setPin('');
    unlock.reset();
  };
  const submit = () => {
    if (!person) return;
    unlock.mutate(
      { email: person.email, pin },
      {
        onError: (e) => {
          setPin('');
          if (e.message === lockedOutMessage(person.name)) onLockedOut(e.message);
        },
      },
    );
  };
  // A lock-out removed the person from the list: their message stays up, above everyone else.
  const lockedOut = unlock.error && !person ? error?.message : null;

  return (
    <main className="auth-page">
      <section className="auth-card lock-card" aria-labelledby="lock-title">
        <p className="brand" aria-hidden="true">
          ☁ Coffee Cloud POS
        </p>
        <h1 id="lock-title">Till locked</h1>
        <ErrorBanner message={lockedOut} />
        {till.members.length > 0 && (
          <>
            <p className="muted" id="lock-people-label">
              Signed in on this till. Choose your name, then enter your PIN.
            </p>
            <ul className="lock-people" aria-labelledby="lock-people-label">
              {till.members.map((m) => (
                <li key={m.email}>
                  <button type="button" className="btn lock-person" aria-pressed={m.email === chosen} onClick={() => choose(m.email)}>
                    {m.name}
                    <span className="lock-person-role">{m.roleLabel}</span>
                  </button>
                </li>
              ))}
            </ul>
          </>
        )}
        {person && person.hasPin && (
          <PinPad
            key={person.email}
            label={`PIN for ${person.name}`}
            value={pin}
            onChange={typingPin(person.email, setPin)}
            onSubmit={submit}
            submitLabel={unlock.isPending ? 'Checking…' : 'Unlock'}
            busy={unlock.isPending}
            error={error?.message}
            hint={
              person.attemptsLeft < MAX_PIN_ATTEMPTS
                ? `${person.attemptsLeft} ${person.attemptsLeft === 1 ? 'try' : 'tries'} left before a password is needed.`
                : undefined
            }
            autoFocus
          />
        )}
        {person && !person.hasPin && (
          <p className="muted">{person.name} signed in without a PIN. Sign in again with your email and password.</p>
        )}
        <div className="lock-actions">
          {till.members.length > 0 && (
            <button type="button" className="btn btn-secondary" onClick={() => setClockOpen(true)}>
              Time clock
            </button>
          )}
          <button type="button" className="btn btn-quiet" onClick={onSignIn}>
            {till.members.length > 0 ? 'Sign in someone else' : 'Sign in'}
          </button>
        </div>
      </section>
      {clockOpen && (
        <Suspense fallback={null}>
          <TimeClockDialog onClose={() => setClockOpen(false)} />
        </Suspense>
      )}
    </main>
  );
}
