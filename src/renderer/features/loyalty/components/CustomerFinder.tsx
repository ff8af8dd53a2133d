import { useState, type FormEvent } from 'react';
import { formatPhone, type CustomerView } from '../../../../shared/customers';
import { describeError, ErrorBanner, Field } from '../../../ui/forms';
import { useCustomerLookup, useEnrol } from '../queries';

export function customerLine(c: CustomerView): string {
  return [c.name, c.phone ? formatPhone(c.phone) : c.email, `${c.points} points`].filter(Boolean).join(' · ');
}

/**
 * Find a customer by phone or email; several matches → a choice; none → enrol them here. Used by
 * the register (attach to the order) and the Loyalty screen.
 */
export function CustomerFinder({ onChoose, autoFocus = false }: { onChoose: (customer: CustomerView) => void; autoFocus?: boolean }) {
  const [text, setText] = useState('');
  const [query, setQuery] = useState('');
  const lookup = useCustomerLookup(query);
  const error = describeError(lookup.error);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setQuery(text.trim());
  };

  return (
    <div className="customer-finder">
      <form onSubmit={submit} className="finder-form" noValidate>
        <Field
          label="Phone or email"
          type="search"
          autoComplete="off"
          value={text}
          onChange={(e) => setText(e.target.value)}
          error={error?.fields.query}
          data-autofocus={autoFocus ? true : undefined}
        />
        <button type="submit" className="btn btn-primary">
          Find
        </button>
      </form>
      <ErrorBanner message={error && !error.fields.query ? error.message : null} />
      {lookup.isFetching && <p className="muted">Looking…</p>}
      {lookup.data && lookup.data.length > 0 && (
        <ul className="customer-results" aria-label="Matching customers">
          {lookup.data.map((c) => (
            <li key={c.customerId}>
              <button type="button" className="customer-result" onClick={() => onChoose(c)}>
                {customerLine(c)}
              </button>
            </li>
          ))}
        </ul>
      )}
      {lookup.data && lookup.data.length === 0 && <EnrolForm key={query} query={query} onEnrolled={onChoose} />}
    </div>
  );
}

function EnrolForm({ query, onEnrolled }: { query: string; onEnrolled: (customer: CustomerView) => void }) {
  const enrol = useEnrol();
  const [name, setName] = useState('');
  const [phone, setPhone] = useState(query.includes('@') ? '' : query);
  const [email, setEmail] = useState(query.includes('@') ? query : '');
  const error = describeError(enrol.error);
  const existing = (enrol.error as { details?: { existing?: CustomerView } } | null)?.details?.existing;

  const submit = (event: FormEvent) => {
    event.preventDefault();
    enrol.mutate({ name, phone, email }, { onSuccess: onEnrolled });
  };

  return (
    <section className="enrol" aria-labelledby="enrol-title">
      <h2 id="enrol-title" className="section-title">No customer found: enrol them</h2>
      <ErrorBanner message={error && Object.keys(error.fields).length === 0 ? error.message : null} />
      <form onSubmit={submit} noValidate>
        <Field label="Name" autoComplete="off" value={name} onChange={(e) => setName(e.target.value)} error={error?.fields.name} />
        <Field label="Phone" type="tel" autoComplete="off" value={phone} onChange={(e) => setPhone(e.target.value)} error={error?.fields.phone} />
        <Field label="Email" type="email" autoComplete="off" value={email} onChange={(e) => setEmail(e.target.value)} error={error?.fields.email} />
        {existing && (
          <p>
            {error?.message}{' '}
            <button type="button" className="btn btn-link" onClick={() => onEnrolled(existing)}>
              Use {existing.name}
            </button>
          </p>
        )}
        <button type="submit" className="btn btn-primary" disabled={enrol.isPending}>
          {enrol.isPending ? 'Enrolling…' : 'Enrol'}
        </button>
      </form>
    </section>
  );
}
