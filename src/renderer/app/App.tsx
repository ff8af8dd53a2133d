import { useState } from 'react';
import { describeError, ErrorBanner } from '../ui/forms';
import { SetupScreen } from '../features/setup/SetupScreen';
import { useSetupStatus } from '../features/setup/queries';
import { AuthScreens } from '../features/session/components/AuthScreens';
import { useSession } from '../features/session/queries';
import { Shell } from './Shell';

export function App() {
  const session = useSession();
  const setup = useSetupStatus();
  const [connecting, setConnecting] = useState(false);
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
  return session.data ? (
    <Shell session={session.data} />
  ) : (
    <AuthScreens connect={setup.data && { demo: setup.data.mode === 'local', open: () => setConnecting(true) }} />
  );
}
