import { DELIVERY_STATUS_LABEL } from '../../../../shared/delivery';
import { ORDER_TYPE_LABEL, type OrderStatus, type OrderSummary } from '../../../../shared/orders';

/** What the button that moves an order on says, by the status it is in now. */
export const ADVANCE_LABEL: Partial<Record<OrderStatus, string>> = { placed: 'Start', preparing: 'Ready', ready: 'Complete' };

export function isClosed(order: OrderSummary): boolean {
  return order.status === 'cancelled' || (order.totalCents > 0 && order.refundedCents >= order.totalCents);
}

/** Minutes waited, for a ticket still being made; none once it's done. */
export function waitedMinutes(order: OrderSummary, status: OrderStatus, now: number): number | null {
  if (isClosed(order) || status === 'completed' || status === 'cancelled') return null;
  return Math.max(0, Math.floor((now - Date.parse(order.createdAt)) / 60_000));
}

/** One ticket: what to make, for whom, and how long it has waited. */
export function Ticket({
  order,
  status,
  format,
  now,
  lateMinutes,
  fresh,
  onOpen,
  onAdvance,
}: {
  order: OrderSummary;
  /** Where the board shows it: a move not sent yet included. */
  status: OrderStatus;
  format: (c: number) => string;
  now: number;
  lateMinutes: number;
  fresh: boolean;
  onOpen: () => void;
  onAdvance: (tappedAt: number) => void;
}) {
  const label = !isClosed(order) ? ADVANCE_LABEL[status] : undefined;
  const waited = waitedMinutes(order, status, now);
  const late = waited !== null && waited >= lateMinutes;
  const classes = ['ticket', `ticket-${order.status}`, late ? 'ticket-late' : '', fresh ? 'ticket-new' : ''].filter(Boolean).join(' ');
  return (
    <li className={classes} data-testid="ticket" data-order-id={order.orderId}>
      <button type="button" className="ticket-open" onClick={onOpen}>
        <span className="ticket-head">
          <span className="ticket-number">{order.ticket}</span>
          {waited !== null && (
            <span className="ticket-wait" data-testid="ticket-wait">
              {waited === 0 ? 'Under 1 min' : `${waited} min`}
              {late ? ' · late' : ''}
            </span>
          )}
        </span>
        {order.customerName && <span className="ticket-customer">{order.customerName}</span>}
        {order.orderType !== 'forHere' && (
          <span className="ticket-type" data-testid="ticket-type">
            {ORDER_TYPE_LABEL[order.orderType]}
            {order.pickup && ` · ${order.pickup.name} at ${order.pickup.time}`}
            {order.deliveryName && ` · ${order.deliveryName}`}
            {order.delivery && ` · ${DELIVERY_STATUS_LABEL[order.delivery.status]}${order.delivery.shipper ? ` (${order.delivery.shipper})` : ''}`}
          </span>
        )}
        <span className="ticket-items">
          {order.lines.map((line, i) => (
            <span key={i} className="ticket-item">
              <span className="ticket-qty">{line.quantity} ×</span> {line.name}
              {line.options.length > 0 && ` · ${line.options.join(', ')}`}
              {line.note && <span className="ticket-note">Note: {line.note}</span>}
            </span>
          ))}
        </span>
        <span className="ticket-meta">
          {format(order.totalCents)} · {new Date(order.createdAt).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' })} · {order.createdBy}
        </span>
        {order.status === 'cancelled' && <span className="badge badge-cancelled">Cancelled</span>}
        {order.status !== 'cancelled' && order.refundedCents > 0 && <span className="badge badge-info">Refunded {format(order.refundedCents)}</span>}
        {order.sync === 'pending' && <span className="badge badge-waiting">Not synced yet</span>}
        {order.sync === 'parked' && <span className="badge">Parked</span>}
      </button>
      {label && (
        <button type="button" className="btn btn-primary btn-block" onClick={(e) => onAdvance(e.timeStamp)}>
          {label}
        </button>
      )}
    </li>
  );
}
