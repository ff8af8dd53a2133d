import { GetCommand, PutCommand, ScanCommand } from '@aws-sdk/lib-dynamodb';
import { randomBytes } from 'node:crypto';
import { ulid } from 'ulid';
import { beforeAll, describe, expect, it } from 'vitest';
import { atTime, type AdminProduct, type ProductDraft } from '../../src/shared/menu';
import type { BackendConfig } from '../../src/main/config';
import { SETTINGS_ID } from '../../src/main/data/schema';
import { DEMO_SETTINGS } from '../../src/main/local/demo-data';
import type { Runtime } from '../../src/main/runtime';
import { clients, DEMO, freshCafe, till, ok } from './helpers';

let config: BackendConfig;
let runtime: Runtime;
let otherTill: Runtime;
const managerA = { sessionKey: `mgr-a-${randomBytes(4).toString('hex')}` };
const managerB = { sessionKey: `mgr-b-${randomBytes(4).toString('hex')}` };
const barista = { sessionKey: `bar-${randomBytes(4).toString('hex')}` };
const barista2 = { sessionKey: `bar2-${randomBytes(4).toString('hex')}` };
let clock = Date.now();

beforeAll(async () => {
  config = await freshCafe();
  runtime = till(config, { now: () => new Date(clock) });
  otherTill = till(config, { terminalId: 'T2', now: () => new Date(clock) });
  for (const [who, email] of [
    [managerA, DEMO.manager],
    [managerB, DEMO.manager],
    [barista, DEMO.barista],
  ] as const) {
    await runtime.dispatch('auth.signIn', { email, password: DEMO.password }, who);
  }
  await otherTill.dispatch('auth.signIn', { email: DEMO.barista, password: DEMO.password }, barista2);
});

async function product(id: string): Promise<AdminProduct> {
  const list = await ok(runtime.dispatch('menu.adminList', {}, managerA));
  return list.products.find((p) => p.productId === id)!;
}

function draftOf(p: AdminProduct): ProductDraft {
  return { name: p.name, description: p.description, category: p.category, priceCents: p.priceCents, modifierGroups: p.modifierGroups, available: p.available, sortOrder: p.sortOrder };
}

async function productsTableSize() {
  const { Count = 0 } = await clients().doc.send(new ScanCommand({ TableName: config.tables.Products, Select: 'COUNT', ConsistentRead: true }));
  return Count;
}

const espressoCart = (unitPriceCents: number, total: number) => ({
  orderId: ulid(),
  lines: [{ productId: 'espresso', quantity: 1, selection: {}, unitPriceCents }],
  tenders: [{ kind: 'cash' as const, amountCents: 1000 }], openShift: { totalCents: 10_000 },
  expectedTotalCents: total,
});

describe('a manager changes a price', () => {
  it('Espresso $3.00 → $3.25: another till’s register shows and charges $3.25; history records it; rollback restores $3.00', async () => {
    const espresso = await product('espresso');
    expect(espresso.priceCents).toBe(300);
    const saved = await ok(runtime.dispatch('menu.update', { productId: 'espresso', expectedVersion: espresso.version, product: { ...draftOf(espresso), priceCents: 325 } }, managerA));
    expect(saved).toMatchObject({ priceCents: 325, version: espresso.version + 1, updatedBy: 'Morgan Lee' });
    expect(saved.priceHistory.at(-1)).toMatchObject({ fromCents: 300, toCents: 325, kind: 'edit', by: 'Morgan Lee' });

    const menu = await ok(otherTill.dispatch('menu.list', {}, barista2));
    expect(menu.products.find((p) => p.productId === 'espresso')?.priceCents).toBe(325);
    const stale = await otherTill.dispatch('orders.checkout', espressoCart(300, 324), barista2);
    expect(stale).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
    const charged = await ok(otherTill.dispatch('orders.checkout', espressoCart(325, 351), barista2));
    expect(charged.lines[0]?.unitPriceCents).toBe(325);

    const rolledBack = await ok(runtime.dispatch('menu.rollbackPrice', { productId: 'espresso', expectedVersion: saved.version, toPriceCents: 300 }, managerA));
    expect(rolledBack.priceCents).toBe(300);
    expect(rolledBack.priceHistory.slice(-2).map((h) => [h.kind, h.fromCents, h.toCents])).toEqual([
      ['edit', 300, 325],
      ['rollback', 325, 300],
    ]);
    expect(await runtime.dispatch('menu.rollbackPrice', { productId: 'espresso', expectedVersion: rolledBack.version, toPriceCents: 999 }, managerA)).toMatchObject({
      ok: false,
      error: { code: 'VALIDATION', message: 'That price isn’t in this product’s history.' },
    });
  });
});

describe('two managers editing the same product', () => {
  it('one saves, the other gets CONFLICT with what changed, and can reapply on top: nothing is lost', async () => {
    const latte = await product('latte');
    const [a, b] = await Promise.all([
      runtime.dispatch('menu.update', { productId: 'latte', expectedVersion: latte.version, product: { ...draftOf(latte), description: 'Silky and strong.' } }, managerA),
      runtime.dispatch('menu.update', { productId: 'latte', expectedVersion: latte.version, product: { ...draftOf(latte), priceCents: 475 } }, managerB),
    ]);
    const winner = [a, b].find((r) => r.ok)!;
    const loser = [a, b].find((r) => !r.ok)!;
    expect([a, b].filter((r) => r.ok)).toHaveLength(1);
    if (loser.ok || !winner.ok) throw new Error('unreachable');
    expect(loser.error).toMatchObject({ code: 'CONFLICT', message: 'Someone else changed Latte while you were editing it. Review their changes.' });
    const theirs = loser.error.details?.existing as AdminProduct;
    expect(theirs.version).toBe(latte.version + 1);

    // The loser reapplies their own change on top of the winner's.
    const mine = loser === a ? { description: 'Silky and strong.' } : { priceCents: 475 };
    const merged = await ok(runtime.dispatch('menu.update', { productId: 'latte', expectedVersion: theirs.version, product: { ...draftOf(theirs), ...mine } }, loser === a ? managerA : managerB));
    expect(merged).toMatchObject({ description: 'Silky and strong.', priceCents: 475, version: latte.version + 2 });
  });
});

describe('86 an item', () => {
  it('a barista marks it sold out and back; checkout refuses it meanwhile', async () => {
    expect(await ok(runtime.dispatch('menu.setAvailable', { productId: 'cookie', available: false }, barista))).toMatchObject({ available: false });
    const menu = await ok(otherTill.dispatch('menu.list', {}, barista2));
    expect(menu.products.find((p) => p.productId === 'cookie')?.available).toBe(false);
    const cookie = { orderId: ulid(), lines: [{ productId: 'cookie', quantity: 1, selection: {}, unitPriceCents: 250 }], tenders: [{ kind: 'cash' as const, amountCents: 500 }], openShift: { totalCents: 10_000 }, expectedTotalCents: 270 };
    expect(await otherTill.dispatch('orders.checkout', cookie, barista2)).toMatchObject({ ok: false, error: { code: 'CONFLICT', message: 'Chocolate Chip Cookie is sold out. Remove it from the order.' } });
    await ok(runtime.dispatch('menu.setAvailable', { productId: 'cookie', available: true }, barista));
    expect((await ok(otherTill.dispatch('orders.checkout', { ...cookie, orderId: ulid() }, barista2))).totalCents).toBe(270);
  });
});

describe('scheduled price', () => {
  it('takes effect at its time: before it the old price, from it the new one, at checkout too', async () => {
    const muffin = await product('blueberry-muffin');
    const at = new Date(clock + 60 * 60 * 1000).toISOString();
    const scheduled = await ok(runtime.dispatch('menu.schedulePrice', { productId: 'blueberry-muffin', expectedVersion: muffin.version, schedule: { priceCents: 350, effectiveAt: at } }, managerA));
    expect(scheduled).toMatchObject({ priceCents: 325, scheduledPrice: { priceCents: 350, effectiveAt: at } });
    const cart = (unit: number, total: number) => ({ orderId: ulid(), lines: [{ productId: 'blueberry-muffin', quantity: 1, selection: {}, unitPriceCents: unit }], tenders: [{ kind: 'cash' as const, amountCents: 1000 }], openShift: { totalCents: 10_000 }, expectedTotalCents: total });
    expect((await ok(otherTill.dispatch('orders.checkout', cart(325, 351), barista2))).lines[0]?.unitPriceCents).toBe(325);

    clock += 60 * 60 * 1000 + 1;
    expect(await otherTill.dispatch('orders.checkout', cart(325, 351), barista2)).toMatchObject({ ok: false, error: { code: 'CONFLICT', message: 'The price of Blueberry Muffin is now $3.50, not $3.25. Check the order and charge it again.' } });
    expect((await ok(otherTill.dispatch('orders.checkout', cart(350, 378), barista2))).lines[0]?.unitPriceCents).toBe(350);
  });

  it('once in force it is the price: a later edit is charged, a cancel can’t bring the old price back, history shows the change', async () => {
    const croissant = await product('butter-croissant');
    expect(croissant.priceCents).toBe(350);
    const at = new Date(clock + 60_000).toISOString();
    const scheduled = await ok(runtime.dispatch('menu.schedulePrice', { productId: 'butter-croissant', expectedVersion: croissant.version, schedule: { priceCents: 400, effectiveAt: at } }, managerA));
    const cart = (unit: number, total: number) => ({ orderId: ulid(), lines: [{ productId: 'butter-croissant', quantity: 1, selection: {}, unitPriceCents: unit }], tenders: [{ kind: 'cash' as const, amountCents: 1000 }], openShift: { totalCents: 10_000 }, expectedTotalCents: total });
    clock += 60_001;

    // A cancel from the editor's copy made before the moment would undo a price already charged.
    expect(await runtime.dispatch('menu.schedulePrice', { productId: 'butter-croissant', expectedVersion: scheduled.version, schedule: null }, managerA)).toMatchObject({
      ok: false,
      error: { code: 'CONFLICT', message: 'Butter Croissant’s scheduled price of $4.00 took effect while you were editing it. Review it and save again.' },
    });
    const inForce = await product('butter-croissant');
    expect(inForce).toMatchObject({ priceCents: 400, version: scheduled.version + 1 });
    expect(inForce.scheduledPrice).toBeUndefined();
    expect(await runtime.dispatch('menu.schedulePrice', { productId: 'butter-croissant', expectedVersion: inForce.version, schedule: null }, managerA)).toMatchObject({
      ok: false,
      error: { code: 'VALIDATION', message: 'Butter Croissant’s scheduled price of $4.00 has already taken effect, so there is nothing to cancel. Edit the price to change it.' },
    });
    expect((await ok(otherTill.dispatch('orders.checkout', cart(400, 432), barista2))).lines[0]?.unitPriceCents).toBe(400);

    const edited = await ok(runtime.dispatch('menu.update', { productId: 'butter-croissant', expectedVersion: inForce.version, product: { ...draftOf(inForce), priceCents: 375 } }, managerA));
    expect(edited).toMatchObject({ priceCents: 375 });
    expect(edited.scheduledPrice).toBeUndefined();
    expect(edited.priceHistory.slice(-3).map((h) => [h.kind, h.fromCents, h.toCents])).toEqual([
      ['scheduled', 350, 400],
      ['schedule-applied', 350, 400],
      ['edit', 400, 375],
    ]);
    expect(edited.priceHistory.at(-2)).toMatchObject({ at, by: 'Morgan Lee' });

    // The other till's register refreshes its menu and charges the edit, not the scheduled price.
    const menu = await ok(otherTill.dispatch('menu.list', {}, barista2));
    expect(atTime(menu.products.find((p) => p.productId === 'butter-croissant')!, clock).priceCents).toBe(375);
    expect(await otherTill.dispatch('orders.checkout', cart(400, 432), barista2)).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
    expect((await ok(otherTill.dispatch('orders.checkout', cart(375, 405), barista2))).lines[0]?.unitPriceCents).toBe(375);
  });

  it('refuses a time in the past', async () => {
    const cookie = await product('cookie');
    expect(await runtime.dispatch('menu.schedulePrice', { productId: 'cookie', expectedVersion: cookie.version, schedule: { priceCents: 275, effectiveAt: new Date(clock - 1000).toISOString() } }, managerA)).toMatchObject({
      ok: false,
      error: { code: 'VALIDATION', message: 'Choose a time in the future for the new price.' },
    });
  });
});

describe('creating and archiving', () => {
  it('creates a product that appears on the register, and archives it off the menu (old orders keep it)', async () => {
    const created = await ok(
      runtime.dispatch('menu.create', { product: { name: 'Pumpkin Spice Latte', description: 'Seasonal.', category: 'Coffee', priceCents: 575, modifierGroups: [], available: true, sortOrder: 500 } }, managerA),
    );
    expect(created).toMatchObject({ name: 'Pumpkin Spice Latte', version: 1, archived: false });
    expect((await ok(otherTill.dispatch('menu.list', {}, barista2))).products.some((p) => p.productId === created.productId)).toBe(true);
    const sold = await ok(otherTill.dispatch('orders.checkout', { orderId: ulid(), lines: [{ productId: created.productId, quantity: 1, selection: {}, unitPriceCents: 575 }], tenders: [{ kind: 'cash', amountCents: 1000 }], openShift: { totalCents: 10_000 }, expectedTotalCents: 621 }, barista2));

    const archived = await ok(runtime.dispatch('menu.archive', { productId: created.productId, expectedVersion: 1 }, managerA));
    expect(archived.archived).toBe(true);
    expect((await ok(otherTill.dispatch('menu.list', {}, barista2))).products.some((p) => p.productId === created.productId)).toBe(false);
    expect((await ok(runtime.dispatch('orders.get', { orderId: sold.orderId }, barista))).lines[0]?.name).toBe('Pumpkin Spice Latte');
    // The name is free again once archived.
    expect((await runtime.dispatch('menu.create', { product: { ...draftOf(archived), sortOrder: 501 } }, managerA)).ok).toBe(true);
  });
});

describe('bad menu input gets a specific error and writes nothing', () => {
  const base: ProductDraft = { name: 'Flat Black', description: '', category: 'Coffee', priceCents: 400, modifierGroups: [], available: true, sortOrder: 900 };
  const group = { groupId: 'shots', name: 'Shots', minChoices: 0, maxChoices: 2, defaultOptionIds: [], options: [{ optionId: 'extra', name: 'Extra shot', priceDeltaCents: 75 }] };
  const cases: [string, Partial<ProductDraft>, string, string][] = [
    ['an empty name', { name: '  ' }, 'VALIDATION', 'Enter a name.'],
    ['a negative price', { priceCents: -100 }, 'VALIDATION', 'The price can’t be negative.'],
    ['a fractional price', { priceCents: 399.5 }, 'VALIDATION', 'The price must be whole cents.'],
    ['a price above the cap', { priceCents: 100_001 }, 'VALIDATION', 'Prices over $1,000.00 aren’t allowed. Check the price.'],
    // $75.00 typed for a 75¢ shot: $990.00 + $75.00 is over the cap.
    [
      'an option that takes the price over the cap',
      { priceCents: 99_000, modifierGroups: [{ ...group, options: [{ optionId: 'extra', name: 'Extra shot', priceDeltaCents: 7_500 }] }] },
      'VALIDATION',
      'With its options this can cost $1,065.00: prices over $1,000.00 aren’t allowed. Check the options’ prices.',
    ],
    [
      'an option that takes the price below zero',
      { priceCents: 250, modifierGroups: [{ ...group, options: [{ optionId: 'kids', name: 'Kids size', priceDeltaCents: -300 }] }] },
      'VALIDATION',
      'With its options this would cost -$0.50: options can’t take the price below $0.00. Check the options’ prices.',
    ],
    ['min above max', { modifierGroups: [{ ...group, minChoices: 3, maxChoices: 2 }] }, 'VALIDATION', 'Shots: min choices (3) can’t be more than max (2).'],
    ['a group without options', { modifierGroups: [{ ...group, options: [] }] }, 'VALIDATION', 'A modifier group needs at least one option.'],
    ['a duplicate name in its category', { name: 'espresso' }, 'CONFLICT', 'There’s already a espresso in Coffee.'],
    ['an unknown category', { category: 'Smoothies' }, 'VALIDATION', '“Smoothies” isn’t a category. Choose one from the list.'],
  ];
  it.each(cases)('%s', async (_name, change, code, message) => {
    const before = await productsTableSize();
    const result = await runtime.dispatch('menu.create', { product: { ...base, ...change } }, managerA);
    expect(result.ok ? 'saved' : result.error.code).toBe(code);
    if (!result.ok) expect(result.error.message).toBe(message);
    expect(await productsTableSize()).toBe(before);
  });

  it('a barista calling any menu write directly is FORBIDDEN', async () => {
    const espresso = await product('espresso');
    const calls: [string, unknown][] = [
      ['menu.create', { product: base }],
      ['menu.update', { productId: 'espresso', expectedVersion: espresso.version, product: draftOf(espresso) }],
      ['menu.archive', { productId: 'espresso', expectedVersion: espresso.version }],
      ['menu.rollbackPrice', { productId: 'espresso', expectedVersion: espresso.version, toPriceCents: 300 }],
      ['menu.schedulePrice', { productId: 'espresso', expectedVersion: espresso.version, schedule: null }],
      ['menu.saveCategories', { expectedVersion: 1, categories: [{ categoryId: 'x', name: 'X', sortOrder: 1 }] }],
      ['menu.adminList', {}],
    ];
    for (const [channel, input] of calls) {
      expect(await runtime.dispatch(channel, input, barista), channel).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    }
  });
});

describe('categories', () => {
  it('reorders and adds; refuses removing one that still has products', async () => {
    const { categories, categoriesVersion } = await ok(runtime.dispatch('menu.adminList', {}, managerA));
    const reordered = [{ categoryId: 'seasonal', name: 'Seasonal', sortOrder: 0 }, ...categories];
    const saved = await ok(runtime.dispatch('menu.saveCategories', { expectedVersion: categoriesVersion, categories: reordered }, managerA));
    expect(saved.categories[0]?.name).toBe('Seasonal');
    expect((await ok(otherTill.dispatch('menu.list', {}, barista2))).categories[0]?.name).toBe('Seasonal');
    const withoutCoffee = saved.categories.filter((c) => c.name !== 'Coffee');
    expect(await runtime.dispatch('menu.saveCategories', { expectedVersion: saved.categoriesVersion, categories: withoutCoffee }, managerA)).toMatchObject({
      ok: false,
      error: { code: 'VALIDATION', message: expect.stringMatching(/^Coffee still has \d+ products: move or archive them before removing the category\.$/) },
    });
    expect(await runtime.dispatch('menu.saveCategories', { expectedVersion: categoriesVersion, categories: reordered }, managerA)).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
  });
});

describe('shop settings', () => {
  const settingsItem = async () => (await clients().doc.send(new GetCommand({ TableName: config.tables.Products, Key: { productId: SETTINGS_ID }, ConsistentRead: true }))).Item;
  const espresso = (total: number) => ({ orderId: ulid(), lines: [{ productId: 'espresso', quantity: 1, selection: {}, unitPriceCents: 300 }], tenders: [{ kind: 'cash' as const, amountCents: 1000 }], openShift: { totalCents: 10_000 }, expectedTotalCents: total });

  it('a manager edits them through the one schema: a percentage typed as basis points is refused naming the field, and nothing is written', async () => {
    const opened = await ok(runtime.dispatch('settings.edit', {}, managerA));
    expect(opened).toMatchObject({ settings: DEMO_SETTINGS, problems: [] });
    const before = await settingsItem();
    expect(await runtime.dispatch('settings.save', { expectedVersion: opened.version, settings: { ...DEMO_SETTINGS, taxRateBps: 8 } }, managerA)).toMatchObject({
      ok: false,
      error: { code: 'VALIDATION', message: 'taxRateBps 8 is 0.08%; it is in basis points: 800 = 8%.', details: { fields: [{ path: 'settings.taxRateBps' }] } },
    });
    expect(await settingsItem()).toEqual(before);
    expect(await runtime.dispatch('settings.save', { expectedVersion: opened.version, settings: DEMO_SETTINGS }, barista)).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });

    const overCap = { name: 'Gold Latte', description: '', category: 'Coffee', priceCents: 600, modifierGroups: [], available: true, sortOrder: 990 };
    // The editor's checks have read the settings (the cap) a moment ago.
    expect(await runtime.dispatch('menu.create', { product: { ...overCap, category: 'Smoothies' } }, managerA)).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
    const saved = await ok(runtime.dispatch('settings.save', { expectedVersion: opened.version, settings: { ...DEMO_SETTINGS, taxRateBps: 1000, priceCapCents: 500 } }, managerA));
    expect(saved.version).toBe(opened.version + 1);
    expect(await runtime.dispatch('settings.save', { expectedVersion: opened.version, settings: DEMO_SETTINGS }, managerB)).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
    // $3.00 at 10%: this till (whose copy was just invalidated) charges the new rate, and the new cap holds at once.
    expect((await ok(runtime.dispatch('orders.checkout', espresso(330), barista))).taxCents).toBe(30);
    expect(await runtime.dispatch('menu.create', { product: overCap }, managerA)).toMatchObject({ ok: false, error: { code: 'VALIDATION', message: 'Prices over $5.00 aren’t allowed. Check the price.' } });
    await ok(runtime.dispatch('settings.save', { expectedVersion: saved.version, settings: DEMO_SETTINGS }, managerA));
  });

  it('settings stored unchecked are refused when the catalogue reads them, with what is wrong, instead of charging 0.08% tax', async () => {
    const good = await settingsItem();
    await clients().doc.send(new PutCommand({ TableName: config.tables.Products, Item: { ...good, taxRateBps: 8 } }));
    const fresh = till(config, { now: () => new Date(clock) });
    const sessionKey = { sessionKey: `bar-fresh-${randomBytes(4).toString('hex')}` };
    await fresh.dispatch('auth.signIn', { email: DEMO.barista, password: DEMO.password }, sessionKey);
    const refused = {
      ok: false,
      error: { code: 'VALIDATION', message: 'This shop’s settings can’t be used: taxRateBps 8 is 0.08%; it is in basis points: 800 = 8%. A manager can correct them in Menu → Shop settings.' },
    };
    expect(await fresh.dispatch('orders.checkout', espresso(300), sessionKey)).toMatchObject(refused);
    expect(await fresh.dispatch('settings.get', {}, sessionKey)).toMatchObject(refused);
    // The editor still opens them, with the problem, so a manager can put them right.
    expect(await ok(runtime.dispatch('settings.edit', {}, managerA))).toMatchObject({ settings: { taxRateBps: 8 }, problems: ['taxRateBps 8 is 0.08%; it is in basis points: 800 = 8%.'] });
    await clients().doc.send(new PutCommand({ TableName: config.tables.Products, Item: good }));
  });
});
