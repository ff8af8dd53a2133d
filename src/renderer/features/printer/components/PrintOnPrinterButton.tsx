import { describeError } from '../../../ui/forms';
import { usePrintOnPrinter, usePrinterStatus } from '../queries';

/** Sends an order's receipt to this till's thermal printer; nothing at all on a till without one. */
export function PrintOnPrinterButton({ orderId }: { orderId: string }) {
  const status = usePrinterStatus();
  const print = usePrintOnPrinter();
  if (!status.data?.configured) return null;
  const error = describeError(print.error)?.message;
  return (
    <>
      {error && (
        <span className="field-error" role="alert">
          {error}
        </span>
      )}
      <button type="button" className="btn btn-secondary" onClick={() => print.mutate(orderId)} disabled={print.isPending}>
        {print.isSuccess ? 'Sent to printer' : 'Print on receipt printer'}
      </button>
    </>
  );
}
