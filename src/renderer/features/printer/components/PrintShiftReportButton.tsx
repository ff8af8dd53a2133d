import { describeError } from '../../../ui/forms';
import { usePrinterStatus, usePrintShiftReport } from '../queries';

/**
 * Prints an X or a Z: on this till's thermal printer when it has one, otherwise through the
 * window's print dialog (the fallback). One button either way, so staff never choose between two.
 */
export function PrintShiftReportButton({ kind, shiftId }: { kind: 'X' | 'Z'; shiftId?: string }) {
  const status = usePrinterStatus();
  const print = usePrintShiftReport();
  const onPrinter = Boolean(status.data?.configured);
  const error = describeError(print.error)?.message;
  return (
    <>
      {error && (
        <p className="field-error no-print" role="alert">
          {error}
        </p>
      )}
      <button
        type="button"
        className="btn btn-secondary no-print"
        disabled={print.isPending}
        onClick={() => {
          if (onPrinter) print.mutate(kind === 'Z' ? shiftId : undefined);
          else window.print();
        }}
      >
        {onPrinter && print.isSuccess ? `${kind} sent to printer` : `Print ${kind}`}
      </button>
    </>
  );
}
