import { describeError, ErrorBanner } from '../ui/forms';
import { AuthScreens } from '../features/session/components/AuthScreens';
import { useSession } from '../features/session/queries';
import { Shell } from './Shell';

export function App() {
  const session = useSession();
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
  return session.data ? <Shell session={session.data} /> : <AuthScreens />;
}
