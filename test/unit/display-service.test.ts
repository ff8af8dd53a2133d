import { describe, expect, it, vi } from 'vitest';
import { createDisplayService } from '../../src/main/display/service';
import { displayViewSchema } from '../../src/shared/display';

const SHOP = { shopName: 'Coffee Cloud Demo Café', currency: 'USD', locale: 'en-US' };
const sale = (totalCents: number) => ({ kind: 'sale' as const, lines: [], subtotalCents: totalCents, discountCents: 0, taxCents: 0, totalCents });

describe('the customer display feed', () => {
  it('a display that has seen nothing gets the current view at once, with the shop’s name', async () => {
    const display = createDisplayService({ shop: () => SHOP });
    expect(await display.watch(0)).toEqual({ version: 1, view: { kind: 'idle' }, ...SHOP });
  });

  it('a waiting display wakes with the register’s next view; the same view twice wakes nobody', async () => {
    const display = createDisplayService({ shop: () => SHOP });
    const waiting = display.watch(1);
    expect(display.show(sale(324))).toEqual({ version: 2 });
    expect((await waiting).view).toEqual(sale(324));
    expect(display.show(sale(324))).toEqual({ version: 2 });
  });

  it('a wait with nothing new ends after the hold and answers the same view, so the display asks again', async () => {
    vi.useFakeTimers();
    try {
      const display = createDisplayService({ shop: () => SHOP, holdMs: 1_000 });
      const waiting = display.watch(1);
      await vi.advanceTimersByTimeAsync(1_000);
      expect(await waiting).toMatchObject({ version: 1, view: { kind: 'idle' } });
    } finally {
      vi.useRealTimers();
    }
  });

  it('each frame carries the shop’s name as the till knows it now: a rename shows on the next frame', async () => {
    let known = SHOP;
    const display = createDisplayService({ shop: () => known });
    expect(await display.watch(0)).toMatchObject({ shopName: SHOP.shopName });
    known = { ...SHOP, shopName: 'Cloud Nine Coffee' };
    display.show(sale(100));
    expect(await display.watch(0)).toMatchObject({ view: sale(100), shopName: 'Cloud Nine Coffee' });
  });

  it('takes a customer whose points a refund took below zero: refused, every frame of her sale would leave the display frozen on the last one', () => {
    const view = { ...sale(540), feeCents: 200, taxIncluded: false, loyalty: { firstName: 'Ada', points: -9, earns: 3, reward: null } };
    expect(displayViewSchema.safeParse(view).success).toBe(true);
  });
});
