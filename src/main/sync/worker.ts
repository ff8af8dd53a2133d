import { AppError } from '../../shared/result';
import type { SyncStatus } from '../../shared/sync';
import { describeNetworkProblem, isNetworkError, type Connectivity } from './connectivity';
import { errorName, RETRYABLE, type Outcome, type Sender } from './kinds/kind';

/**
 * The generic half of the outbox: it knows nothing of orders or moves. It asks each record kind in
 * turn for its next send (a kind earlier in the list goes first), one at a time; backs off on
 * failures that say nothing about the write; waits for a sign-in when nobody can send; and
 * compacts the journal once nothing is waiting. The kinds decide what a refusal means.
 */
export interface WorkerDeps {
  senders: readonly Sender[];
  connectivity: Connectivity;
  now: () => Date;
  log: (message: string, error?: unknown) => void;
  backoff: { baseMs: number; capMs: number };
  /** While offline with nothing to send, one cheap read that tells us the database is back. */
  probe: () => Promise<boolean>;
  /** Compacts the journal if it is due; the worker calls it with nothing left to send. */
  compact: () => Promise<void>;
  /** Told after every send and when the worker stops for now. */
  changed: () => void;
  /** Awaited before each send: the till's own calls go first (till-first.ts). */
  yieldToTill?: () => Promise<void> | undefined;
}

const CREDENTIALS_REFUSED = new Set(['AccessDeniedException', 'UnrecognizedClientException', 'ExpiredTokenException']);

function serverFault(error: unknown): boolean {
  const e = error as { $fault?: string; $retryable?: unknown; $metadata?: { httpStatusCode?: number } } | null;
  const status = e?.$metadata?.httpStatusCode ?? 0;
  return e?.$fault === 'server' || Boolean(e?.$retryable) || status === 429 || status >= 500;
}

export function createWorker({ senders, connectivity, now, log, backoff, probe, compact, changed, yieldToTill = () => undefined }: WorkerDeps) {
  let stopped = false;
  let running = false;
  let again = false;
  let timer: NodeJS.Timeout | null = null;
  let attempt = 0;
  let waitingFor: SyncStatus['waitingFor'] = null;
  let lastError: string | null = null;
  let nextAttemptAt: string | null = null;

  /**
   * The failures that say nothing about the write itself: nobody to send as (wait for a sign-in),
   * no answer, DynamoDB too busy, or AWS refusing the credentials rather than the record (try again
   * after the backoff). Null for a real refusal.
   */
  function transient(error: unknown): Outcome | null {
    if (error instanceof AppError && error.code === 'UNAUTHENTICATED') {
      waitingFor = 'sign-in';
      lastError = 'Waiting for someone to sign in to send them.';
      return 'wait';
    }
    if (isNetworkError(error)) return retryBecause(`Can’t send them: ${describeNetworkProblem(error)}. Trying again every few seconds.`);
    if (RETRYABLE.has(errorName(error))) return retryBecause('The database is busy; trying again shortly.');
    // A fault on AWS's side (a 500 under another name, a proxy's 502 or 504, a 429) says nothing
    // about the record: parked, a sale or a shift's opening would wait for a manager for nothing.
    if (serverFault(error)) return retryBecause(`The database had a fault of its own (${(error as Error).message || errorName(error)}); trying again shortly.`);
    // Not final for the record: a till outside the café's cafeIpRanges (its address changed), or
    // credentials gone stale. Parking would drop a board move for good; retrying loses nothing.
    if (CREDENTIALS_REFUSED.has(errorName(error))) {
      return retryBecause(`AWS refused the signed-in staff member’s credentials (${(error as Error).message}). If the café’s internet address changed, the stack’s cafeIpRanges needs the new one; nothing waiting is lost.`);
    }
    return null;
  }

  function retryBecause(message: string): Outcome {
    lastError = message;
    return 'retry';
  }

  function schedule(delayMs: number): void {
    if (stopped) return;
    if (timer) clearTimeout(timer);
    nextAttemptAt = new Date(now().getTime() + delayMs).toISOString();
    timer = setTimeout(() => {
      timer = null;
      nextAttemptAt = null;
      void run();
    }, delayMs);
  }

  function delay(): number {
    const ms = Math.min(backoff.capMs, backoff.baseMs * 2 ** attempt);
    attempt += 1;
    // Jitter: tills coming back online together don't all retry on the same beat.
    return Math.round(ms * (0.8 + Math.random() * 0.4));
  }

  const nextSend = () => {
    for (const sender of senders) {
      const send = sender.next();
      if (send) return send;
    }
    return null;
  };

  /** Sends until nothing is left; false if it stopped to wait or back off. */
  async function drain(): Promise<boolean> {
    while (!stopped) {
      // Before asking what goes next: what is first in line may change during the wait (a sale
      // withdrawn, one more to batch), and asking builds the batch.
      await yieldToTill();
      if (stopped) return false;
      const send = nextSend();
      if (!send) return true;
      const outcome = await send();
      changed();
      if (outcome === 'wait') return false;
      if (outcome === 'retry') {
        schedule(delay());
        return false;
      }
      attempt = 0;
      waitingFor = null;
      lastError = null;
    }
    return false;
  }

  async function run(): Promise<void> {
    if (running) {
      again = true;
      return;
    }
    running = true;
    try {
      // Every pass ends by checking `again`: work that arrived during the probe or the compaction
      // (a sale committed meanwhile) is sent now, not when the next one comes along.
      do {
        again = false;
        if (!(await drain())) return;
        senders.forEach((s) => s.idle?.());
        if (!stopped && !connectivity.online) {
          if (await probe()) attempt = 0;
          else schedule(delay());
        }
        await compact();
      } while ((again || nextSend()) && !stopped);
    } catch (error) {
      // A journal write failed (disk full?): keep the records, try again later.
      lastError = `Couldn’t update the journal: ${(error as Error).message}`;
      log('sync', error);
      schedule(delay());
    } finally {
      running = false;
      changed();
    }
  }

  return {
    run,
    transient,
    retryBecause,
    get running() {
      return running;
    },
    status: () => ({ waitingFor, lastError, nextAttemptAt }),
    /** "Sync now": no waiting out the backoff. */
    resetBackoff(): void {
      attempt = 0;
      waitingFor = null;
      if (timer) clearTimeout(timer);
      timer = null;
      nextAttemptAt = null;
    },
    /** Someone signed in: if the queue was waiting for credentials, go. */
    staffChanged(): void {
      if (waitingFor === 'sign-in') {
        waitingFor = null;
        void run();
      }
    },
    async stop(): Promise<void> {
      stopped = true;
      if (timer) clearTimeout(timer);
      while (running) await new Promise((r) => setTimeout(r, 10));
    },
  };
}

export type Worker = ReturnType<typeof createWorker>;
