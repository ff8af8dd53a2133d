import { useId, useState, type FormEvent } from 'react';
import type { SetupStatus } from '../../../shared/contract';
import { describeError, ErrorBanner, Field, Notice } from '../../ui/forms';
import { useSaveAwsConfig } from './queries';

/** What saving does, in the owner's terms, from where this till is now. */
const WHAT_SAVING_DOES: Record<SetupStatus['mode'], string> = {
  local:
    'This till runs the demo café now. From its next start it uses the AWS account in these outputs: staff sign in with that account’s user pool and sales go to its tables. The demo café stays in the data folder, unused.',
  aws: 'This till is connected to an AWS account now. From its next start it uses the account in these outputs instead: that account’s staff sign in here and sales go to its tables. Sales still waiting to sync to the current account stay on this till and are sent only if it is connected back.',
  unconfigured: 'Saving replaces the saved configuration; the till connects to that account at its next start.',
};

const INLINE_FIELDS = ['email', 'password', 'outputs'];

/**
 * Connecting a till to the shop's AWS account: paste the stack's outputs (cdk-outputs.json). When
 * the saved configuration is broken, this is all the till shows, with each problem named. A till
 * that already runs asks for its manager's sign-in here (main refuses anyone else).
 */
export function SetupScreen({ status, onBack }: { status: SetupStatus; onBack?: () => void }) {
  const save = useSaveAwsConfig();
  const [text, setText] = useState('');
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const id = useId();
  const error = describeError(save.error);
  // Problems with the sign-in or the pasted text show at their field; anything else (a missing output) in the banner.
  const banner = error && (Object.keys(error.fields).length === 0 || Object.keys(error.fields).some((f) => !INLINE_FIELDS.includes(f))) ? error.message : null;
  const submit = (event: FormEvent) => {
    event.preventDefault();
    save.mutate({ outputs: text, ...(!status.fresh && { manager: { email, password } }) });
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
            <p className="muted">{WHAT_SAVING_DOES[status.mode]}</p>
            <p className="muted">
              Paste the outputs of <code>npm run infra:deploy</code> (the file <code>infra/cdk-outputs.json</code>).
            </p>
            <ErrorBanner message={banner} />
            {!status.fresh && (
              <fieldset className="setup-manager">
                <legend>A manager of this till signs in to approve the change</legend>
                <Field label="Manager’s email" type="email" autoComplete="username" value={email} onChange={(e) => setEmail(e.target.value)} error={error?.fields.email} />
                <Field label="Manager’s password" type="password" autoComplete="current-password" value={password} onChange={(e) => setPassword(e.target.value)} error={error?.fields.password} />
              </fieldset>
            )}
            <div className="field">
              <label htmlFor={id}>Stack outputs (JSON)</label>
              <textarea id={id} rows={10} value={text} onChange={(e) => setText(e.target.value)} spellCheck={false} aria-invalid={error?.fields.outputs ? true : undefined} />
              {error?.fields.outputs && <p className="field-error">{error.fields.outputs}</p>}
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
