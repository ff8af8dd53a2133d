import { useState } from 'react';
import { formatCents } from '../../../../shared/money';
import { NEXT_STATUS, type OrderStatus, type OrderSummary } from '../../../../shared/orders';
import { describeError, ErrorBanner } from '../../../ui/forms';
import { useSettings } from '../../menu/queries';
import { useSession } from '../../session/queries';
import { useAdvanceOrder } from '../mutations';
import { useBoard } from '../queries';
import { OrderDialog } from './OrderDialog';

const COLUMNS: { status: OrderStatus; title: string }[] = [
  { status: 'placed', title: 'Placed' },
  { status: 'preparing', title: 'Preparing' },
  { status: 'ready', title: 'Ready' },
  { status: 'completed', title: 'Completed' },
];

function isClosed(order: OrderSummary): boolean {
  return order.status === 'cancelled' || (order.totalCents > 0 && order.refundedCents >= order.totalCents);
}

/** What the button that moves an order on says, by the status it is in now. */
const ADVANCE_LABEL: Partial<Record<OrderStatus, string>> = { placed: 'Start', preparing: 'Ready', ready: 'Complete' };

export function BoardScreen() {
  const board = useBoard();
  const settings = useSettings();
  const session = useSession();
  const advance = useAdvanceOrder();
  const [openId, setOpenId] = useState<string | null>(null);
  const format = (cents: number) => formatCents(cents, settings.data?.currency, settings.data?.locale);
  const error = describeError(board.error ?? advance.error);
  const orders = board.data ?? [];

  return (
    <div className="board">
      <h1>Order board</h1>
      <ErrorBanner message={error?.message} />
      <div className="board-columns">
        {COLUMNS.map(({ status, title }) => {
          // Cancelled and fully refunded tickets are done: nothing left to make.
          const inColumn = orders.filter((o) => (isClosed(o) ? status === 'completed' : o.status === status));
          return (
            <section key={status} className="board-column" aria-labelledby={`col-${status}`} data-testid={`column-${status}`}>
              <h2 id={`col-${status}`}>
                {title} <span className="count">{inColumn.length}</span>
              </h2>
              {inColumn.length === 0 ? (
                <p className="muted">{board.isPending ? 'Loading…' : 'No orders'}</p>
              ) : (
                <ul className="ticket-list">
                  {inColumn.map((order) => (
                    <Ticket
                      key={order.orderId}
                      order={order}
                      format={format}
                      busy={advance.isPending && advance.variables?.orderId === order.orderId}
                      onOpen={() => setOpenId(order.orderId)}
                      onAdvance={() => advance.mutate({ orderId: order.orderId, from: order.status })}
                    />
                  ))}
                </ul>
              )}
            </section>
          );
        })}
      </div>
      {openId && <OrderDialog orderId={openId} isManager={session.data?.role === 'Admin'} settings={settings.data} onClose={() => setOpenId(null)} />}
    </div>
  );
}

function Ticket({
  order,
  format,
  busy,
  onOpen,
  onAdvance,
}: {
  order: OrderSummary;
  format: (c: number) => string;
  busy: boolean;
  onOpen: () => void;
  onAdvance: () => void;
}) {
  const label = NEXT_STATUS[order.status] && !isClosed(order) ? ADVANCE_LABEL[order.status] : undefined;
  return (
    <li className={`ticket ticket-${order.status}`} data-testid="ticket">
      <button type="button" className="ticket-open" onClick={onOpen}>
        <span className="ticket-number">{order.ticket}</span>
        <span>
          {order.itemCount} {order.itemCount === 1 ? 'item' : 'items'} · {format(order.totalCents)}
        </span>
        <span className="muted">
          {new Date(order.createdAt).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' })} · {order.createdBy}
        </span>
        {order.status === 'cancelled' && <span className="badge">Cancelled</span>}
        {order.status !== 'cancelled' && order.refundedCents > 0 && <span className="badge badge-info">Refunded {format(order.refundedCents)}</span>}
        {order.sync === 'pending' && <span className="badge badge-waiting">Not synced yet</span>}
        {order.sync === 'parked' && <span className="badge">Parked</span>}
      </button>
      {label && (
        <button type="button" className="btn btn-primary btn-block" onClick={onAdvance} disabled={busy}>
          {label}
        </button>
      )}
    </li>
  );
}
