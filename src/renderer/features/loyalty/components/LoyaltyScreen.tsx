import { useState, type FormEvent } from 'react';
import { formatPhone, type CustomerView } from '../../../../shared/customers';
import { formatCents } from '../../../../shared/money';
import { STATUS_LABEL } from '../../../../shared/orders';
import { describeError, ErrorBanner, Field } from '../../../ui/forms';
import { useSession } from '../../session/queries';
import { useAdjustPoints, useLedger } from '../queries';
import { CustomerFinder } from './CustomerFinder';

export function LoyaltyScreen() {
  const [selected, setSelected] = useState<CustomerView | null>(null);
  return (
    <div className="loyalty">
      <section className="loyalty-search" aria-labelledby="loyalty-title">
        <h1 id="loyalty-title">Loyalty</h1>
        <CustomerFinder onChoose={setSelected} />
      </section>
      {selected ? (
        <CustomerDetail key={selected.customerId} customerId={selected.customerId} />
      ) : (
        <p className="muted loyalty-empty">Find a customer by phone or email to see their points.</p>
      )}
    </div>
  );
}

function CustomerDetail({ customerId }: { customerId: string }) {
  const ledger = useLedger(customerId);
  const session = useSession();
  const first = ledger.data?.pages[0];
  const customer = first?.customer;
  const entries = ledger.data?.pages.flatMap((p) => p.entries) ?? [];
  const error = describeError(ledger.error);

  return (
    <section className="customer-detail" aria-labelledby="customer-title">
      <ErrorBanner message={error?.message} />
      {!customer ? (
        <p className="muted">Loading…</p>
      ) : (
        <>
          <header className="customer-head">
            <div>
              <h2 id="customer-title">{customer.name}</h2>
              <p className="muted">{[customer.phone && formatPhone(customer.phone), customer.email].filter(Boolean).join(' · ')}</p>
            </div>
            <p className="balance">
              <span className="balance-number" data-testid="balance">
                {customer.points}
              </span>{' '}
              points
            </p>
          </header>

          {session.data?.role === 'Admin' && <AdjustForm customerId={customerId} />}

          <h3>Points history</h3>
          {entries.length === 0 ? (
            <p className="muted">No points yet.</p>
          ) : (
            <table className="ledger">
              <thead>
                <tr>
                  <th scope="col">Date</th>
                  <th scope="col">Change</th>
                  <th scope="col">Reason</th>
                  <th scope="col">Ticket</th>
                </tr>
              </thead>
              <tbody>
                {entries.map((e) => (
                  <tr key={e.entryId}>
                    <td>{new Date(e.at).toLocaleString([], { dateStyle: 'medium', timeStyle: 'short' })}</td>
                    <td className={e.delta < 0 ? 'negative' : 'positive'}>{e.delta > 0 ? `+${e.delta}` : e.delta}</td>
                    <td>{e.reason}</td>
                    <td>{e.ticket ?? ''}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
          {ledger.hasNextPage && (
            <button type="button" className="btn btn-quiet" onClick={() => ledger.fetchNextPage()} disabled={ledger.isFetchingNextPage}>
              {ledger.isFetchingNextPage ? 'Loading…' : 'Load more'}
            </button>
          )}

          <h3>Recent orders</h3>
          {first.recentOrders.length === 0 ? (
            <p className="muted">No orders yet.</p>
          ) : (
            <ul className="recent-orders">
              {first.recentOrders.map((o) => (
                <li key={o.orderId}>
                  <strong>{o.ticket}</strong> · {new Date(o.createdAt).toLocaleDateString()} · {o.itemCount} items · {formatCents(o.totalCents)} · {STATUS_LABEL[o.status]}
                </li>
              ))}
            </ul>
          )}
        </>
      )}
    </section>
  );
}

function AdjustForm({ customerId }: { customerId: string }) {
  const adjust = useAdjustPoints();
  const [delta, setDelta] = useState('');
  const [reason, setReason] = useState('');
  const [deltaError, setDeltaError] = useState<string>();
  const error = describeError(adjust.error);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!/^[+-]?\d+$/.test(delta.trim())) {
      setDeltaError('Enter whole points, like 25 or -10.');
      return;
    }
    setDeltaError(undefined);
    adjust.mutate(
      { customerId, delta: Number(delta), reason },
      {
        onSuccess: () => {
          setDelta('');
          setReason('');
        },
      },
    );
  };

  return (
    <form className="adjust-form" onSubmit={submit} noValidate aria-labelledby="adjust-title">
      <h3 id="adjust-title">Adjust points</h3>
      <ErrorBanner message={error && Object.keys(error.fields).length === 0 ? error.message : null} />
      <div className="adjust-fields">
        <Field label="Points (+ or −)" inputMode="numeric" value={delta} onChange={(e) => setDelta(e.target.value)} error={deltaError ?? error?.fields.delta} />
        <Field label="Reason for adjustment" value={reason} onChange={(e) => setReason(e.target.value)} error={error?.fields.reason} />
      </div>
      <button type="submit" className="btn btn-secondary" disabled={adjust.isPending}>
        Adjust points
      </button>
    </form>
  );
}
