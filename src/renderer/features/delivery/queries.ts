import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { InputOf } from '../../../shared/contract';
import { callPos } from '../../api/pos';

export const deliveryKeys = {
  all: ['delivery'] as const,
  list: () => [...deliveryKeys.all, 'list'] as const,
};

/** The day's deliveries, refreshed every few seconds: another shipper may claim one meanwhile. */
export function useDeliveries() {
  return useQuery({ queryKey: deliveryKeys.list(), queryFn: () => callPos('delivery.list', {}), refetchInterval: 5_000 });
}

export function useDeliveryMove() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (input: InputOf<'delivery.move'>) => callPos('delivery.move', input),
    // Refused or not, the list is read again: a refusal means it changed under us.
    onSettled: () => client.invalidateQueries({ queryKey: deliveryKeys.list() }),
  });
}
