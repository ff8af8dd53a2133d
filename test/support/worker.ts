import { createConnectivity } from '../../src/main/sync/connectivity';
import { createWorker, type WorkerDeps } from '../../src/main/sync/worker';

/** The outbox's generic worker with nothing to send, online, instant backoff: tests give it what they test. */
export function testWorker(overrides: Partial<WorkerDeps> = {}) {
  return createWorker({
    senders: [],
    connectivity: createConnectivity(() => new Date()),
    now: () => new Date(),
    log: () => {},
    backoff: { baseMs: 1, capMs: 1 },
    probe: async () => true,
    compact: async () => {},
    changed: () => {},
    ...overrides,
  });
}
