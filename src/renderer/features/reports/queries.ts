import { useMutation, useQuery } from '@tanstack/react-query';
import type { ReportRange } from '../../../shared/reports';
import { callPos } from '../../api/pos';

export const reportKeys = {
  all: ['reports'] as const,
  sales: () => [...reportKeys.all, 'sales'] as const,
  sale: (range: ReportRange) => [...reportKeys.sales(), range] as const,
};

/**
 * A report is read when the screen opens and when asked for again (Show report), never polled: a
 * month costs a month's reads. Each opening reads afresh, so it includes the sale just rung.
 */
export function useSalesReport(range: ReportRange | null) {
  return useQuery({
    queryKey: range ? reportKeys.sale(range) : reportKeys.sales(),
    queryFn: () => callPos('reports.sales', range!),
    enabled: range !== null,
    staleTime: 0,
    refetchOnWindowFocus: false,
    retry: false,
  });
}

export function useOrdersCsv() {
  return useMutation({ mutationFn: (range: ReportRange) => callPos('reports.ordersCsv', range) });
}

/** Every till's Z reports of the range; read again whenever the sales report is (`asOf`). */
export function useZReports(range: ReportRange, asOf: string) {
  return useQuery({
    queryKey: [...reportKeys.all, 'z', range, asOf] as const,
    queryFn: () => callPos('reports.zReports', range),
    staleTime: 0,
    refetchOnWindowFocus: false,
    retry: false,
  });
}
