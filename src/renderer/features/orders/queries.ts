import { useQuery } from '@tanstack/react-query';
import { callPos } from '../../api/pos';

export const orderKeys = {
  all: ['orders'] as const,
  boards: () => [...orderKeys.all, 'board'] as const,
  board: (businessDate?: string) => [...orderKeys.boards(), businessDate ?? 'today'] as const,
  details: () => [...orderKeys.all, 'detail'] as const,
  detail: (orderId: string) => [...orderKeys.details(), orderId] as const,
};

/** Polls so another terminal's orders show up within seconds. */
export function useBoard(businessDate?: string) {
  return useQuery({
    queryKey: orderKeys.board(businessDate),
    queryFn: () => callPos('orders.board', businessDate ? { businessDate } : {}),
    refetchInterval: 3_000,
  });
}

export function useOrder(orderId: string) {
  return useQuery({ queryKey: orderKeys.detail(orderId), queryFn: () => callPos('orders.get', { orderId }) });
}
