import { useMutation, useQuery } from '@tanstack/react-query';
import { callPos } from '../../api/pos';

export const setupKeys = { all: ['setup'] as const, status: () => [...setupKeys.all, 'status'] as const };

export function useSetupStatus() {
  return useQuery({ queryKey: setupKeys.status(), queryFn: () => callPos('setup.status', {}), staleTime: Infinity });
}

export function useSaveAwsConfig() {
  return useMutation({ mutationFn: (outputs: string) => callPos('setup.saveAws', { outputs }) });
}
