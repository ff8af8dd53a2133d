import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { InputOf } from '../../../shared/contract';
import type { CustomerView } from '../../../shared/customers';
import { callPos } from '../../api/pos';

export const loyaltyKeys = {
  all: ['loyalty'] as const,
  lookups: () => [...loyaltyKeys.all, 'lookup'] as const,
  lookup: (query: string) => [...loyaltyKeys.lookups(), query] as const,
  customers: () => [...loyaltyKeys.all, 'customer'] as const,
  customer: (customerId: string) => [...loyaltyKeys.customers(), customerId] as const,
  histories: () => [...loyaltyKeys.all, 'history'] as const,
  history: (customerId: string) => [...loyaltyKeys.histories(), customerId] as const,
};

/** Runs when the barista submits a search; an empty query asks nothing. */
export function useCustomerLookup(query: string) {
  return useQuery({
    queryKey: loyaltyKeys.lookup(query),
    queryFn: () => callPos('customers.lookup', { query }),
    enabled: query.length > 0,
    staleTime: 5_000,
  });
}

/** A customer with their live balance (read consistently in main), for the order they're on. */
export function useCustomer(customerId: string | undefined) {
  return useQuery({
    queryKey: loyaltyKeys.customer(customerId ?? ''),
    queryFn: () => callPos('customers.get', { customerId: customerId! }),
    enabled: !!customerId,
  });
}

export function useLedger(customerId: string) {
  return useInfiniteQuery({
    queryKey: loyaltyKeys.history(customerId),
    queryFn: ({ pageParam }) => callPos('loyalty.history', { customerId, ...(pageParam && { cursor: pageParam }) }),
    initialPageParam: '' as string,
    getNextPageParam: (page) => page.nextCursor ?? undefined,
  });
}

/** Points changed for one customer: their balance and ledger, and any search that showed them. */
export function usePointsChanged() {
  const queryClient = useQueryClient();
  return (customer: Pick<CustomerView, 'customerId'>) => {
    void queryClient.invalidateQueries({ queryKey: loyaltyKeys.customer(customer.customerId) });
    void queryClient.invalidateQueries({ queryKey: loyaltyKeys.history(customer.customerId) });
    void queryClient.invalidateQueries({ queryKey: loyaltyKeys.lookups() });
  };
}

export function useEnrol() {
  const changed = usePointsChanged();
  return useMutation({ mutationFn: (input: InputOf<'customers.enrol'>) => callPos('customers.enrol', input), onSuccess: changed });
}

export function useAdjustPoints() {
  const changed = usePointsChanged();
  return useMutation({ mutationFn: (input: InputOf<'loyalty.adjust'>) => callPos('loyalty.adjust', input), onSuccess: changed });
}
