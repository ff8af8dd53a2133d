import { useEffect, useState } from 'react';
import type { DisplayFrame } from '../../../shared/display';
import { formatCents } from '../../../shared/money';
import { callPos } from '../../api/pos';

/** Waits on main for each new view, for as long as the page is open; a lost connection retries. */
function useDisplayFeed(): DisplayFrame | null {
  const [frame, setFrame] = useState<DisplayFrame | null>(null);
  useEffect(() => {
    let stopped = false;
    let after = 0;
    void (async () => {
      while (!stopped) {
        try {
          const next = await callPos('display.watch', { after });
          if (stopped) return;
          after = next.version;
          setFrame(next);
        } catch {
          await new Promise((resolve) => setTimeout(resolve, 1_000));
        }
      }
    })();
    return () => {
      stopped = true;
    };
  }, []);
  return frame;
}

/** The screen facing the customer: their order as it is rung, what they pay, their points. Read-only. */
export function CustomerDisplay() {
  const frame = useDisplayFeed();
  if (!frame) {
    return (
      <main className="customer-display customer-display-idle">
        <p className="muted">Connecting…</p>
      </main>
    );
  }
  const { view } = frame;
  const money = (cents: number) => formatCents(cents, frame.currency, frame.locale);
  if (view.kind === 'idle') {
    return (
      <main className="customer-display customer-display-idle">
        <h1>{frame.shopName}</h1>
        <p>Welcome! Your order will show here.</p>
      </main>
    );
  }
  // Paid at the till, or placed to be paid at the door: the sale is done either way.
  const done = Boolean(view.paid ?? view.onDelivery);
  return (
    <main className="customer-display" data-testid="customer-display">
      <h1 className="visually-hidden">Your order at {frame.shopName}</h1>
      <section className="display-lines" aria-label="Your order">
        {view.lines.length === 0 ? (
          <p className="muted">Your order will show here.</p>
        ) : (
          <ul>
            {view.lines.map((line) => (
              <li key={line.key} className="display-line">
                <span className="display-qty">{line.quantity} ×</span>
                <span className="display-name">
                  {line.name}
                  {line.detail && <span className="display-detail">{line.detail}</span>}
                </span>
                <span className="display-amount">{money(line.totalCents)}</span>
              </li>
            ))}
          </ul>
        )}
      </section>
      <aside className="display-side">
        <dl className="display-totals">
          <dt>Subtotal</dt>
          <dd>{money(view.subtotalCents)}</dd>
          {view.discountCents > 0 && (
            <>
              <dt>Discounts</dt>
              <dd>−{money(view.discountCents)}</dd>
            </>
          )}
          {view.feeCents !== undefined && (
            <>
              <dt>Delivery fee</dt>
              <dd data-testid="display-fee">{money(view.feeCents)}</dd>
            </>
          )}
          <dt>{view.taxIncluded ? 'Tax (included)' : 'Tax'}</dt>
          <dd>{money(view.taxCents)}</dd>
          <dt className="display-total">Total</dt>
          <dd className="display-total" data-testid="display-total">
            {money(view.totalCents)}
          </dd>
          {view.onDelivery && (
            <>
              {/* At the label's usual size: set as large as the change, it pushed its amount off the card. */}
              <dt>Pay on delivery</dt>
              <dd className="display-change" data-testid="display-on-delivery">
                {money(view.totalCents)}
              </dd>
            </>
          )}
          {view.paid && (
            <>
              <dt>Paid</dt>
              <dd>{money(view.paid.tenderedCents)}</dd>
              <dt className="display-change">Your change</dt>
              <dd className="display-change" data-testid="display-change">
                {money(view.paid.changeCents)}
              </dd>
            </>
          )}
        </dl>
        {done && <p className="display-thanks">Thank you!</p>}
        {view.loyalty && (
          <section className="display-loyalty" aria-label="Your points" data-testid="display-loyalty">
            <h2>Hi {view.loyalty.firstName}!</h2>
            {view.loyalty.points !== null && <p>You have {view.loyalty.points} points.</p>}
            <p>{done ? `You earned ${view.loyalty.earns} points with this order.` : `This order earns ${view.loyalty.earns} points.`}</p>
            {view.loyalty.reward && <p className="display-reward">You can redeem a reward: {view.loyalty.reward}</p>}
          </section>
        )}
      </aside>
    </main>
  );
}
