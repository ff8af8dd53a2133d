import type { ShopSettings } from '../../../../shared/menu';
import { formatCents } from '../../../../shared/money';
import { formatPhone } from '../../../../shared/customers';
import { ORDER_TYPE_LABEL, STATUS_LABEL, type Order } from '../../../../shared/orders';
import type { Discount } from '../../../../shared/pricing';

function discountLabel(discount: Discount | undefined, format: (c: number) => string): string {
  if (!discount) return 'Discount';
  return discount.kind === 'percent' ? `Discount ${discount.bps / 100}%` : `Discount ${format(discount.cents)}`;
}

/** The printable receipt: what the customer takes away, and what a reprint shows. */
export function Receipt({ order, settings }: { order: Order; settings?: ShopSettings }) {
  const money = (cents: number) => formatCents(cents, settings?.currency, settings?.locale);
  const when = new Date(order.createdAt).toLocaleString(settings?.locale ?? 'en-US', { dateStyle: 'medium', timeStyle: 'short' });
  return (
    <article className="receipt print-area" aria-label={`Receipt ${order.ticket}`}>
      <header className="receipt-head">
        <p className="receipt-shop">{settings?.shopName ?? 'Coffee Cloud'}</p>
        <p className="receipt-ticket">{order.ticket}</p>
        <p>
          {when} · {order.createdBy.name}
        </p>
        {order.status === 'cancelled' && <p className="receipt-flag">{STATUS_LABEL.cancelled}</p>}
        <p className="receipt-flag" data-testid="receipt-type">{ORDER_TYPE_LABEL[order.orderType ?? 'forHere']}</p>
        {order.pickup && (
          <p>
            {order.pickup.name}, pickup at {order.pickup.time}
          </p>
        )}
        {order.delivery && (
          <p className="receipt-sub" data-testid="receipt-delivery">
            {order.delivery.name} · {order.delivery.address} · {formatPhone(order.delivery.phone)}
            {order.delivery.notes && ` · ${order.delivery.notes}`}
            {order.delivery.shipper && ` · Shipper: ${order.delivery.shipper.name}`}
          </p>
        )}
      </header>
      <ul className="receipt-lines">
        {order.lines.map((line) => (
          <li key={line.lineId}>
            <div className="receipt-row">
              <span>
                {line.quantity} × {line.name}
              </span>
              <span>{money(line.grossCents)}</span>
            </div>
            {line.modifiers.length > 0 && (
              <div className="receipt-sub">
                {line.modifiers.map((m) => `${m.optionName}${m.priceDeltaCents ? ` +${money(m.priceDeltaCents)}` : ''}`).join(', ')}
              </div>
            )}
            {line.note && <div className="receipt-sub">Note: {line.note}</div>}
            {line.discountCents > 0 && (
              <div className="receipt-row receipt-sub">
                <span>{discountLabel(line.discount, money)}</span>
                <span>−{money(line.discountCents)}</span>
              </div>
            )}
          </li>
        ))}
      </ul>
      <dl className="receipt-totals">
        <div className="receipt-row">
          <dt>Subtotal</dt>
          <dd>{money(order.subtotalCents)}</dd>
        </div>
        {order.discountCents > 0 && (
          <div className="receipt-row">
            <dt>Discounts{order.discountReason ? ` (${order.discountReason})` : ''}</dt>
            <dd>−{money(order.discountCents)}</dd>
          </div>
        )}
        {order.delivery && order.delivery.feeCents > 0 && (
          <div className="receipt-row">
            <dt>Delivery fee</dt>
            <dd>{money(order.delivery.feeCents)}</dd>
          </div>
        )}
        <div className="receipt-row">
          <dt>
            Tax {order.taxRateBps / 100}%{order.taxInclusive ? ' (included)' : ''}
          </dt>
          <dd>{money(order.taxCents)}</dd>
        </div>
        <div className="receipt-row receipt-total">
          <dt>Total</dt>
          <dd>{money(order.totalCents)}</dd>
        </div>
        {order.tenders.map((t, i) => (
          <div className="receipt-row" key={i}>
            <dt>{t.kind === 'cash' ? 'Cash' : `Card${t.kind === 'card' && t.reference ? ` ${t.reference}` : ''}`}</dt>
            <dd>{money(t.amountCents)}</dd>
          </div>
        ))}
        {order.changeCents > 0 && (
          <div className="receipt-row receipt-change">
            <dt>Change</dt>
            <dd>{money(order.changeCents)}</dd>
          </div>
        )}
        {order.delivery?.payOnDelivery && (
          <div className="receipt-row">
            <dt>Cash on delivery</dt>
            <dd>{order.delivery.cashCollectedCents !== undefined ? `${money(order.delivery.cashCollectedCents)} collected` : money(order.totalCents)}</dd>
          </div>
        )}
        {order.refunds.map((r) => (
          <div className="receipt-row" key={r.refundId}>
            <dt>Refunded ({r.reason})</dt>
            <dd>−{money(r.amountCents)}</dd>
          </div>
        ))}
      </dl>
      {order.discountApprovedBy && <p className="receipt-sub">Discount approved by {order.discountApprovedBy.name}</p>}
      <p className="receipt-thanks">Thank you!</p>
    </article>
  );
}
