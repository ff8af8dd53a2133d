import { useState } from 'react';
import { formatPhone } from '../../../shared/customers';
import { DELIVERY_STATUS_LABEL, type DeliveryView } from '../../../shared/delivery';
import { formatCents, parseMoneyInput } from '../../../shared/money';
import { describeError, ErrorBanner, Field } from '../../ui/forms';
import { Modal } from '../../ui/Modal';
import { useSettings } from '../menu/queries';
import { useDeliveries, useDeliveryMove } from './queries';
import './shipper.css';

/**
 * The shipper's screen: deliveries ready to go out (oldest first), then the shipper's own, then
 * what went out today. Every step is one tap; Delivered asks for the cash on a cash-on-delivery
 * order, Couldn't deliver for the reason.
 */
export function ShipperScreen() {
  const list = useDeliveries();
  const move = useDeliveryMove();
  const settings = useSettings();
  const money = (c: number) => formatCents(c, settings.data?.currency, settings.data?.locale);
  const [asking, setAsking] = useState<{ kind: 'cash' | 'reason'; order: DeliveryView } | null>(null);
  const all = list.data ?? [];
  const mine = all.filter((d) => (d.status === 'claimed' || d.status === 'out') && d.mine);
  const ready = all.filter((d) => d.status === 'waiting' || d.status === 'failed');
  const others = all.filter((d) => !ready.includes(d) && !mine.includes(d));
  const error = describeError(move.error ?? list.error);

  const card = (d: DeliveryView) => (
    <li key={d.orderId} className="delivery-card" data-testid="delivery" data-order-id={d.orderId}>
      <div className="delivery-head">
        <span className="ticket-number">{d.ticket}</span>
        <span className="badge" data-testid="delivery-status">
          {DELIVERY_STATUS_LABEL[d.status]}
          {d.shipper && d.status !== 'waiting' ? ` · ${d.shipper.name}` : ''}
        </span>
      </div>
      <p className="delivery-who">{d.name}</p>
      <p>{d.address}</p>
      <p>
        <a href={`tel:${d.phone}`}>{formatPhone(d.phone)}</a>
      </p>
      {d.notes && <p className="muted">Notes: {d.notes}</p>}
      {d.reason && <p className="muted">Last try: {d.reason}</p>}
      <p>
        {d.status === 'cancelled'
          ? 'Called off: don’t deliver it'
          : d.payOnDelivery
          ? d.cashCollectedCents !== undefined
            ? `Cash collected ${money(d.cashCollectedCents)}${d.settled ? ' · handed in' : ''}`
            : `Collect ${money(d.totalCents)} cash`
          : 'Paid'}
        {' · '}
        {new Date(d.createdAt).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' })}
        {(d.status === 'waiting' || d.status === 'failed') && d.kitchenStatus !== 'ready' && d.kitchenStatus !== 'completed' && ' · still being made'}
      </p>
      <div className="delivery-actions">
        {(d.status === 'waiting' || d.status === 'failed') && (
          <button type="button" className="btn btn-primary" disabled={move.isPending} onClick={() => move.mutate({ orderId: d.orderId, action: 'claim' })}>
            Claim {d.ticket}
          </button>
        )}
        {d.status === 'claimed' && mine.includes(d) && (
          <button type="button" className="btn btn-primary" disabled={move.isPending} onClick={() => move.mutate({ orderId: d.orderId, action: 'out' })}>
            Out for delivery
          </button>
        )}
        {d.status === 'out' && mine.includes(d) && (
          <button
            type="button"
            className="btn btn-primary"
            disabled={move.isPending}
            onClick={() => (d.payOnDelivery ? setAsking({ kind: 'cash', order: d }) : move.mutate({ orderId: d.orderId, action: 'delivered' }))}
          >
            Delivered
          </button>
        )}
        {(d.status === 'claimed' || d.status === 'out') && mine.includes(d) && (
          <button type="button" className="btn" disabled={move.isPending} onClick={() => setAsking({ kind: 'reason', order: d })}>
            Couldn’t deliver
          </button>
        )}
      </div>
    </li>
  );

  return (
    <section className="shipper" aria-labelledby="shipper-title">
      <h1 id="shipper-title">Deliveries</h1>
      <ErrorBanner message={error?.message} />
      {list.isPending && <p className="muted">Loading deliveries…</p>}
      <h2>My deliveries</h2>
      {mine.length === 0 ? <p className="muted">None claimed.</p> : <ul className="delivery-list">{mine.map(card)}</ul>}
      <h2>Ready to go out</h2>
      {ready.length === 0 ? <p className="muted">Nothing waiting.</p> : <ul className="delivery-list">{ready.map(card)}</ul>}
      {others.length > 0 && (
        <>
          <h2>Others today</h2>
          <ul className="delivery-list">{others.map(card)}</ul>
        </>
      )}
      {asking && (
        <StepDialog
          kind={asking.kind}
          order={asking.order}
          money={money}
          pending={move.isPending}
          onClose={() => setAsking(null)}
          onDone={(extra) =>
            move.mutate(
              { orderId: asking.order.orderId, action: asking.kind === 'cash' ? 'delivered' : 'failed', ...extra },
              { onSuccess: () => setAsking(null) },
            )
          }
          error={describeError(move.error)}
        />
      )}
    </section>
  );
}

function StepDialog({ kind, order, money, pending, error, onClose, onDone }: {
  kind: 'cash' | 'reason';
  order: DeliveryView;
  money: (c: number) => string;
  pending: boolean;
  error: ReturnType<typeof describeError>;
  onClose: () => void;
  onDone: (extra: { cashCents?: number; reason?: string }) => void;
}) {
  const [text, setText] = useState(kind === 'cash' ? (order.totalCents / 100).toFixed(2) : '');
  const [problem, setProblem] = useState<string | null>(null);
  return (
    <Modal title={kind === 'cash' ? `Cash collected for ${order.ticket}` : `Couldn’t deliver ${order.ticket}`} onClose={onClose}>
      <form
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          if (kind === 'reason') {
            if (text.trim().length < 3) return setProblem('Say why it couldn’t be delivered (at least 3 characters).');
            return onDone({ reason: text.trim() });
          }
          const cents = parseMoneyInput(text);
          if (cents === null) return setProblem('Enter an amount like 5.40.');
          onDone({ cashCents: cents });
        }}
      >
        {kind === 'cash' ? (
          <Field label="Cash collected" inputMode="decimal" value={text} onChange={(e) => setText(e.target.value)} hint={`${money(order.totalCents)} is due.`} error={problem ?? error?.fields.cashCents} data-autofocus />
        ) : (
          <Field label="Reason" value={text} onChange={(e) => setText(e.target.value)} hint="It goes back to the café; anyone can take it out again." error={problem ?? error?.fields.reason} data-autofocus />
        )}
        <ErrorBanner message={error && Object.keys(error.fields).length === 0 ? error.message : null} />
        <div className="modal-actions">
          <button type="button" className="btn btn-quiet" onClick={onClose}>
            Cancel
          </button>
          <button type="submit" className="btn btn-primary" disabled={pending}>
            {kind === 'cash' ? 'Mark delivered' : 'Back to the café'}
          </button>
        </div>
      </form>
    </Modal>
  );
}
