import { Activity, useEffect, useState } from 'react';
import type { SessionView } from '../../shared/contract';
import { tillSale } from '../features/register/till-cart';
import { describeError, ErrorBanner } from '../ui/forms';
import { SetupScreen } from '../features/setup/SetupScreen';
import { useSetupStatus } from '../features/setup/queries';
import { AuthScreens } from '../features/session/components/AuthScreens';
import { LockScreen } from '../features/session/components/LockScreen';
import { useSession, useTill } from '../features/session/queries';
import { Shell } from './Shell';

export function App() {
  const session = useSession();
  const till = useTill();
  const setup = useSetupStatus();
  const [connecting, setConnecting] = useState(false);
  // From the lock screen, someone not yet signed in on this till signs in with their password.
  const [signingIn, setSigningIn] = useState(false);
  const [lockedOut, setLockedOut] = useState<string>();
  // Nobody left on the till (signed out, locked out, the tab's session expired): nobody's sale stays.
  const empty = till.data?.members.length === 0;
  useEffect(() => {
    if (empty) tillSale.reset();
  }, [empty]);
  // The screens of whoever was last at the till stay built, hidden behind the lock screen: hidden,
  // their effects stop (polling, shortcuts, the idle timer), and the next person of the same role
  // unlocks into a register that is already there, so only what differs for them re-renders.
  // Someone of another role gets screens of their own (the key); nobody left, nothing is kept.
  const [kept, setKept] = useState<SessionView | null>(null);
  if (session.data && session.data !== kept) setKept(session.data);
  // Gone from the till (signed out, locked out): nothing of theirs is kept, even for their return.
  if (!session.data && kept && till.data && !till.data.members.some((m) => m.email === kept.email)) setKept(null);
  if (setup.data?.mode === 'unconfigured') return <SetupScreen status={setup.data} />;
  if (connecting && setup.data) return <SetupScreen status={setup.data} onBack={() => setConnecting(false)} />;
  if (session.isPending) {
    return (
      <main className="auth-page">
        <p className="muted">Starting…</p>
      </main>
    );
  }
  if (session.isError) {
    return (
      <main className="auth-page">
        <section className="auth-card">
          <h1>Can’t start the POS</h1>
          <ErrorBanner message={describeError(session.error)?.message} />
          <button type="button" className="btn btn-primary" onClick={() => session.refetch()}>
            Try again
          </button>
        </section>
      </main>
    );
  }
  // Each person starts at their own first screen (Shell resets it); the sale in progress lives
  // outside the screens (register/till-cart.ts).
  const shell = kept && (
    <Activity mode={session.data ? 'visible' : 'hidden'}>
      <Shell key={kept.role} session={session.data ?? kept} />
    </Activity>
  );
  if (session.data) return shell;
  const others = till.data?.members.length ?? 0;
  if (others > 0 && !signingIn) {
    return (
      <>
        {shell}
        <LockScreen till={till.data!} onSignIn={() => setSigningIn(true)} onLockedOut={setLockedOut} />
      </>
    );
  }
  return (
    <>
      {shell}
      <AuthScreens
      demo={setup.data?.mode === 'local'}
      connect={others === 0 ? setup.data && { demo: setup.data.mode === 'local', open: () => setConnecting(true) } : undefined}
      onBack={others > 0 ? () => setSigningIn(false) : undefined}
      notice={lockedOut}
      onSignedIn={() => {
        setSigningIn(false);
        setLockedOut(undefined);
      }}
      />
    </>
  );
}
