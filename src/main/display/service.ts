import type { DisplayFrame, DisplayView } from '../../shared/display';
import type { ReceiptShop } from '../printer/receipt';

/** How long a display's wait for the next frame is held open before it asks again. */
export const WATCH_HOLD_MS = 20_000;

/**
 * The customer display's feed, kept in main's memory: the register shows a view, every display
 * waiting gets it at once. No DynamoDB round trip, so it follows the register offline too.
 * `shop` is the name and money format as the till last read them, from memory: a frame never waits.
 */
export function createDisplayService({ shop, holdMs = WATCH_HOLD_MS }: { shop: () => ReceiptShop; holdMs?: number }) {
  // From 1: a display that has seen nothing asks for "after 0" and gets the current view at once.
  let version = 1;
  let view: DisplayView = { kind: 'idle' };
  const waiting = new Set<() => void>();

  const frame = (): DisplayFrame => ({ version, view, ...shop() });

  return {
    show(next: DisplayView): { version: number } {
      if (JSON.stringify(next) === JSON.stringify(view)) return { version };
      view = next;
      version += 1;
      for (const wake of waiting) wake();
      waiting.clear();
      return { version };
    },

    /** The frame after `after`: at once if there is a newer one, else when it comes (or the hold ends). */
    async watch(after: number): Promise<DisplayFrame> {
      if (version !== after) return frame();
      await new Promise<void>((resolve) => {
        const timer = setTimeout(done, holdMs);
        function done() {
          clearTimeout(timer);
          waiting.delete(done);
          resolve();
        }
        waiting.add(done);
      });
      return frame();
    },
  };
}

export type DisplayService = ReturnType<typeof createDisplayService>;
