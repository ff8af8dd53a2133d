import { useEffect, useRef, useState } from 'react';
import type { OrderStatus } from '../../../../shared/orders';
import { holdUntilSignOut } from '../../../app/before-sign-out';

/** How long a move on the board can be taken back before it is sent. */
export const UNDO_MS = 5_000;

export interface BoardMove {
  orderId: string;
  ticket: string;
  from: OrderStatus;
  to: OrderStatus;
  state: 'waiting' | 'sending' | 'sent';
}

/** Where the board shows an order: its status with this till's moves not yet sent played on top. */
export function shownStatus(orderId: string, status: OrderStatus, moves: readonly BoardMove[]): OrderStatus {
  let shown = status;
  for (const m of moves) if (m.orderId === orderId && m.from === shown) shown = m.to;
  return shown;
}

/**
 * Moves on the board show at once and are sent after UNDO_MS, so "Undo" simply never sends them
 * (nothing to reverse in the cloud or the journal). Sent one after another, in the order made;
 * leaving the board, signing out or closing the window sends whatever is still waiting.
 */
export function useBoardMoves(send: (move: { orderId: string; from: OrderStatus }) => Promise<unknown>) {
  const [moves, setMoves] = useState<BoardMove[]>([]);
  const timers = useRef(new Map<BoardMove, ReturnType<typeof setTimeout>>());
  const queue = useRef<Promise<unknown>>(Promise.resolve());
  const sendRef = useRef(send);
  useEffect(() => {
    sendRef.current = send;
  }, [send]);

  const mark = (move: BoardMove, state: BoardMove['state']) => setMoves((all) => all.map((m) => (m.orderId === move.orderId && m.from === move.from ? { ...m, state } : m)));

  const flush = (move: BoardMove) => {
    clearTimeout(timers.current.get(move));
    timers.current.delete(move);
    mark(move, 'sending');
    queue.current = queue.current.then(() =>
      sendRef.current({ orderId: move.orderId, from: move.from }).then(
        () => mark(move, 'sent'),
        // A refused move (someone else moved it first) goes back to where the board says it is.
        () => setMoves((all) => all.filter((m) => !(m.orderId === move.orderId && m.from === move.from))),
      ),
    );
  };

  useEffect(() => {
    const waiting = timers.current;
    /** Sends every move still waiting out its Undo window, now. */
    const sendWaiting = () => {
      const sends = [...waiting].map(([move, timer]) => {
        clearTimeout(timer);
        return sendRef.current({ orderId: move.orderId, from: move.from });
      });
      waiting.clear();
      return Promise.allSettled(sends);
    };
    // Signing out or closing the window inside the Undo window must not lose the move.
    const release = holdUntilSignOut(sendWaiting);
    const onHide = () => void sendWaiting();
    window.addEventListener('pagehide', onHide);
    return () => {
      release();
      window.removeEventListener('pagehide', onHide);
      void sendWaiting();
    };
  }, []);

  const move = (next: Omit<BoardMove, 'state'>) => {
    // A ticket moved again before its first move went: send the first now, then wait on the second.
    for (const [earlier] of timers.current) if (earlier.orderId === next.orderId) flush(earlier);
    const entry: BoardMove = { ...next, state: 'waiting' };
    // Sent moves stay until the board shows them (shownStatus skips them after), so nothing flashes back.
    setMoves((all) => [...all.filter((m) => !(m.orderId === next.orderId && m.from === next.from)), entry]);
    timers.current.set(
      entry,
      setTimeout(() => flush(entry), UNDO_MS),
    );
  };

  const undo = (entry: BoardMove) => {
    if (!timers.current.has(entry)) return;
    clearTimeout(timers.current.get(entry));
    timers.current.delete(entry);
    setMoves((all) => all.filter((m) => !(m.orderId === entry.orderId && m.from === entry.from)));
  };

  /** The latest move still waiting to be sent: the one the Undo toast offers. */
  const undoable = moves.findLast((m) => m.state === 'waiting');
  return { moves, move, undo, undoable };
}
