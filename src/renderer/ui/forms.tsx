import { useId, type ComponentProps, type ReactNode } from 'react';
import { PosCallError } from '../api/pos';

/** A labelled input with its error tied to it, so screen readers hear both. */
export function Field({
  label,
  error,
  hint,
  ...input
}: { label: string; error?: string; hint?: ReactNode } & ComponentProps<'input'>) {
  const id = useId();
  const describedBy = [hint ? `${id}-hint` : '', error ? `${id}-error` : ''].filter(Boolean).join(' ') || undefined;
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <input id={id} aria-invalid={error ? true : undefined} aria-describedby={describedBy} {...input} />
      {hint && (
        <div id={`${id}-hint`} className="field-hint">
          {hint}
        </div>
      )}
      {error && (
        <p id={`${id}-error`} className="field-error">
          {error}
        </p>
      )}
    </div>
  );
}

/** The error of a failed call: a message for the banner and one per field. */
export function describeError(error: unknown): { message: string; fields: Record<string, string> } | null {
  if (!error) return null;
  if (error instanceof PosCallError) {
    const fields: Record<string, string> = {};
    for (const issue of error.details?.fields ?? []) fields[issue.path] ??= issue.message;
    return { message: error.message, fields };
  }
  return { message: 'Something went wrong on this till. Try again.', fields: {} };
}

export function ErrorBanner({ message }: { message?: string | null }) {
  return (
    <div role="alert" className={message ? 'banner banner-error' : 'banner-empty'}>
      {message}
    </div>
  );
}

export function Notice({ children }: { children: ReactNode }) {
  return (
    <div role="status" className="banner banner-info">
      {children}
    </div>
  );
}
