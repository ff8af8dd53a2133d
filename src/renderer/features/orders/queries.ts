import { useQuery, useQueryClient } from '@tanstack/react-query';
import { businessDateOf, mergeBoard, type OrderSummary } from '../../../shared/orders';
import { callPos } from '../../api/pos';

export const orderKeys = {
  all: ['orders'] as const,
  boards: () => [...orderKeys.all, 'board'] as const,
  board: (businessDate?: string) => [...orderKeys.boards(), businessDate ?? 'today'] as const,
  details: () => [...orderKeys.all, 'detail'] as const,
  detail: (orderId: string) => [...orderKeys.details(), orderId] as const,
};

/** When each board last asked, and for which day: the next refresh asks only for what changed since. */
const lastAsked = new Map<string, { businessDate: string; at: string }>();

/**
 * Polls so another terminal's orders show up within seconds. After the first read of the day, each
 * refresh reads only what changed and merges it into what the board has, so a refresh costs what
 * changed rather than the whole day, and a lagging index never takes back a ticket a write moved.
 */
export function useBoard(businessDate?: string) {
  const queryClient = useQueryClient();
  const queryKey = orderKeys.board(businessDate);
  return useQuery({
    queryKey,
    queryFn: async () => {
      const day = businessDate ?? businessDateOf(new Date());
      const cursor = JSON.stringify(queryKey);
      const last = lastAsked.get(cursor);
      const sameDay = last?.businessDate === day && queryClient.getQueryData(queryKey) !== undefined;
      const at = new Date().toISOString();
      const orders = await callPos('orders.board', { businessDate: day, ...(sameDay && { since: last.at }) });
      lastAsked.set(cursor, { businessDate: day, at });
      // Read the board again now: a write may have merged a newer copy while this was on its way.
      return mergeBoard(sameDay ? (queryClient.getQueryData<OrderSummary[]>(queryKey) ?? []) : [], orders);
    },
    refetchInterval: 3_000,
  });
}

export function useOrder(orderId: string) {
  return useQuery({ queryKey: orderKeys.detail(orderId), queryFn: () => callPos('orders.get', { orderId }) });
}
