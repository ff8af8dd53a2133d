import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { SessionView } from '../../../shared/contract';
import { callPos } from '../../api/pos';
import { flushBeforeSignOut } from '../../app/before-sign-out';

export const sessionKeys = {
  all: ['session'] as const,
  current: () => [...sessionKeys.all, 'current'] as const,
};

export function useSession() {
  return useQuery({
    queryKey: sessionKeys.current(),
    queryFn: () => callPos('auth.session', {}),
    staleTime: 60_000,
  });
}

/** Signing in or out changes who is asking: drop everything cached for the previous person. */
function useSetSession() {
  const queryClient = useQueryClient();
  return (session: SessionView | null) => {
    queryClient.removeQueries({ predicate: (q) => q.queryKey[0] !== sessionKeys.all[0] });
    queryClient.setQueryData(sessionKeys.current(), session);
  };
}

export function useSignIn() {
  const setSession = useSetSession();
  return useMutation({
    mutationFn: (input: { email: string; password: string }) => callPos('auth.signIn', input),
    onSuccess: (result) => {
      if (result.status === 'SIGNED_IN') setSession(result.session);
    },
  });
}

export function useCompleteNewPassword() {
  const setSession = useSetSession();
  return useMutation({
    mutationFn: (input: { newPassword: string }) => callPos('auth.completeNewPassword', input),
    onSuccess: setSession,
  });
}

export function useForgotPassword() {
  return useMutation({ mutationFn: (input: { email: string }) => callPos('auth.forgotPassword', input) });
}

export function useConfirmForgotPassword() {
  return useMutation({
    mutationFn: (input: { email: string; code: string; newPassword: string }) => callPos('auth.confirmForgotPassword', input),
  });
}

export function useSignOut() {
  const setSession = useSetSession();
  return useMutation({
    // Board moves still inside their Undo window are this person's: send them while signed in.
    mutationFn: async () => {
      await flushBeforeSignOut();
      return callPos('auth.signOut', {});
    },
    onSettled: () => setSession(null),
  });
}
