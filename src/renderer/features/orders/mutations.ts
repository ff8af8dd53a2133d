import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { InputOf } from '../../../shared/contract';
import type { Order } from '../../../shared/orders';
import { callPos } from '../../api/pos';
import { syncKeys } from '../sync/queries';
import { orderKeys } from './queries';

/** After a change to one order: its detail is now known, and today's board is out of date. */
function useOrderChanged() {
  const queryClient = useQueryClient();
  return (order: Pick<Order, 'orderId'> & Partial<Order>) => {
    if (order.lines) queryClient.setQueryData(orderKeys.detail(order.orderId), order);
    else void queryClient.invalidateQueries({ queryKey: orderKeys.detail(order.orderId) });
    void queryClient.invalidateQueries({ queryKey: orderKeys.boards() });
    void queryClient.invalidateQueries({ queryKey: syncKeys.all });
  };
}

export function useCheckout() {
  const changed = useOrderChanged();
  return useMutation({ mutationFn: (input: InputOf<'orders.checkout'>) => callPos('orders.checkout', input), onSuccess: changed });
}

export function useApproveDiscount() {
  return useMutation({ mutationFn: (input: InputOf<'orders.approveDiscount'>) => callPos('orders.approveDiscount', input) });
}

export function useAdvanceOrder() {
  const changed = useOrderChanged();
  return useMutation({ mutationFn: (input: InputOf<'orders.advance'>) => callPos('orders.advance', input), onSettled: (_d, _e, input) => changed(input) });
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
