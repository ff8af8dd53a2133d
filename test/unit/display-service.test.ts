import { describe, expect, it, vi } from 'vitest';
import { createDisplayService } from '../../src/main/display/service';

const SHOP = { shopName: 'Coffee Cloud Demo Café', currency: 'USD', locale: 'en-US' };
const sale = (totalCents: number) => ({ kind: 'sale' as const, lines: [], subtotalCents: totalCents, discountCents: 0, taxCents: 0, totalCents });

describe('the customer display feed', () => {
  it('a display that has seen nothing gets the current view at once, with the shop’s name', async () => {
    const display = createDisplayService({ settings: async () => SHOP });
    expect(await display.watch(0)).toEqual({ version: 1, view: { kind: 'idle' }, ...SHOP });
  });

  it('a waiting display wakes with the register’s next view; the same view twice wakes nobody', async () => {
    const display = createDisplayService({ settings: async () => SHOP });
    const waiting = display.watch(1);
    expect(display.show(sale(324))).toEqual({ version: 2 });
    expect((await waiting).view).toEqual(sale(324));
    expect(display.show(sale(324))).toEqual({ version: 2 });
  });

  it('a wait with nothing new ends after the hold and answers the same view, so the display asks again', async () => {
    vi.useFakeTimers();
    try {
      const display = createDisplayService({ settings: async () => SHOP, holdMs: 1_000 });
      const waiting = display.watch(1);
      await vi.advanceTimersByTimeAsync(1_000);
      expect(await waiting).toMatchObject({ version: 1, view: { kind: 'idle' } });
    } finally {
      vi.useRealTimers();
    }
  });

  it('reads the shop’s settings at most once a minute, and still shows the sale when they can’t be read', async () => {
    let now = 0;
    const settings = vi.fn(async () => SHOP);
    const display = createDisplayService({ settings, now: () => now });
    await display.watch(0);
    display.show(sale(100));
    await display.watch(0);
    expect(settings).toHaveBeenCalledTimes(1);
    now = 61_000;
    settings.mockRejectedValueOnce(new Error('offline'));
    expect(await display.watch(0)).toMatchObject({ view: sale(100), shopName: SHOP.shopName });
  });
});
