import type { ShopSettings } from '../../../../shared/menu';
import type { Order } from '../../../../shared/orders';
import { describeError, ErrorBanner } from '../../../ui/forms';
import { Receipt } from '../../orders/components/Receipt';
import { PrintOnPrinterButton } from '../../printer/components/PrintOnPrinterButton';

/**
 * The sale just placed, in the order panel where the next order will appear: change due first, the
 * receipt to print. Nothing to dismiss: the next item typed or tapped starts the next order.
 */
export function LastSale({
  order,
  settings,
  format,
  printError,
  onPrint,
  onDone,
}: {
  order: Order;
  settings?: ShopSettings;
  format: (cents: number) => string;
  printError: unknown;
  onPrint: () => void;
  onDone: () => void;
}) {
  const title = `Order ${order.ticket} placed`;
  return (
    <section className="last-sale" aria-label={title} data-testid="last-sale">
      <h3 className="last-sale-title">{title}</h3>
      {order.changeCents > 0 && (
        <p className="change-due" role="status">
          Change due <strong data-testid="change-due">{format(order.changeCents)}</strong>
        </p>
      )}
      <div className="last-sale-actions">
        <button type="button" className="btn btn-quiet" onClick={onPrint}>
          Print receipt
        </button>
        <PrintOnPrinterButton orderId={order.orderId} />
        <button type="button" className="btn btn-quiet" onClick={onDone}>
          New order
        </button>
      </div>
      <ErrorBanner message={describeError(printError)?.message} />
      <Receipt order={order} settings={settings} />
    </section>
  );
}
