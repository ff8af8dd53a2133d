import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { InputOf } from '../../../shared/contract';
import type { ShiftReport } from '../../../shared/shift';
import { callPos } from '../../api/pos';

export const shiftKeys = {
  all: ['shift'] as const,
  current: () => [...shiftKeys.all, 'current'] as const,
  reports: () => [...shiftKeys.all, 'report'] as const,
  report: (shiftId: string | null) => [...shiftKeys.reports(), shiftId ?? 'open'] as const,
};

/** Whether a shift is open on this till: the register asks before taking cash. */
export function useCurrentShift() {
  return useQuery({ queryKey: shiftKeys.current(), queryFn: () => callPos('shift.current', {}) });
}

/** X of the open shift (null id), or a Z by its shift. */
export function useShiftReport(shiftId: string | null, enabled = true) {
  return useQuery({ queryKey: shiftKeys.report(shiftId), queryFn: () => callPos('shift.report', shiftId ? { shiftId } : {}), enabled, refetchInterval: 5_000 });
}

/** Anything that changes the drawer: the shift's own figures and whether one is open. */
function useShiftMutation<C extends 'shift.open' | 'shift.movement' | 'shift.close'>(channel: C) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: InputOf<C>) => callPos(channel, input) as Promise<ShiftReport>,
    onSuccess: (report: ShiftReport) => {
      queryClient.setQueryData(shiftKeys.report(report.kind === 'X' ? null : report.shiftId), report);
      void queryClient.invalidateQueries({ queryKey: shiftKeys.current() });
      void queryClient.invalidateQueries({ queryKey: shiftKeys.report(null) });
    },
  });
}

export const useOpenShift = () => useShiftMutation('shift.open');
export const useDrawerMovement = () => useShiftMutation('shift.movement');
export const useCloseShift = () => useShiftMutation('shift.close');
