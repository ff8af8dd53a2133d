import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { PrinterConfig, PrinterStatus } from '../../../shared/printer';
import { callPos } from '../../api/pos';

export const printerKeys = {
  all: ['printer'] as const,
  status: () => [...printerKeys.all, 'status'] as const,
  config: () => [...printerKeys.all, 'config'] as const,
};

/** Polled: prints finish (or fail) in the background, after the call that queued them has returned. */
export function usePrinterStatus() {
  return useQuery({ queryKey: printerKeys.status(), queryFn: () => callPos('printer.status', {}), refetchInterval: 1_500 });
}

export function usePrinterConfig() {
  return useQuery({ queryKey: printerKeys.config(), queryFn: () => callPos('printer.config', {}) });
}

export function useSavePrinter() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (config: PrinterConfig) => callPos('printer.save', config),
    onSuccess: (saved) => {
      queryClient.setQueryData(printerKeys.config(), saved);
      void queryClient.invalidateQueries({ queryKey: printerKeys.status() });
    },
  });
}

export function useTestPage() {
  return useMutation({ mutationFn: () => callPos('printer.testPage', {}) });
}

function useStatusAction(channel: 'printer.retry' | 'printer.dismiss') {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (jobId: string) => callPos(channel, { jobId }),
    onSuccess: (status: PrinterStatus) => queryClient.setQueryData(printerKeys.status(), status),
  });
}

export const useRetryPrint = () => useStatusAction('printer.retry');
export const useDismissPrint = () => useStatusAction('printer.dismiss');

/** Queues the receipt on the thermal printer; what happens next shows in the status. */
export function usePrintOnPrinter() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (orderId: string) => callPos('printer.receipt', { orderId }),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: printerKeys.status() }),
  });
}

/** Queues an X (no shift id: the open shift) or a Z (reprint) on the thermal printer. */
export function usePrintShiftReport() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (shiftId: string | undefined) => callPos('printer.shiftReport', shiftId ? { shiftId } : {}),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: printerKeys.status() }),
  });
}
