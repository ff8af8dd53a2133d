import { useId, useState, type FormEvent } from 'react';
import type { SetupStatus } from '../../../shared/contract';
import { describeError, ErrorBanner, Notice } from '../../ui/forms';
import { useSaveAwsConfig } from './queries';

/**
 * Connecting a till to the shop's AWS account: paste the stack's outputs (cdk-outputs.json). When
 * the saved configuration is broken, this is all the till shows, with each problem named.
 */
export function SetupScreen({ status, onBack }: { status: SetupStatus; onBack?: () => void }) {
  const save = useSaveAwsConfig();
  const [text, setText] = useState('');
  const id = useId();
  const error = describeError(save.error);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    save.mutate(text);
  };
  return (
    <main className="auth-page">
      <section className="auth-card setup-card" aria-labelledby="setup-title">
        <p className="brand" aria-hidden="true">
          ☁ Coffee Cloud POS
        </p>
        <h1 id="setup-title">Connect to your AWS account</h1>
        {status.problem && (
          <div role="alert" className="banner banner-error">
            <p>The saved AWS configuration ({status.configPath}) can’t be used:</p>
            <ul>
              {status.problem.fields.length > 0 ? status.problem.fields.map((f) => <li key={f.path + f.message}>{f.message}</li>) : <li>{status.problem.message}</li>}
            </ul>
          </div>
        )}
        {save.data ? (
          <Notice>Saved to {save.data.configPath}. Restart Coffee Cloud POS to connect.</Notice>
        ) : (
          <form onSubmit={submit} noValidate>
            <p className="muted">
              Paste the outputs of <code>npm run infra:deploy</code> (the file <code>infra/cdk-outputs.json</code>).
            </p>
            <ErrorBanner message={error?.message} />
            <div className="field">
              <label htmlFor={id}>Stack outputs (JSON)</label>
              <textarea id={id} rows={10} value={text} onChange={(e) => setText(e.target.value)} spellCheck={false} />
            </div>
            <button type="submit" className="btn btn-primary btn-block" disabled={save.isPending}>
              Save and connect
            </button>
          </form>
        )}
        {onBack && (
          <button type="button" className="btn btn-link" onClick={onBack}>
            Back to sign in
          </button>
        )}
      </section>
    </main>
  );
}
