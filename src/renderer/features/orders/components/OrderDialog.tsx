import { useState, type FormEvent } from 'react';
import type { ShopSettings } from '../../../../shared/menu';
import { lineAllocations, lineRefundCents, unpaidOnDelivery, type Order } from '../../../../shared/orders';
import { describeError, ErrorBanner, Field } from '../../../ui/forms';
import { Modal } from '../../../ui/Modal';
import { useCancelOrder, usePrintReceipt, useRefundOrder } from '../mutations';
import { useOrder } from '../queries';
import { Receipt } from './Receipt';
import { backError, newRefundId, useRefundTenders } from './RefundTenders';
import { PrintOnPrinterButton } from '../../printer/components/PrintOnPrinterButton';

type Mode = 'view' | 'cancel' | 'refund';

/** One order: its receipt to reprint, and for a manager, cancel or refund with a reason. */
export function OrderDialog({ orderId, isManager, settings, onClose }: { orderId: string; isManager: boolean; settings?: ShopSettings; onClose: () => void }) {
  const order = useOrder(orderId);
  const print = usePrintReceipt();
  const [mode, setMode] = useState<Mode>('view');
  const title = order.data ? `Order ${order.data.ticket}` : 'Order';
  const open = order.data && order.data.status !== 'cancelled' && order.data.refundedCents < order.data.totalCents;

  return (
    <Modal title={title} onClose={onClose} className="receipt-modal">
      <ErrorBanner message={describeError(order.error ?? print.error)?.message} />
      {order.data && mode === 'view' && (
        <>
          <Receipt order={order.data} settings={settings} />
          <div className="modal-actions">
            {isManager && open && order.data.status !== 'completed' && (
              <button type="button" className="btn btn-danger" onClick={() => setMode('cancel')}>
                Cancel order
              </button>
            )}
            {isManager && open && (
              <button type="button" className="btn btn-quiet" onClick={() => setMode('refund')}>
                Refund
              </button>
            )}
            <button type="button" className="btn btn-quiet" onClick={() => print.mutate()}>
              Print receipt
            </button>
            <PrintOnPrinterButton orderId={order.data.orderId} />
            <button type="button" className="btn btn-primary" onClick={onClose} data-autofocus>
              Close
            </button>
          </div>
        </>
      )}
      {order.data && mode === 'cancel' && <CancelForm order={order.data} settings={settings} onDone={() => setMode('view')} />}
      {order.data && mode === 'refund' && <RefundForm order={order.data} settings={settings} onDone={() => setMode('view')} />}
    </Modal>
  );
}

function CancelForm({ order, settings, onDone }: { order: Order; settings?: ShopSettings; onDone: () => void }) {
  const cancel = useCancelOrder();
  const [refundId] = useState(newRefundId);
  const [reason, setReason] = useState('');
  const error = describeError(cancel.error);
  const unpaid = unpaidOnDelivery(order);
  const tenders = useRefundTenders(order, unpaid ? 0 : order.totalCents - order.refundedCents, settings, backError(error?.fields));
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const back = tenders.parts();
    if (back) cancel.mutate({ orderId: order.orderId, reason, refundId, ...(back.length > 0 && { back }) }, { onSuccess: onDone });
  };
  return (
    <form onSubmit={submit} noValidate>
      <p>
        {unpaid
          ? 'Nothing has been paid yet (cash on delivery): cancelling takes the ticket off the board and the delivery off the shippers’ list.'
          : 'Cancelling refunds what is left of the payment and takes the ticket off the board.'}
      </p>
      <ErrorBanner message={error && !error.fields.reason && !backError(error.fields) ? error.message : null} />
      <Field label="Reason for cancelling" value={reason} onChange={(e) => setReason(e.target.value)} error={error?.fields.reason} data-autofocus />
      {tenders.fields}
      <div className="modal-actions">
        <button type="button" className="btn btn-quiet" onClick={onDone}>
          Back
        </button>
        <button type="submit" className="btn btn-danger" disabled={cancel.isPending}>
          Cancel order {order.ticket}
        </button>
      </div>
    </form>
  );
}

function RefundForm({ order, settings, onDone }: { order: Order; settings?: ShopSettings; onDone: () => void }) {
  const refund = useRefundOrder();
  const [refundId] = useState(newRefundId);
  const [reason, setReason] = useState('');
  const [quantities, setQuantities] = useState<Record<string, string>>({});
  const error = describeError(refund.error);
  const chosen = order.lines
    .map((l) => ({ lineId: l.lineId, quantity: Number(quantities[l.lineId] || 0) }))
    .filter((l) => l.quantity > 0);
  const rest = order.totalCents - order.refundedCents;
  const amount = chosen.length > 0 ? Math.min(selectedCents(order, chosen), rest) : rest;
  const tenders = useRefundTenders(order, amount, settings, backError(error?.fields));

  const send = (lines?: { lineId: string; quantity: number }[]) => {
    const back = tenders.parts();
    if (back) refund.mutate({ orderId: order.orderId, reason, refundId, ...(lines && { lines }), ...(back.length > 0 && { back }) }, { onSuccess: onDone });
  };

  return (
    <form
      onSubmit={(e) => {
        e.preventDefault();
        send(chosen);
      }}
      noValidate
    >
      <p>
        Choose items to refund, or refund the rest of the order. Already refunded: {order.refundedCents > 0 ? `${(order.refundedCents / 100).toFixed(2)} ${settings?.currency ?? 'USD'}` : 'nothing'}.
      </p>
      <ErrorBanner message={error && !error.fields.reason && !backError(error.fields) ? error.message : null} />
      <div className="refund-lines">
        {order.lines.map((line) => {
          const left = line.quantity - line.refundedQuantity;
          return (
            <Field
              key={line.lineId}
              label={`${line.name} (${left} of ${line.quantity} refundable)`}
              type="number"
              min={0}
              max={left}
              step={1}
              inputMode="numeric"
              disabled={left === 0}
              value={quantities[line.lineId] ?? ''}
              onChange={(e) => setQuantities({ ...quantities, [line.lineId]: e.target.value })}
            />
          );
        })}
      </div>
      {tenders.fields}
      <Field label="Reason for refund" value={reason} onChange={(e) => setReason(e.target.value)} error={error?.fields.reason} />
      <div className="modal-actions">
        <button type="button" className="btn btn-quiet" onClick={onDone}>
          Back
        </button>
        {/* How the money goes back is said for the items chosen: the whole order waits until none are. */}
        <button type="button" className="btn btn-quiet" onClick={() => send()} disabled={refund.isPending || chosen.length > 0}>
          Refund whole order
        </button>
        <button type="submit" className="btn btn-danger" disabled={refund.isPending || chosen.length === 0}>
          Refund selected
        </button>
      </div>
    </form>
  );
}

/** What the chosen items give back: the same shares main computes, so the parts staff type add up to its amount. */
function selectedCents(order: Order, chosen: readonly { lineId: string; quantity: number }[]): number {
  const allocations = lineAllocations(order);
  return order.lines.reduce((sum, line, index) => {
    const quantity = chosen.find((c) => c.lineId === line.lineId)?.quantity ?? 0;
    const refundable = line.quantity - line.refundedQuantity;
    return quantity > 0 && quantity <= refundable ? sum + lineRefundCents(allocations[index]!, line.quantity, line.refundedQuantity, quantity) : sum;
  }, 0);
}
