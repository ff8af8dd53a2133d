import type { DisplayFrame, DisplayView } from '../../shared/display';
import type { ShopSettings } from '../../shared/menu';

/** How long a display's wait for the next frame is held open before it asks again. */
export const WATCH_HOLD_MS = 20_000;
const SHOP_TTL_MS = 60_000;

/**
 * The customer display's feed, kept in main's memory: the register shows a view, every display
 * waiting gets it at once. No DynamoDB round trip, so it follows the register offline too.
 */
export function createDisplayService({
  settings,
  holdMs = WATCH_HOLD_MS,
  now = Date.now,
}: {
  settings: () => Promise<Pick<ShopSettings, 'shopName' | 'currency' | 'locale'>>;
  holdMs?: number;
  now?: () => number;
}) {
  // From 1: a display that has seen nothing asks for "after 0" and gets the current view at once.
  let version = 1;
  let view: DisplayView = { kind: 'idle' };
  const waiting = new Set<() => void>();

  // The shop's name and money format, read at most once a minute: a frame must not wait on the database.
  let shop: { at: number; value: Pick<ShopSettings, 'shopName' | 'currency' | 'locale'> | null } | null = null;
  async function shopNow() {
    if (!shop || now() - shop.at > SHOP_TTL_MS) shop = { at: now(), value: await settings().catch(() => shop?.value ?? null) };
    return shop.value;
  }

  async function frame(): Promise<DisplayFrame> {
    const known = await shopNow();
    return { version, view, shopName: known?.shopName ?? 'Welcome', currency: known?.currency ?? 'USD', locale: known?.locale ?? 'en-US' };
  }

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
