import type { Dispatch, ReactNode } from 'react';
import type { Discount } from '../../../../shared/pricing';
import type { CartAction, CartState, PricedCart } from '../cart';

function discountText(discount: Discount, format: (c: number) => string): string {
  return discount.kind === 'percent' ? `${discount.bps / 100}% off` : `${format(discount.cents)} off`;
}

export function CartPanel({
  cart,
  priced,
  taxLabel,
  format,
  dispatch,
  onNote,
  onDiscount,
  onPay,
  onCard,
  onClear,
  paidCents,
  busy,
  idle,
  customer,
  orderType,
  payOnDelivery,
}: {
  customer: ReactNode;
  /** The order-type picker. */
  orderType: ReactNode;
  /** Cash on delivery: the order is placed with nothing paid now. */
  payOnDelivery: boolean;
  /** What the panel shows with no lines: the last sale, an undo, a hint. */
  idle: ReactNode;
  cart: CartState;
  priced: PricedCart;
  taxLabel: string;
  format: (cents: number) => string;
  dispatch: Dispatch<CartAction>;
  onNote: (key: string) => void;
  onDiscount: (key: string) => void;
  onPay: () => void;
  onCard: () => void;
  onClear: () => void;
  /** Payments already taken for this order (kept when the payment step is left). */
  paidCents: number;
  /** A sale is being placed: paying again must wait. */
  busy: boolean;
}) {
  const { totals } = priced;
  const dueCents = Math.max(0, totals.totalCents - paidCents);
  return (
    <aside className="order-pane" aria-labelledby="order-title">
      <h2 id="order-title">Current order</h2>
      {/* Only the lines scroll: totals and Pay stay on screen at every size. */}
      <div className="order-scroll">
      {priced.lines.length === 0 ? (
        idle
      ) : (
        <ul className="cart-lines" aria-label="Order lines">
          {priced.lines.map((line) => {
            const selected = line.key === cart.selectedKey;
            const name = line.product?.name ?? 'Unknown item';
            return (
              <li key={line.key} className={selected ? 'cart-line selected' : 'cart-line'} data-testid="cart-line">
                <button type="button" className="cart-line-main" aria-pressed={selected} onClick={() => dispatch({ type: 'select', key: line.key })}>
                  <span className="cart-line-name">
                    {line.quantity} × {name}
                  </span>
                  <span className="cart-line-price">{line.priced ? format(line.priced.netCents) : '—'}</span>
                  {line.priced && line.priced.modifiers.length > 0 && (
                    <span className="cart-line-mods">{line.priced.modifiers.map((m) => m.optionName).join(', ')}</span>
                  )}
                  {line.note && <span className="cart-line-mods">Note: {line.note}</span>}
                  {line.discount && <span className="cart-line-mods">{discountText(line.discount, format)}</span>}
                  {line.problem && <span className="cart-line-problem">{line.problem}</span>}
                </button>
                <div className="cart-line-actions">
                  <button type="button" className="btn btn-step" onClick={() => dispatch({ type: 'quantity', key: line.key, delta: -1 })}>
                    −
                  </button>
                  <button type="button" className="btn btn-step" onClick={() => dispatch({ type: 'quantity', key: line.key, delta: 1 })} disabled={line.quantity >= 99}>
                    +
                  </button>
                  {selected && (
                    <>
                      <button type="button" className="btn btn-small" onClick={() => onNote(line.key)}>
                        Note
                      </button>
                      <button type="button" className="btn btn-small" onClick={() => onDiscount(line.key)}>
                        Discount
                      </button>
                      <button type="button" className="btn btn-small btn-danger" onClick={() => dispatch({ type: 'remove', key: line.key })}>
                        Remove
                      </button>
                    </>
                  )}
                </div>
              </li>
            );
          })}
        </ul>
      )}
      </div>

      <div className="order-foot">
      {orderType}
      {customer}

      <dl className="totals" aria-label="Totals">
        <div>
          <dt>Subtotal</dt>
          <dd data-testid="subtotal">{format(totals.subtotalCents)}</dd>
        </div>
        {totals.discountCents - totals.rewardCents > 0 && (
          <div>
            <dt>Discount{cart.orderDiscount ? ` (${discountText(cart.orderDiscount, format)})` : ''}</dt>
            <dd data-testid="discount">−{format(totals.discountCents - totals.rewardCents)}</dd>
          </div>
        )}
        {totals.rewardCents > 0 && (
          <div>
            <dt>Loyalty reward</dt>
            <dd data-testid="reward">−{format(totals.rewardCents)}</dd>
          </div>
        )}
        {totals.feeCents > 0 && (
          <div>
            <dt>Delivery fee</dt>
            <dd data-testid="delivery-fee">{format(totals.feeCents)}</dd>
          </div>
        )}
        <div>
          <dt>{taxLabel}</dt>
          <dd data-testid="tax">{format(totals.taxCents)}</dd>
        </div>
        <div className="totals-total">
          <dt>Total</dt>
          <dd data-testid="total">{format(totals.totalCents)}</dd>
        </div>
        {paidCents > 0 && (
          <div>
            <dt>Paid so far</dt>
            <dd data-testid="paid">{format(paidCents)}</dd>
          </div>
        )}
      </dl>
      <div className="order-actions">
        <button type="button" className="btn btn-quiet" onClick={() => onDiscount('order')} disabled={priced.lines.length === 0} aria-keyshortcuts="Alt+D F4">
          Order discount
        </button>
        <button type="button" className="btn btn-quiet" onClick={onClear} disabled={priced.lines.length === 0}>
          Clear
        </button>
        {!payOnDelivery && (
          <button type="button" className="btn btn-secondary btn-large btn-card" onClick={onCard} disabled={!priced.sellable || busy} aria-keyshortcuts="F9">
            Pay by card
          </button>
        )}
        <button type="button" className="btn btn-primary btn-large btn-pay" onClick={onPay} disabled={!priced.sellable || busy} aria-keyshortcuts="F8">
          {payOnDelivery ? `Place order, ${format(dueCents)} on delivery` : `Pay ${format(dueCents)}`}
        </button>
      </div>
      </div>
    </aside>
  );
}
