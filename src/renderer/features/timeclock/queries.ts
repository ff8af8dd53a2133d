import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { InputOf } from '../../../shared/contract';
import { callPos } from '../../api/pos';

export const timeclockKeys = {
  all: ['timeclock'] as const,
  status: () => [...timeclockKeys.all, 'status'] as const,
  cards: () => [...timeclockKeys.all, 'cards'] as const,
  range: (from: string, to: string) => [...timeclockKeys.cards(), { from, to }] as const,
};

/**
 * Where each person signed in on this till stands: the cloud's word where it is later (a punch on
 * another till), else this till's punches, so it works offline and never waits long on the network.
 */
export function useClockStatus(enabled = true) {
  return useQuery({ queryKey: timeclockKeys.status(), queryFn: () => callPos('timeclock.status', {}), enabled, staleTime: 0 });
}

export function usePunch() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: InputOf<'timeclock.punch'>) => callPos('timeclock.punch', input),
    onSuccess: (result) => {
      queryClient.setQueryData(timeclockKeys.status(), result.status);
      void queryClient.invalidateQueries({ queryKey: timeclockKeys.cards() });
    },
  });
}

/** A range of timecards: read when asked, never polled (a month is a month of Queries). */
export function useTimecards(range: { from: string; to: string }) {
  return useQuery({
    queryKey: timeclockKeys.range(range.from, range.to),
    queryFn: () => callPos('timecards.list', range),
    staleTime: 0,
    refetchOnWindowFocus: false,
    retry: false,
  });
}

export function useEditPunch() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: InputOf<'timecards.edit'>) => callPos('timecards.edit', input),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: timeclockKeys.cards() }),
  });
}

export function useAddPunch() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: InputOf<'timecards.add'>) => callPos('timecards.add', input),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: timeclockKeys.cards() }),
  });
}
