import type { FailedPrint } from '../../shared/printer';

/** One print waiting for the printer. `T` is what the sender needs to make its bytes. */
export interface QueuedJob<T> {
  jobId: string;
  label: string;
  /** Jobs for the same thing (a ticket's receipt): a newer one replaces a failed older one. */
  key: string;
  payload: T;
}

export interface QueueOptions<T> {
  send(job: QueuedJob<T>): Promise<void>;
  /** The wait before each retry; a job that fails once more than this has entries has failed. */
  retryDelaysMs: readonly number[];
  now: () => Date;
  describe?: (job: QueuedJob<T>) => Pick<FailedPrint, 'kind' | 'orderId'>;
  log?: (msg: string, error?: unknown) => void;
}

interface Entry<T> {
  job: QueuedJob<T>;
  attempts: number;
  notBefore: number;
}

/**
 * The background print queue: one job at a time (a printer takes one connection at a time), retried
 * with backoff, then kept as failed until someone retries or dismisses it. Callers only ever
 * enqueue; nothing they await waits on a printer.
 */
export function createPrintQueue<T>({ send, retryDelaysMs, now, describe, log = () => {} }: QueueOptions<T>) {
  const waiting: Entry<T>[] = [];
  const failed = new Map<string, { job: QueuedJob<T>; failure: FailedPrint }>();
  let busy: Promise<void> | null = null;
  let timer: NodeJS.Timeout | null = null;
  let stopped = false;
  let idleWaiters: (() => void)[] = [];

  function wake() {
    if (stopped || busy) return;
    if (timer) clearTimeout(timer);
    timer = null;
    const at = now().getTime();
    const ready = waiting.findIndex((e) => e.notBefore <= at);
    if (ready < 0) {
      if (waiting.length === 0) idleWaiters.splice(0).forEach((w) => w());
      else timer = setTimeout(wake, Math.min(...waiting.map((e) => e.notBefore)) - at).unref();
      return;
    }
    const [entry] = waiting.splice(ready, 1);
    busy = attempt(entry!).finally(() => {
      busy = null;
      wake();
    });
  }

  async function attempt(entry: Entry<T>) {
    try {
      await send(entry.job);
    } catch (error) {
      entry.attempts++;
      const delay = retryDelaysMs[entry.attempts - 1];
      if (delay !== undefined && !stopped) {
        waiting.push({ ...entry, notBefore: now().getTime() + delay });
        return;
      }
      const reason = error instanceof Error ? error.message : String(error);
      log(`[printer] ${entry.job.label} failed after ${entry.attempts} attempts: ${reason}`);
      failed.set(entry.job.jobId, {
        job: entry.job,
        failure: { jobId: entry.job.jobId, label: entry.job.label, reason, failedAt: now().toISOString(), kind: 'receipt', ...describe?.(entry.job) },
      });
    }
  }

  return {
    enqueue(job: QueuedJob<T>): void {
      for (const [id, f] of failed) if (f.job.key === job.key) failed.delete(id);
      waiting.push({ job, attempts: 0, notBefore: 0 });
      // After the caller's answer has gone out: encoding and connecting are never on its path.
      setImmediate(wake);
    },

    /**
     * Sends a failed job again, as `revise` says (a receipt retried by hand doesn't open the drawer
     * again). False if it isn't failed (already retried, printed or dismissed): a second tap on
     * Retry never prints a second copy.
     */
    retry(jobId: string, revise: (job: QueuedJob<T>) => QueuedJob<T> = (j) => j): boolean {
      const entry = failed.get(jobId);
      if (!entry) return false;
      failed.delete(jobId);
      waiting.push({ job: revise(entry.job), attempts: 0, notBefore: 0 });
      setImmediate(wake);
      return true;
    },

    dismiss(jobId: string): void {
      failed.delete(jobId);
    },

    /** A failed job, to decide whether whoever asks may have it again. */
    failedJob(jobId: string): QueuedJob<T> | null {
      return failed.get(jobId)?.job ?? null;
    },

    failed(): FailedPrint[] {
      return [...failed.values()].map((f) => f.failure);
    },

    /** Jobs waiting or being sent. */
    queued(): number {
      return waiting.length + (busy ? 1 : 0);
    },

    /** Resolves when nothing is waiting or being sent (tests, and a till closing). */
    idle(): Promise<void> {
      if (waiting.length === 0 && !busy) return Promise.resolve();
      return new Promise((resolve) => idleWaiters.push(resolve));
    },

    stop(): void {
      stopped = true;
      if (timer) clearTimeout(timer);
      idleWaiters.splice(0).forEach((w) => w());
      idleWaiters = [];
    },
  };
}

export type PrintQueue<T> = ReturnType<typeof createPrintQueue<T>>;
