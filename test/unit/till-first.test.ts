import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createTillActivity } from '../../src/main/sync/till-first';
import { testWorker } from '../support/worker';

beforeEach(() => vi.useFakeTimers());
afterEach(() => vi.useRealTimers());

function settled(promise: Promise<unknown>): () => boolean {
  let done = false;
  void promise.then(() => (done = true));
  return () => done;
}

describe('the till goes before the outbox', () => {
  it('waits for a moment with no call, and no longer than the longest wait', async () => {
    const activity = createTillActivity({ quietMs: 10, maxWaitMs: 200, nowMs: () => Date.now() });
    activity.touched();
    const afterOneCall = settled(activity.quiet());
    await vi.advanceTimersByTimeAsync(9);
    expect(afterOneCall()).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    expect(afterOneCall()).toBe(true);

    // Calls every 5 ms, as sales rung back to back: the outbox still gets its turn after 200 ms.
    activity.touched();
    const busy = settled(activity.quiet());
    for (let ms = 0; ms < 195; ms += 5) {
      activity.touched();
      await vi.advanceTimersByTimeAsync(5);
    }
    expect(busy()).toBe(false);
    activity.touched();
    await vi.advanceTimersByTimeAsync(5);
    expect(busy()).toBe(true);
  });

  it('lets an urgent send through at once, even one that became urgent mid-wait (a checkout waiting on its points)', async () => {
    const activity = createTillActivity({ quietMs: 10, maxWaitMs: 200, nowMs: () => Date.now() });
    let urgent = false;
    const waiting = () => {
      activity.touched();
      return settled(activity.quiet(() => urgent));
    };
    const first = waiting();
    await vi.advanceTimersByTimeAsync(5);
    urgent = true;
    activity.nudge();
    await vi.advanceTimersByTimeAsync(0);
    expect(first()).toBe(true);
    const second = waiting();
    await vi.advanceTimersByTimeAsync(0);
    expect(second()).toBe(true);
  });

  it('sends nothing while the till is busy, then everything waiting', async () => {
    const sent: string[] = [];
    const waiting = ['T1-001', 'T1-002'];
    let tillBusy = true;
    const waitingForTill: (() => void)[] = [];
    const worker = testWorker({
      senders: [
        {
          next: () => {
            const ticket = waiting[0];
            if (!ticket) return null;
            return async () => {
              waiting.shift();
              sent.push(ticket);
              return 'next';
            };
          },
        },
      ],
      yieldToTill: () => (tillBusy ? new Promise<void>((resolve) => waitingForTill.push(resolve)) : undefined),
    });
    const run = worker.run();
    await vi.advanceTimersByTimeAsync(50);
    expect(sent).toEqual([]);
    tillBusy = false;
    waitingForTill.forEach((go) => go());
    await run;
    expect(sent).toEqual(['T1-001', 'T1-002']);
  });
});
