import { useState } from 'react';
import type { FailedPrint } from '../../../../shared/printer';
import { describeError, ErrorBanner } from '../../../ui/forms';
import { Modal } from '../../../ui/Modal';
import { useSettings } from '../../menu/queries';
import { usePrintReceipt } from '../../orders/mutations';
import { useOrder } from '../../orders/queries';
import { Receipt } from '../../orders/components/Receipt';
import { useDismissPrint, usePrinterStatus, useRetryPrint } from '../queries';
import '../printer.css';

/**
 * Prints that failed after their retries, for whoever is at the till: the sale is done either way,
 * so the message only offers ways to get the paper out, and can be dismissed.
 */
export function PrintFailures() {
  const status = usePrinterStatus();
  const retry = useRetryPrint();
  const dismiss = useDismissPrint();
  const [inWindow, setInWindow] = useState<FailedPrint | null>(null);
  const failed = status.data?.failed ?? [];

  return (
    <div role="alert" className="print-failures">
      {failed.map((f) => (
        <section key={f.jobId} className="print-failure" aria-label={`${f.label} didn’t print`}>
          <p>
            <strong>{f.label} didn’t print.</strong> {f.reason}
          </p>
          <div className="print-failure-actions">
            <button type="button" className="btn btn-primary" onClick={() => retry.mutate(f.jobId)} disabled={retry.isPending}>
              Retry
            </button>
            {f.orderId && (
              <button type="button" className="btn btn-secondary" onClick={() => setInWindow(f)}>
                Print in the window instead
              </button>
            )}
            <button type="button" className="btn btn-quiet" onClick={() => dismiss.mutate(f.jobId)} aria-label={`Dismiss: ${f.label} didn’t print`}>
              Dismiss
            </button>
          </div>
        </section>
      ))}
      {inWindow?.orderId && (
        <WindowReceipt
          orderId={inWindow.orderId}
          onClose={() => setInWindow(null)}
          onPrinted={() => {
            dismiss.mutate(inWindow.jobId);
            setInWindow(null);
          }}
        />
      )}
    </div>
  );
}

/** The receipt through the window's print dialog, for when the thermal printer is out. */
function WindowReceipt({ orderId, onClose, onPrinted }: { orderId: string; onClose: () => void; onPrinted: () => void }) {
  const order = useOrder(orderId);
  const settings = useSettings();
  const print = usePrintReceipt();
  return (
    <Modal title={order.data ? `Receipt ${order.data.ticket}` : 'Receipt'} onClose={onClose} className="receipt-modal">
      <ErrorBanner message={describeError(order.error ?? print.error)?.message} />
      {order.data && <Receipt order={order.data} settings={settings.data} />}
      <div className="modal-actions">
        <button type="button" className="btn btn-quiet" onClick={onClose}>
          Close
        </button>
        <button type="button" className="btn btn-primary" data-autofocus disabled={!order.data || print.isPending} onClick={() => print.mutate(undefined, { onSuccess: onPrinted })}>
          Print
        </button>
      </div>
    </Modal>
  );
}
