import { useId, useRef, type FormEvent } from 'react';

const KEYS = ['1', '2', '3', '4', '5', '6', '7', '8', '9'] as const;

/**
 * A PIN entry for keyboard and touch alike: the field takes digits and Enter; the on-screen keys
 * type into the same field, so either way ends in one submit.
 */
export function PinPad({
  label,
  value,
  onChange,
  onSubmit,
  submitLabel,
  error,
  hint,
  busy,
  autoFocus,
  inline = false,
}: {
  label: string;
  value: string;
  onChange: (value: string) => void;
  onSubmit: () => void;
  submitLabel: string;
  error?: string;
  hint?: string;
  busy?: boolean;
  autoFocus?: boolean;
  /** Inside another form (a dialog's): no form of its own; Enter in the field submits the pad. */
  inline?: boolean;
}) {
  const id = useId();
  const input = useRef<HTMLInputElement>(null);
  const type = (digit: string) => {
    if (value.length < 6) onChange(value + digit);
    input.current?.focus();
  };
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!busy) onSubmit();
  };
  const Wrapper = inline ? 'div' : 'form';
  const wrapperProps = inline ? { className: 'pin-pad' } : { className: 'pin-pad', onSubmit: submit, noValidate: true };
  const describedBy = [hint ? `${id}-hint` : '', error ? `${id}-error` : ''].filter(Boolean).join(' ') || undefined;
  return (
    <Wrapper {...wrapperProps}>
      <div className="field">
        <label htmlFor={id}>{label}</label>
        <input
          id={id}
          ref={input}
          className="pin-input"
          type="password"
          inputMode="numeric"
          autoComplete="off"
          maxLength={6}
          value={value}
          autoFocus={autoFocus}
          data-autofocus={autoFocus || undefined}
          aria-invalid={error ? true : undefined}
          aria-describedby={describedBy}
          onChange={(e) => onChange(e.target.value.replace(/\D/g, '').slice(0, 6))}
          onKeyDown={inline ? (e) => e.key === 'Enter' && submit(e) : undefined}
        />
        {hint && (
          <p id={`${id}-hint`} className="field-hint">
            {hint}
          </p>
        )}
        {error && (
          <p id={`${id}-error`} className="field-error">
            {error}
          </p>
        )}
      </div>
      <div className="pin-keys">
        {KEYS.map((digit) => (
          <button key={digit} type="button" className="btn pin-key" onClick={() => type(digit)}>
            {digit}
          </button>
        ))}
        <button type="button" className="btn pin-key pin-key-word" onClick={() => onChange(value.slice(0, -1))}>
          Delete
        </button>
        <button type="button" className="btn pin-key" onClick={() => type('0')}>
          0
        </button>
        <button type={inline ? 'button' : 'submit'} className="btn btn-primary pin-key pin-key-word" disabled={busy} onClick={inline ? submit : undefined}>
          {submitLabel}
        </button>
      </div>
    </Wrapper>
  );
}
