import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { SessionView, TillView } from '../../../shared/contract';
import { PIN_MIN_DIGITS } from '../../../shared/pin';
import { callPos } from '../../api/pos';
import { flushBeforeSignOut } from '../../app/before-sign-out';
import { tillSale } from '../register/till-cart';

export const sessionKeys = {
  all: ['session'] as const,
  current: () => [...sessionKeys.all, 'current'] as const,
  /** Everyone signed in on this till (the lock screen); kept when the person at it changes. */
  till: () => [...sessionKeys.all, 'till'] as const,
};

export function useTill() {
  return useQuery({ queryKey: sessionKeys.till(), queryFn: () => callPos('auth.till', {}) });
}

export function useSession() {
  return useQuery({
    queryKey: sessionKeys.current(),
    queryFn: () => callPos('auth.session', {}),
    staleTime: 60_000,
  });
}

/** The role whose calls filled the cache now held. */
let lastRole: SessionView['role'] | null = null;

/** Signing in or out changes who is asking: drop everything cached for the previous person. */
function useSetSession() {
  const queryClient = useQueryClient();
  return (session: SessionView | null) => {
    lastRole = session?.role ?? null;
    queryClient.removeQueries({ predicate: (q) => q.queryKey[0] !== sessionKeys.all[0] });
    queryClient.setQueryData(sessionKeys.current(), session);
    void queryClient.invalidateQueries({ queryKey: sessionKeys.till() });
  };
}

/**
 * Locking keeps what the screens had loaded: nothing of it shows on the lock screen, and the next
 * person in (see useUnlock) keeps it only if their role may see the same.
 */
function useSetTill() {
  const queryClient = useQueryClient();
  return (till: TillView) => {
    queryClient.setQueryData(sessionKeys.till(), till);
    queryClient.setQueryData(sessionKeys.current(), till.active);
  };
}

export function useLock() {
  const setTill = useSetTill();
  return useMutation({
    mutationFn: async () => {
      await flushBeforeSignOut();
      return callPos('auth.lock', {});
    },
    onSuccess: setTill,
  });
}

/**
 * While the screens come back after an unlock, what they had cached doesn't refetch on mount: the
 * dozen answers arriving in that frame held back its paint. It refreshes just after the paint.
 */
let refetchHeld = false;
export const refetchOnMount = () => !refetchHeld;

function refreshAfterPaint(refresh: () => void): void {
  refetchHeld = true;
  // A frame callback runs before its paint; a task queued from it runs after.
  requestAnimationFrame(() =>
    setTimeout(() => {
      refetchHeld = false;
      refresh();
    }, 0),
  );
}

/**
 * Sends the PIN as it is typed, from its 4th digit: main starts hashing it, so the tap on Unlock
 * doesn't wait for the hash. Main answers nothing about it, so there is nothing to show.
 */
function preparePin(email: string, pin: string): void {
  if (pin.length >= PIN_MIN_DIGITS) callPos('auth.preparePin', { email, pin }).catch(() => {});
}

/** Every PIN pad's onChange, for the person whose PIN it is: keeps what is typed and sends it on. */
export function typingPin(email: string, setPin: (pin: string) => void): (typed: string) => void {
  return (typed) => {
    setPin(typed);
    preparePin(email, typed);
  };
}

export function useUnlock() {
  const setSession = useSetSession();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: { email: string; pin: string }) => callPos('auth.unlock', input),
    onSuccess: (session) => {
      // Same role as whoever loaded them: the menu and board are theirs to see too, so the register
      // is ready at once and refreshes behind. Another role starts clean.
      if (session.role === lastRole) {
        refreshAfterPaint(() => void queryClient.invalidateQueries({ predicate: (q) => q.queryKey[0] !== sessionKeys.all[0] || q.queryKey[1] === 'till' }));
        queryClient.setQueryData(sessionKeys.current(), session);
      } else setSession(session);
      lastRole = session.role;
    },
    // A wrong PIN changes the tries left (or signs the person out): show the till as it is now.
    onError: () => void queryClient.invalidateQueries({ queryKey: sessionKeys.till() }),
  });
}

export function useSignIn() {
  const setSession = useSetSession();
  return useMutation({
    mutationFn: (input: { email: string; password: string; pin?: string }) => callPos('auth.signIn', input),
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
      await callPos('auth.signOut', {});
      return callPos('auth.till', {});
    },
    onSuccess: (till) => {
      // The last person gone: nobody's sale stays on the till.
      if (till.members.length === 0) tillSale.reset();
    },
    onSettled: () => setSession(null),
  });
}
