// The register's pure rules behind issue #17: search, option letters, cash typos, the quiet header.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Product } from '../../src/shared/menu';
import type { SyncStatus } from '../../src/shared/sync';
import { DEMO_PRODUCTS } from '../../src/main/local/demo-data';
import { ALL, cashLooksWrong, optionHotkeys, optionKey, parseSearch, searchMenu, usualChoices } from '../../src/shared/register';
import { isSettling } from '../../src/shared/sync-header';

const menu: Product[] = DEMO_PRODUCTS.map((d, i) => ({
  ...d,
  modifierGroups: d.modifierGroups ?? [],
  available: d.available ?? true,
  sortOrder: i,
  version: 1,
  updatedAt: '2026-01-01T00:00:00.000Z',
  updatedBy: 'test',
}));
const product = (id: string) => menu.find((p) => p.productId === id)!;

describe('the menu search', () => {
  it('reads a leading quantity as 3*latte, 3 latte or 3latte, and leaves plain text alone', () => {
    expect(parseSearch('3*latte')).toEqual({ quantity: 3, text: 'latte' });
    expect(parseSearch('3 latte')).toEqual({ quantity: 3, text: 'latte' });
    expect(parseSearch('3d')).toEqual({ quantity: 3, text: 'd' });
    expect(parseSearch('3*')).toEqual({ quantity: 3, text: '' });
    expect(parseSearch('latte')).toEqual({ quantity: 1, text: 'latte' });
    expect(parseSearch('0 latte').quantity).toBe(1);
    expect(parseSearch('99*latte').quantity).toBe(99);
  });

  it('searches the whole menu whatever category is picked; the category narrows only an empty search', () => {
    expect(searchMenu(menu, 'latte', 'Bakery')[0]?.name).toBe('Latte');
    expect(searchMenu(menu, '', 'Bakery').every((p) => p.category === 'Bakery')).toBe(true);
    expect(searchMenu(menu, '', ALL)).toHaveLength(menu.length);
  });

  it('puts the rush items first for one letter: l → Latte, e → Espresso, m → Mocha, d → Drip Coffee', () => {
    expect(['l', 'e', 'm', 'd'].map((t) => searchMenu(menu, t, ALL)[0]?.name)).toEqual(['Latte', 'Espresso', 'Mocha', 'Drip Coffee']);
  });
});

describe('option letters in the choices dialog', () => {
  it('gives the latte L for Large and O for Oat', () => {
    const keys = optionHotkeys(product('latte').modifierGroups);
    expect(keys.get(optionKey('size', 'large'))?.key).toBe('l');
    expect(keys.get(optionKey('milk', 'oat'))?.key).toBe('o');
  });

  it('never gives two options of one product the same letter', () => {
    for (const p of menu) {
      const letters = [...optionHotkeys(p.modifierGroups).values()].map((k) => k.key);
      expect(new Set(letters).size).toBe(letters.length);
    }
  });

  it('always points at a letter of the option’s own name', () => {
    fc.assert(
      fc.property(fc.array(fc.string({ minLength: 1, maxLength: 12 }), { minLength: 1, maxLength: 12 }), (names) => {
        const group = { groupId: 'g', name: 'G', minChoices: 0, maxChoices: names.length, defaultOptionIds: [], options: names.map((name, i) => ({ optionId: `o${i}`, name, priceDeltaCents: 0 })) };
        for (const [i, name] of names.entries()) {
          const key = optionHotkeys([group]).get(optionKey('g', `o${i}`));
          if (key) expect(name[key.at]!.toLowerCase()).toBe(key.key);
        }
      }),
    );
  });
});

describe('adding with the usual choices', () => {
  it('names the defaults it adds', () => {
    const usual = usualChoices(product('latte'))!;
    expect(usual.label).toBe('Small, Whole');
    expect(usual.selection).toEqual({ size: ['small'], milk: ['whole'] });
  });

  it('has none when a required choice has no default', () => {
    const latte = product('latte');
    const noDefault = { ...latte, modifierGroups: latte.modifierGroups.map((g) => ({ ...g, defaultOptionIds: [] })) };
    expect(usualChoices(noDefault)).toBeNull();
  });
});

describe('cash that looks like a typo', () => {
  it('asks about "2000" for $9.83, not about a $100 note for an espresso or $20 for a latte', () => {
    expect(cashLooksWrong(983, 200_000)).toBe(true);
    expect(cashLooksWrong(324, 10_000)).toBe(false);
    expect(cashLooksWrong(983, 2_000)).toBe(false);
    expect(cashLooksWrong(30_000, 50_000)).toBe(false);
  });
});

describe('the header while a sale syncs', () => {
  const status = (over: Partial<SyncStatus>): SyncStatus => ({
    asOf: '2026-12-01T08:00:02.000Z',
    online: true,
    since: '2026-12-01T07:00:00.000Z',
    pending: 1,
    pendingMoves: 0,
    pendingDrawer: 0,
    pendingPunches: 0,
    oldestAt: '2026-12-01T08:00:00.000Z',
    draining: { done: 0, total: 1 },
    waitingFor: null,
    lastError: null,
    nextAttemptAt: null,
    parked: [],
    parkedRecords: [],
    damaged: [],
    terminal: { id: 'T1', state: 'synced' },
    ...over,
  });

  it('stays quiet for a normal sync of a second or two', () => {
    expect(isSettling(status({}))).toBe(true);
  });

  it('speaks up when it takes longer, when offline, failing, parked, or with nothing pending', () => {
    expect(isSettling(status({ asOf: '2026-12-01T08:00:06.000Z' }))).toBe(false);
    expect(isSettling(status({ online: false }))).toBe(false);
    expect(isSettling(status({ lastError: 'Throttled' }))).toBe(false);
    expect(isSettling(status({ waitingFor: 'sign-in' }))).toBe(false);
    expect(isSettling(status({ pending: 0, draining: null, oldestAt: null }))).toBe(false);
  });
});
