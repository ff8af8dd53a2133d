import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { SyncStatus } from '../../../shared/sync';
import { callPos } from '../../api/pos';
import { orderKeys } from '../orders/queries';

export const syncKeys = {
  all: ['sync'] as const,
  status: () => [...syncKeys.all, 'status'] as const,
};

/** Asks main often: it answers from memory, and the count must move as the backlog drains. */
export function useSyncStatus() {
  return useQuery({ queryKey: syncKeys.status(), queryFn: () => callPos('sync.status', {}), refetchInterval: 1_500 });
}

function useSyncAction(channel: 'sync.now' | 'sync.retryParked') {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => callPos(channel, {}),
    onSuccess: (status: SyncStatus) => {
      queryClient.setQueryData(syncKeys.status(), status);
      void queryClient.invalidateQueries({ queryKey: orderKeys.boards() });
    },
  });
}

export const useSyncNow = () => useSyncAction('sync.now');
export const useRetryParked = () => useSyncAction('sync.retryParked');

/** A manager renames this till; main refuses an id another till holds (CONFLICT) unless taken over. */
export function useSetTerminalId() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: { terminalId: string; takeOver?: boolean }) => callPos('sync.setTerminalId', input),
    onSuccess: (status: SyncStatus) => queryClient.setQueryData(syncKeys.status(), status),
  });
}
