import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { callPos, PosCallError } from '../../api/pos';
import { sessionKeys } from '../session/queries';

export const setupKeys = { all: ['setup'] as const, status: () => [...setupKeys.all, 'status'] as const };

export function useSetupStatus() {
  return useQuery({ queryKey: setupKeys.status(), queryFn: () => callPos('setup.status', {}), staleTime: Infinity });
}

/**
 * Saves the stack outputs. A till that already runs needs its manager: given `manager`, they sign
 * in at this till first (main checks the role; a wrong password or a barista stops here).
 */
export function useSaveAwsConfig() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async ({ outputs, manager }: { outputs: string; manager?: { email: string; password: string } }) => {
      if (manager) {
        const signedIn = await callPos('auth.signIn', manager);
        void queryClient.invalidateQueries({ queryKey: sessionKeys.all });
        if (signedIn.status !== 'SIGNED_IN') {
          throw new PosCallError({ code: 'UNAUTHENTICATED', message: 'That account still has a temporary password. Sign in with it once first.' });
        }
      }
      return callPos('setup.saveAws', { outputs });
    },
  });
}
