import { useEffect, useLayoutEffect, useRef, useState } from 'react';
import { formatCents } from '../../../../shared/money';
import { NEXT_STATUS, STATUS_LABEL, type OrderStatus, type OrderSummary } from '../../../../shared/orders';
import { describeError, ErrorBanner } from '../../../ui/forms';
import { useSettings } from '../../menu/queries';
import { useSession } from '../../session/queries';
import { useAdvanceOrder } from '../mutations';
import { useBoard } from '../queries';
import { OrderDialog } from './OrderDialog';
import { isClosed, Ticket } from './Ticket';
import { shownStatus, useBoardMoves } from './useBoardMoves';

const COLUMNS: { status: OrderStatus; title: string }[] = [
  { status: 'placed', title: 'Placed' },
  { status: 'preparing', title: 'Preparing' },
  { status: 'ready', title: 'Ready' },
  { status: 'completed', title: 'Completed' },
];

/** Taps this soon after a ticket slides to a new place land on it by accident: ignored. */
const SHIFT_GUARD_MS = 500;
/** How long a ticket that just arrived stays highlighted. */
const FRESH_MS = 6_000;

/** "7", "007", "t1-007": the ticket numbers a barista might type for T1-007. */
function matchesTicket(ticket: string, query: string): boolean {
  const q = query.trim().toUpperCase();
  if (!q) return true;
  if (/^\d+$/.test(q)) return Number(ticket.split('-').at(-1)) === Number(q) || ticket.includes(q);
  return ticket.toUpperCase().includes(q);
}

interface ShiftWatch {
  /** Where each ticket was on screen (viewport px) at the last look. */
  places: Map<string, string>;
  /** When each ticket last slid under a still finger. */
  movedAt: Map<string, number>;
}

function ticketPlaces(root: HTMLElement): Map<string, string> {
  const places = new Map<string, string>();
  for (const el of root.querySelectorAll<HTMLElement>('[data-order-id]')) {
    const box = el.getBoundingClientRect();
    places.set(el.dataset.orderId!, `${Math.round(box.left)},${Math.round(box.top)}`);
  }
  return places;
}

/**
 * Records which tickets moved on screen when the board changed, and when. What counts is where a
 * ticket is under the finger, not its row: starting the last ticket of a scrolled column shrinks
 * it, the column's scroll clamps and the tickets above slide down without changing row. The
 * board's first layout moves nothing; a new order joining the bottom of Placed moves nothing above it.
 */
function noteShift(watch: ShiftWatch, root: HTMLElement | null) {
  if (!root) return;
  const first = watch.places.size === 0;
  const at = performance.now();
  const places = ticketPlaces(root);
  for (const [id, place] of places) if (!first && watch.places.get(id) !== place) watch.movedAt.set(id, at);
  watch.places = places;
}

/** The minute hand for the waits on the tickets. */
function useMinuteClock(): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 15_000);
    return () => clearInterval(timer);
  }, []);
  return now;
}

export function BoardScreen() {
  const board = useBoard();
  const settings = useSettings();
  const session = useSession();
  const advance = useAdvanceOrder();
  const moves = useBoardMoves(advance.mutateAsync);
  const [openId, setOpenId] = useState<string | null>(null);
  const [filter, setFilter] = useState('');
  const now = useMinuteClock();
  const format = (cents: number) => formatCents(cents, settings.data?.currency, settings.data?.locale);
  const error = describeError(board.error ?? advance.error);
  const orders = board.data ?? [];
  const lateMinutes = settings.data?.boardLateMinutes ?? 5;

  // Tickets that arrived while the board was open (not the ones there when it opened).
  const [arrivals, setArrivals] = useState<{ known: Set<string> | null; fresh: Set<string> }>({ known: null, fresh: new Set() });
  if (board.data && (arrivals.known === null || orders.some((o) => !arrivals.known!.has(o.orderId)))) {
    const fresh = new Set(arrivals.fresh);
    if (arrivals.known) for (const o of orders) if (!arrivals.known.has(o.orderId)) fresh.add(o.orderId);
    setArrivals({ known: new Set([...(arrivals.known ?? []), ...orders.map((o) => o.orderId)]), fresh });
  }
  useEffect(() => {
    if (arrivals.fresh.size === 0) return;
    const timer = setTimeout(() => setArrivals((a) => ({ ...a, fresh: new Set() })), FRESH_MS);
    return () => clearTimeout(timer);
  }, [arrivals.fresh]);

  const shown = orders.filter((o) => matchesTicket(o.ticket, filter)).map((o) => ({ order: o, status: shownStatus(o.orderId, o.status, moves.moves) }));
  const columnOf = (o: OrderSummary, status: OrderStatus) => (isClosed(o) ? 'completed' : status);

  // When the tickets under the finger move (a move, a new order), the next tap waits a moment.
  const layout = COLUMNS.map((c) => shown.filter((s) => columnOf(s.order, s.status) === c.status).map((s) => s.order.orderId).join(',')).join('|');
  const shift = useRef<ShiftWatch>({ places: new Map(), movedAt: new Map() });
  const columnsRef = useRef<HTMLDivElement>(null);
  useLayoutEffect(() => noteShift(shift.current, columnsRef.current), [layout]);
  // The barista's own scrolling moves tickets on purpose: the next look starts from where they are now.
  const rebase = () => {
    if (columnsRef.current) shift.current.places = ticketPlaces(columnsRef.current);
  };

  /** `tappedAt` is the tap's event time, on the same clock as performance.now(). */
  const advanceTicket = (order: OrderSummary, from: OrderStatus, tappedAt: number) => {
    // The ticket under the finger just slid there (the one below moved on): that tap was meant for another.
    if (tappedAt - (shift.current.movedAt.get(order.orderId) ?? -Infinity) < SHIFT_GUARD_MS) return;
    const to = NEXT_STATUS[from];
    if (to) moves.move({ orderId: order.orderId, ticket: order.ticket, from, to });
  };

  const undoable = moves.undoable;
  return (
    <div className="board">
      <div className="board-toolbar">
        <h1>Order board</h1>
        <div className="field field-inline board-filter">
          <label htmlFor="ticket-filter">Find ticket</label>
          <input id="ticket-filter" type="search" inputMode="numeric" autoComplete="off" value={filter} onChange={(e) => setFilter(e.target.value)} />
        </div>
      </div>
      <ErrorBanner message={error?.message} />
      <div className="board-columns" ref={columnsRef} onScrollCapture={rebase}>
        {COLUMNS.map(({ status, title }) => {
          // Cancelled and fully refunded tickets are done: nothing left to make.
          const inColumn = shown.filter((s) => columnOf(s.order, s.status) === status);
          return (
            <section key={status} className="board-column" aria-labelledby={`col-${status}`} data-testid={`column-${status}`}>
              <h2 id={`col-${status}`}>
                {title} <span className="count">{inColumn.length}</span>
              </h2>
              {inColumn.length === 0 ? (
                <p className="muted">{board.isPending ? 'Loading…' : filter ? 'No match' : 'No orders'}</p>
              ) : (
                <ul className="ticket-list">
                  {inColumn.map(({ order, status: at }) => (
                    <Ticket
                      key={order.orderId}
                      order={order}
                      status={at}
                      format={format}
                      now={now}
                      lateMinutes={lateMinutes}
                      fresh={arrivals.fresh.has(order.orderId)}
                      onOpen={() => setOpenId(order.orderId)}
                      onAdvance={(tappedAt) => advanceTicket(order, at, tappedAt)}
                    />
                  ))}
                </ul>
              )}
            </section>
          );
        })}
      </div>
      {undoable && (
        <div className="toast" role="status" data-testid="undo-toast">
          <span>
            {undoable.ticket} moved to {STATUS_LABEL[undoable.to]}.
          </span>
          <button type="button" className="btn btn-quiet" onClick={() => moves.undo(undoable)}>
            Undo
          </button>
        </div>
      )}
      {openId && <OrderDialog orderId={openId} isManager={session.data?.role === 'Admin'} settings={settings.data} onClose={() => setOpenId(null)} />}
    </div>
  );
}
