import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { Channel, InputOf, OutputOf } from '../../../shared/contract';
import { callPos } from '../../api/pos';

export const staffKeys = {
  all: ['staff'] as const,
  list: () => [...staffKeys.all, 'list'] as const,
};

export function useStaffList() {
  return useQuery({ queryKey: staffKeys.list(), queryFn: () => callPos('staff.list', {}) });
}

type StaffWrite = Exclude<Extract<Channel, `staff.${string}`>, 'staff.list'>;

/** Every change re-reads the list: Cognito's answer (status, group) is what the manager should see. */
export function useStaffAction<C extends StaffWrite>(channel: C) {
  const queryClient = useQueryClient();
  return useMutation<OutputOf<C>, Error, InputOf<C>>({
    mutationFn: (input) => callPos(channel, input),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: staffKeys.list() }),
  });
}
