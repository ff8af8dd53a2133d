import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { InputOf } from '../../../shared/contract';
import { mergeBoard, summarize, type Order, type OrderSummary } from '../../../shared/orders';
import { callPos, PosCallError } from '../../api/pos';
import { menuKeys } from '../menu/queries';
import { syncKeys } from '../sync/queries';
import { orderKeys } from './queries';

/**
 * After a change to one order: what the write returned is merged into the boards (the higher
 * version wins), never thrown away for a re-read of the day through an index that may lag.
 */
function useOrderChanged() {
  const queryClient = useQueryClient();
  return (order: Order | OrderSummary) => {
    // A whole order carries its tenders; a board summary doesn't.
    const whole = 'tenders' in order;
    if (whole) queryClient.setQueryData(orderKeys.detail(order.orderId), order);
    else void queryClient.invalidateQueries({ queryKey: orderKeys.detail(order.orderId) });
    const summary = whole ? summarize(order) : order;
    queryClient.setQueriesData<OrderSummary[]>({ queryKey: orderKeys.boards() }, (board) => board && mergeBoard(board, [summary]));
    void queryClient.invalidateQueries({ queryKey: syncKeys.all });
  };
}

export function useCheckout() {
  const changed = useOrderChanged();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: InputOf<'orders.checkout'>) => callPos('orders.checkout', input),
    onSuccess: changed,
    // Main priced it otherwise (a price, the tax or the fee changed elsewhere): re-read what it
    // prices with, or every later try of this cart meets the same refusal.
    onError: (error) => {
      if (error instanceof PosCallError && error.code === 'CONFLICT') void queryClient.invalidateQueries({ queryKey: menuKeys.all });
    },
  });
}

export function useApproveDiscount() {
  return useMutation({ mutationFn: (input: InputOf<'orders.approveDiscount'>) => callPos('orders.approveDiscount', input) });
}

export function useAdvanceOrder() {
  const changed = useOrderChanged();
  return useMutation({
    mutationFn: (input: InputOf<'orders.advance'>) => callPos('orders.advance', input),
    onSuccess: changed,
    // Refused (someone else moved it first): show the order as it now is.
    onError: (_error, { orderId }) => void callPos('orders.get', { orderId }).then(changed, () => {}),
  });
}

export function useCancelOrder() {
  const changed = useOrderChanged();
  return useMutation({ mutationFn: (input: InputOf<'orders.cancel'>) => callPos('orders.cancel', input), onSuccess: changed });
}

export function useRefundOrder() {
  const changed = useOrderChanged();
  return useMutation({ mutationFn: (input: InputOf<'orders.refund'>) => callPos('orders.refund', input), onSuccess: changed });
}

/** Electron prints the window through main; the browser build prints itself. */
export function usePrintReceipt() {
  return useMutation({
    mutationFn: async () => {
      const { printed } = await callPos('receipts.print', {});
      if (!printed) window.print();
    },
  });
}
