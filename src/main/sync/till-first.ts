import { performance } from 'node:perf_hooks';

/**
 * The till's calls go before the outbox. A send's SDK work (building, signing, parsing the answer)
 * runs on main's one event loop, so a send started while the barista's next call arrives holds
 * that call back: with sales rung back to back it doubled checkout's answer time. The worker waits
 * for a quiet moment instead, no call for `quietMs`, but never longer than `maxWaitMs`, so a till
 * that is never quiet still sends; an order reaches the cloud at most that much later.
 */
export interface TillActivity {
  /** A call started or ended. */
  touched(): void;
  /**
   * Resolves once the till has made no call for a moment, or after the longest wait, or at once
   * while `urgent()` holds (a checkout waiting on this very send).
   */
  quiet(urgent?: () => boolean): Promise<void>;
  /** Something became urgent: a wait in progress asks `urgent()` again now. */
  nudge(): void;
}

export const QUIET_MS = 10;
export const MAX_WAIT_MS = 200;

export function createTillActivity({ quietMs = QUIET_MS, maxWaitMs = MAX_WAIT_MS, nowMs = () => performance.now() } = {}): TillActivity {
  let last = Number.NEGATIVE_INFINITY;
  let wake: (() => void) | null = null;
  return {
    touched() {
      last = nowMs();
    },
    async quiet(urgent = () => false) {
      const start = nowMs();
      for (;;) {
        if (urgent()) return;
        const at = nowMs();
        const wait = Math.min(quietMs - (at - last), maxWaitMs - (at - start));
        if (wait <= 0) return;
        // Not unref'd: a process waiting only on a send (a script that awaits the outbox) stays up for it.
        await new Promise<void>((resolve) => {
          const timer = setTimeout(done, Math.ceil(wait));
          function done() {
            clearTimeout(timer);
            wake = null;
            resolve();
          }
          wake = done;
        });
      }
    },
    nudge() {
      wake?.();
    },
  };
}
