import { useState, type FormEvent } from 'react';
import { PASSWORD_RULES } from '../../../../shared/password-policy';
import { describeError, ErrorBanner, Field, Notice } from '../../../ui/forms';
import { useCompleteNewPassword, useConfirmForgotPassword, useForgotPassword, useSignIn } from '../queries';

type Step = { name: 'signIn'; notice?: string } | { name: 'newPassword'; email: string } | { name: 'forgot'; email: string } | { name: 'reset'; email: string; destination: string };

/** `connect` opens the AWS setup; on the demo café the link says that is what the till runs on. */
export function AuthScreens({
  connect,
  demo = false,
  onBack,
  onSignedIn,
  notice,
}: {
  connect?: { demo: boolean; open: () => void };
  /** Why this screen shows (a lock-out by wrong PINs). */
  notice?: string;
  /** The demo café: a PIN left empty is the one the README lists for that account. */
  demo?: boolean;
  /** Others are signed in on this till: back to the lock screen. */
  onBack?: () => void;
  onSignedIn?: () => void;
}) {
  const [step, setStep] = useState<Step>({ name: 'signIn', ...(notice && { notice }) });
  return (
    <main className="auth-page">
      <section className="auth-card" aria-labelledby="auth-title">
        <p className="brand" aria-hidden="true">
          ☁ Coffee Cloud POS
        </p>
        {step.name === 'signIn' && <SignIn notice={step.notice} onStep={setStep} demo={demo} onSignedIn={onSignedIn} />}
        {step.name === 'newPassword' && <NewPassword email={step.email} onBack={() => setStep({ name: 'signIn' })} onSignedIn={onSignedIn} />}
        {step.name === 'signIn' && onBack && (
          <button type="button" className="btn btn-link" onClick={onBack}>
            Back to the lock screen
          </button>
        )}
        {step.name === 'forgot' && <ForgotPassword email={step.email} onStep={setStep} />}
        {step.name === 'reset' && <ResetPassword email={step.email} destination={step.destination} onStep={setStep} />}
        {step.name === 'signIn' && connect && (
          <p className="setup-link">
            {connect.demo ? 'Running on demo data. ' : ''}
            <button type="button" className="btn btn-link" onClick={connect.open}>
              {connect.demo ? 'Connect to your AWS account' : 'Connect to another AWS account'}
            </button>
          </p>
        )}
      </section>
    </main>
  );
}

function SignIn({ notice, onStep, demo, onSignedIn }: { notice?: string; onStep: (step: Step) => void; demo: boolean; onSignedIn?: () => void }) {
  const signIn = useSignIn();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [pin, setPin] = useState('');
  const error = describeError(signIn.error);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    signIn.mutate(
      { email, password, ...(pin && { pin }) },
      {
        onSuccess: (result) => {
          if (result.status === 'NEW_PASSWORD_REQUIRED') onStep({ name: 'newPassword', email: result.email });
          else onSignedIn?.();
        },
      },
    );
  };

  return (
    <>
      <h1 id="auth-title">Staff sign in</h1>
      {notice && <Notice>{notice}</Notice>}
      <ErrorBanner message={error && Object.keys(error.fields).length === 0 ? error.message : null} />
      <form onSubmit={submit} noValidate>
        <Field label="Email" type="email" autoComplete="username" value={email} onChange={(e) => setEmail(e.target.value)} error={error?.fields.email} autoFocus />
        <Field label="Password" type="password" autoComplete="current-password" value={password} onChange={(e) => setPassword(e.target.value)} error={error?.fields.password} />
        <Field
          label="PIN for this till"
          type="password"
          inputMode="numeric"
          autoComplete="off"
          maxLength={6}
          value={pin}
          onChange={(e) => setPin(e.target.value.replace(/\D/g, ''))}
          error={error?.fields.pin}
          hint={demo ? '4 to 6 digits, to switch back in after a lock. Demo café: leave it empty to use your PIN from the README.' : '4 to 6 digits, to switch back in after a lock.'}
        />
        <button type="submit" className="btn btn-primary btn-block" disabled={signIn.isPending}>
          {signIn.isPending ? 'Signing in…' : 'Sign in'}
        </button>
      </form>
      <button type="button" className="btn btn-link" onClick={() => onStep({ name: 'forgot', email })}>
        Forgot password?
      </button>
    </>
  );
}

function PasswordRules({ password }: { password: string }) {
  return (
    <ul className="rules" aria-label="Password rules">
      {PASSWORD_RULES.map((rule) => {
        const met = rule.test(password);
        return (
          <li key={rule.id} className={met ? 'rule-met' : 'rule-unmet'}>
            <span aria-hidden="true">{met ? '✓' : '•'}</span> {rule.label}
            <span className="visually-hidden">{met ? ' (done)' : ' (still needed)'}</span>
          </li>
        );
      })}
    </ul>
  );
}

/** Checks the two entries match here; the rules themselves are checked in main. */
function useNewPasswordFields() {
  const [newPassword, setNewPassword] = useState('');
  const [confirm, setConfirm] = useState('');
  const [mismatch, setMismatch] = useState(false);
  return {
    newPassword,
    confirm,
    mismatch,
    setNewPassword,
    setConfirm: (value: string) => {
      setConfirm(value);
      setMismatch(false);
    },
    /** False (and shows why) when the confirmation differs. */
    check: () => {
      const same = newPassword === confirm;
      setMismatch(!same);
      return same;
    },
  };
}

function NewPasswordInputs({ fields, serverError }: { fields: ReturnType<typeof useNewPasswordFields>; serverError?: string }) {
  return (
    <>
      <Field
        label="New password"
        type="password"
        autoComplete="new-password"
        value={fields.newPassword}
        onChange={(e) => fields.setNewPassword(e.target.value)}
        error={serverError}
        hint={<PasswordRules password={fields.newPassword} />}
      />
      <Field
        label="Confirm new password"
        type="password"
        autoComplete="new-password"
        value={fields.confirm}
        onChange={(e) => fields.setConfirm(e.target.value)}
        error={fields.mismatch ? 'The two passwords don’t match.' : undefined}
      />
    </>
  );
}

function NewPassword({ email, onBack, onSignedIn }: { email: string; onBack: () => void; onSignedIn?: () => void }) {
  const complete = useCompleteNewPassword();
  const fields = useNewPasswordFields();
  const error = describeError(complete.error);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (fields.check()) complete.mutate({ newPassword: fields.newPassword }, { onSuccess: () => onSignedIn?.() });
  };

  return (
    <>
      <h1 id="auth-title">Choose a new password</h1>
      <p className="muted">
        <strong>{email}</strong> signed in with a temporary password. Choose your own to continue.
      </p>
      <ErrorBanner message={error?.message} />
      <form onSubmit={submit} noValidate>
        <NewPasswordInputs fields={fields} serverError={error?.fields.newPassword} />
        <button type="submit" className="btn btn-primary btn-block" disabled={complete.isPending}>
          {complete.isPending ? 'Saving…' : 'Save password and sign in'}
        </button>
      </form>
      <button type="button" className="btn btn-link" onClick={onBack}>
        Back to sign in
      </button>
    </>
  );
}

function ForgotPassword({ email: initialEmail, onStep }: { email: string; onStep: (step: Step) => void }) {
  const forgot = useForgotPassword();
  const [email, setEmail] = useState(initialEmail);
  const error = describeError(forgot.error);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    forgot.mutate({ email }, { onSuccess: ({ destination }) => onStep({ name: 'reset', email, destination }) });
  };

  return (
    <>
      <h1 id="auth-title">Reset your password</h1>
      <p className="muted">We’ll email you a 6-digit code.</p>
      <ErrorBanner message={error && !error.fields.email ? error.message : null} />
      <form onSubmit={submit} noValidate>
        <Field label="Email" type="email" autoComplete="username" value={email} onChange={(e) => setEmail(e.target.value)} error={error?.fields.email} autoFocus />
        <button type="submit" className="btn btn-primary btn-block" disabled={forgot.isPending}>
          {forgot.isPending ? 'Sending…' : 'Send code'}
        </button>
      </form>
      <button type="button" className="btn btn-link" onClick={() => onStep({ name: 'signIn' })}>
        Back to sign in
      </button>
    </>
  );
}

function ResetPassword({ email, destination, onStep }: { email: string; destination: string; onStep: (step: Step) => void }) {
  const confirm = useConfirmForgotPassword();
  const fields = useNewPasswordFields();
  const [code, setCode] = useState('');
  const error = describeError(confirm.error);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!fields.check()) return;
    confirm.mutate(
      { email, code, newPassword: fields.newPassword },
      { onSuccess: () => onStep({ name: 'signIn', notice: 'Password changed. Sign in with your new password.' }) },
    );
  };

  return (
    <>
      <h1 id="auth-title">Enter the code</h1>
      <p className="muted">
        We sent a code to <strong>{destination}</strong>.
      </p>
      <ErrorBanner message={error?.message} />
      <form onSubmit={submit} noValidate>
        <Field label="Code" inputMode="numeric" autoComplete="one-time-code" value={code} onChange={(e) => setCode(e.target.value)} error={error?.fields.code} autoFocus />
        <NewPasswordInputs fields={fields} serverError={error?.fields.newPassword} />
        <button type="submit" className="btn btn-primary btn-block" disabled={confirm.isPending}>
          {confirm.isPending ? 'Saving…' : 'Reset password'}
        </button>
      </form>
      <button type="button" className="btn btn-link" onClick={() => onStep({ name: 'signIn' })}>
        Back to sign in
      </button>
    </>
  );
}
