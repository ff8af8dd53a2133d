import { formatCents } from '../../../../shared/money';
import type { OrderStatus, OrderSummary } from '../../../../shared/orders';
import { describeError, ErrorBanner } from '../../../ui/forms';
import { useBoard } from '../queries';

const COLUMNS: { status: OrderStatus; title: string }[] = [
  { status: 'placed', title: 'Placed' },
  { status: 'preparing', title: 'Preparing' },
  { status: 'ready', title: 'Ready' },
  { status: 'completed', title: 'Completed' },
];

export function BoardScreen() {
  const board = useBoard();
  const error = describeError(board.error);
  const orders = board.data ?? [];
  return (
    <div className="board">
      <h1>Order board</h1>
      <ErrorBanner message={error?.message} />
      <div className="board-columns">
        {COLUMNS.map(({ status, title }) => {
          const inColumn = orders.filter((o) => o.status === status);
          return (
            <section key={status} className="board-column" aria-labelledby={`col-${status}`}>
              <h2 id={`col-${status}`}>
                {title} <span className="count">{inColumn.length}</span>
              </h2>
              {inColumn.length === 0 ? (
                <p className="muted">{board.isPending ? 'Loading…' : 'No orders'}</p>
              ) : (
                <ul className="ticket-list">
                  {inColumn.map((order) => (
                    <Ticket key={order.orderId} order={order} />
                  ))}
                </ul>
              )}
            </section>
          );
        })}
      </div>
    </div>
  );
}

function Ticket({ order }: { order: OrderSummary }) {
  return (
    <li className="ticket">
      <span className="ticket-number">{order.ticket}</span>
      <span>
        {order.itemCount} {order.itemCount === 1 ? 'item' : 'items'} · {formatCents(order.totalCents)}
      </span>
      {order.customerName && <span className="muted">{order.customerName}</span>}
    </li>
  );
}
