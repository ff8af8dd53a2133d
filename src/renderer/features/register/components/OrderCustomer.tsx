import type { Dispatch } from 'react';
import { formatPhone, maxRedeemBlocks, pointsEarned, type LoyaltyRules } from '../../../../shared/customers';
import type { Totals } from '../../../../shared/pricing';
import { describeError } from '../../../ui/forms';
import { useCustomer } from '../../loyalty/queries';
import type { CartAction, CartState } from '../cart';

/** The loyalty customer on this order: their live points, rewards to redeem, and what they'll earn. */
export function OrderCustomer({
  cart,
  totals,
  rules,
  format,
  dispatch,
  onFind,
}: {
  cart: CartState;
  totals: Totals;
  rules?: LoyaltyRules;
  format: (cents: number) => string;
  dispatch: Dispatch<CartAction>;
  onFind: () => void;
}) {
  const customer = useCustomer(cart.customer?.customerId);
  if (!cart.customer || !rules) {
    return (
      <button type="button" className="btn btn-quiet btn-block" onClick={onFind}>
        Add customer
      </button>
    );
  }
  const points = customer.data?.points;
  const preTaxBeforeReward = totals.netCents + totals.rewardCents;
  const max = points === undefined ? 0 : maxRedeemBlocks(points, preTaxBeforeReward, rules);
  const error = describeError(customer.error);
  return (
    <section className="order-customer" aria-labelledby="order-customer-title">
      <div className="order-customer-head">
        <h3 id="order-customer-title">{cart.customer.name}</h3>
        <button type="button" className="btn btn-link" onClick={() => dispatch({ type: 'customer' })}>
          Remove customer
        </button>
      </div>
      <p className="muted" data-testid="customer-points">
        {error ? error.message : points === undefined ? 'Checking points…' : `${points} points`}
        {customer.data?.phone ? ` · ${formatPhone(customer.data.phone)}` : ''}
      </p>
      <div className="rewards">
        <span data-testid="rewards">
          {cart.redeemBlocks === 0
            ? `Rewards: ${rules.redeemBlockPoints} points = ${format(rules.redeemBlockValueCents)} off`
            : `${cart.redeemBlocks} × reward: −${format(totals.rewardCents)} (${cart.redeemBlocks * rules.redeemBlockPoints} points)`}
        </span>
        <div className="rewards-buttons">
          {cart.redeemBlocks > 0 && (
            <button type="button" className="btn btn-small" onClick={() => dispatch({ type: 'redeem', blocks: cart.redeemBlocks - 1 })}>
              Undo reward
            </button>
          )}
          <button type="button" className="btn btn-small" disabled={cart.redeemBlocks >= max} onClick={() => dispatch({ type: 'redeem', blocks: cart.redeemBlocks + 1 })}>
            Redeem reward
          </button>
        </div>
      </div>
      <p className="muted" data-testid="earns">
        Earns {pointsEarned(totals, rules)} points with this order
      </p>
    </section>
  );
}
