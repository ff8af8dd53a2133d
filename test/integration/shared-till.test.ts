import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { ulid } from 'ulid';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import type { BackendConfig } from '../../src/main/config';
import type { Runtime } from '../../src/main/runtime';
import { DEMO, clients, demoCart, freshCafe, till, unplugged, ok } from './helpers';

/**
 * One till shared by the counter: Jamie and Riley sign in once, then switch by PIN. Main holds
 * both Cognito sessions; the PIN only chooses which one signs the calls, so switching needs
 * neither the database nor Cognito.
 */
let config: BackendConfig;
let runtime: Runtime;
const cable = { cut: false };

type Answer<T> = { ok: true; data: T } | { ok: false; error: { code: string; message: string } };
async function refused<T>(result: Promise<Answer<T>>): Promise<{ code: string; message: string }> {
  const r = await result;
  if (r.ok) throw new Error('expected a refusal');
  return r.error;
}

const counter = { sessionKey: `till-${ulid()}` };
const cart25 = (orderId = ulid()) =>
  demoCart(undefined, { orderId, orderDiscount: { kind: 'percent', bps: 2500 }, discountReason: 'regular', expectedTotalCents: 737 });

async function orderInCloud(orderId: string) {
  await runtime.sync.idle();
  const { Item } = await clients().doc.send(new GetCommand({ TableName: config.tables.Orders, Key: { orderId }, ConsistentRead: true }));
  return Item;
}

beforeAll(async () => {
  config = await freshCafe();
  // `landed: false`: a sale offline answers from the journal; the tests wait for the cloud themselves.
  runtime = till(config, { landed: false, wrapDb: (doc) => unplugged(doc, cable) });
  // Jamie chooses a PIN; Riley leaves it empty and gets the demo café's (9753).
  await ok(runtime.dispatch('auth.signIn', { email: DEMO.barista, password: DEMO.password, pin: '1357' }, counter));
  await ok(runtime.dispatch('auth.signIn', { email: DEMO.riley, password: DEMO.password }, counter));
});

afterEach(() => {
  cable.cut = false;
  vi.unstubAllGlobals();
});

describe('two baristas on one till', () => {
  it('lists both, the last to sign in at the keyboard, and switch by PIN; each sale keeps who rang it', async () => {
    const shown = await ok(runtime.dispatch('auth.till', {}, counter));
    expect(shown.members.map((m) => [m.name, m.roleLabel, m.hasPin, m.attemptsLeft])).toEqual([
      ['Jamie Cruz', 'Barista', true, 5],
      ['Riley Park', 'Barista', true, 5],
    ]);
    expect(shown).toMatchObject({ locked: false, active: { name: 'Riley Park' } });
    expect(JSON.stringify(shown)).not.toMatch(/token|salt|hash|sub/i);

    const byRiley = await ok(runtime.dispatch('orders.checkout', demoCart(), counter));
    expect(byRiley.createdBy.name).toBe('Riley Park');

    expect(await ok(runtime.dispatch('auth.lock', {}, counter))).toMatchObject({ locked: true, active: null });
    expect(await refused(runtime.dispatch('orders.board', {}, counter))).toMatchObject({ code: 'UNAUTHENTICATED' });
    expect(await ok(runtime.dispatch('auth.session', {}, counter))).toBeNull();

    expect(await ok(runtime.dispatch('auth.unlock', { email: DEMO.barista, pin: '1357' }, counter))).toMatchObject({ name: 'Jamie Cruz' });
    const byJamie = await ok(runtime.dispatch('orders.checkout', demoCart(), counter));
    expect(byJamie.createdBy.name).toBe('Jamie Cruz');
    expect((await orderInCloud(byRiley.orderId))?.createdBy).toMatchObject({ name: 'Riley Park' });
    expect((await orderInCloud(byJamie.orderId))?.createdBy).toMatchObject({ name: 'Jamie Cruz' });
  });

  it('never compares a PIN with anyone else’s: a sign-in tells nobody whose PIN they typed', async () => {
    // A stranger at the till trying PINs behind a made-up sign-in learns nothing about Riley's.
    for (const pin of ['9753', '0000']) {
      const error = await refused(runtime.dispatch('auth.signIn', { email: 'nobody@coffeecloud.dev', password: 'Wrong#Password1', pin }, counter));
      expect(error.code).toBe('UNAUTHENTICATED');
      expect(error.message).not.toMatch(/Riley|PIN/);
    }
    // The tries locked the till (whoever was at it had stepped away).
    expect(await ok(runtime.dispatch('auth.till', {}, counter))).toMatchObject({ locked: true, members: [{ name: 'Jamie Cruz' }, { name: 'Riley Park' }] });
    // Two people may hold the same PIN: the lock screen asks whose session first, so each opens only their own.
    expect(await ok(runtime.dispatch('auth.signIn', { email: DEMO.manager, password: DEMO.password, pin: '9753' }, counter))).toMatchObject({ status: 'SIGNED_IN', session: { name: 'Morgan Lee' } });
    await ok(runtime.dispatch('auth.lock', {}, counter));
    expect(await ok(runtime.dispatch('auth.unlock', { email: DEMO.riley, pin: '9753' }, counter))).toMatchObject({ name: 'Riley Park' });
    await ok(runtime.dispatch('auth.lock', {}, counter));
    expect(await ok(runtime.dispatch('auth.unlock', { email: DEMO.manager, pin: '9753' }, counter))).toMatchObject({ name: 'Morgan Lee' });
    await ok(runtime.dispatch('auth.signOut', {}, counter));
    await ok(runtime.dispatch('auth.unlock', { email: DEMO.riley, pin: '9753' }, counter));
  });

  it('switches with the database and Cognito both unreachable, and the offline sales go out under their own names', async () => {
    cable.cut = true;
    vi.stubGlobal('fetch', () => Promise.reject(Object.assign(new TypeError('fetch failed'), { cause: { code: 'ECONNREFUSED' } })));
    await ok(runtime.dispatch('auth.lock', {}, counter));
    await ok(runtime.dispatch('auth.unlock', { email: DEMO.riley, pin: '9753' }, counter));
    const offlineRiley = await ok(runtime.dispatch('orders.checkout', demoCart(), counter));
    await ok(runtime.dispatch('auth.lock', {}, counter));
    await ok(runtime.dispatch('auth.unlock', { email: DEMO.barista, pin: '1357' }, counter));
    const offlineJamie = await ok(runtime.dispatch('orders.checkout', demoCart(), counter));
    expect([offlineRiley.createdBy.name, offlineJamie.createdBy.name]).toEqual(['Riley Park', 'Jamie Cruz']);

    cable.cut = false;
    vi.unstubAllGlobals();
    await runtime.sync.syncNow();
    expect((await orderInCloud(offlineRiley.orderId))?.createdBy).toMatchObject({ name: 'Riley Park' });
    expect((await orderInCloud(offlineJamie.orderId))?.createdBy).toMatchObject({ name: 'Jamie Cruz' });
  });

  it('takes the PIN as it is typed without a word about it: no answer differs, no try is counted', async () => {
    await ok(runtime.dispatch('auth.lock', {}, counter));
    const answers = [];
    for (const [email, pin] of [
      [DEMO.riley, '0000'],
      [DEMO.riley, '9753'],
      [DEMO.riley, '97531'],
      [DEMO.manager, '2468'],
      ['nobody@coffeecloud.dev', '1111'],
    ] as const) {
      for (let i = 0; i < 3; i++) answers.push(await runtime.dispatch('auth.preparePin', { email, pin }, counter));
    }
    expect(new Set(answers.map((a) => JSON.stringify(a)))).toEqual(new Set([JSON.stringify({ ok: true, data: { received: true } })]));
    expect((await ok(runtime.dispatch('auth.till', {}, counter))).members.find((m) => m.name === 'Riley Park')).toMatchObject({ attemptsLeft: 5 });
    // Submitted, the PIN typed last counts as any other: wrong is wrong, right opens.
    await runtime.dispatch('auth.preparePin', { email: DEMO.riley, pin: '0000' }, counter);
    expect(await refused(runtime.dispatch('auth.unlock', { email: DEMO.riley, pin: '0000' }, counter))).toMatchObject({ message: 'Wrong PIN. 4 tries left, then Riley Park must sign in with their password.' });
    await runtime.dispatch('auth.preparePin', { email: DEMO.riley, pin: '9753' }, counter);
    expect(await ok(runtime.dispatch('auth.unlock', { email: DEMO.riley, pin: '9753' }, counter))).toMatchObject({ name: 'Riley Park' });
    expect((await ok(runtime.dispatch('auth.till', {}, counter))).members.find((m) => m.name === 'Riley Park')).toMatchObject({ attemptsLeft: 5 });
  });

  it('counts wrong PINs per person, says how many tries are left, and after 5 wants the password', async () => {
    await ok(runtime.dispatch('auth.lock', {}, counter));
    const messages: string[] = [];
    for (let i = 0; i < 5; i++) messages.push((await refused(runtime.dispatch('auth.unlock', { email: DEMO.riley, pin: '0000' }, counter))).message);
    expect(messages).toEqual([
      'Wrong PIN. 4 tries left, then Riley Park must sign in with their password.',
      'Wrong PIN. 3 tries left, then Riley Park must sign in with their password.',
      'Wrong PIN. 2 tries left, then Riley Park must sign in with their password.',
      'Wrong PIN. 1 try left, then Riley Park must sign in with their password.',
      'Wrong PIN 5 times: Riley Park was signed out of this till. Sign in with your email and password.',
    ]);
    // The right PIN no longer opens anything: Riley's session is gone from main.
    expect(await refused(runtime.dispatch('auth.unlock', { email: DEMO.riley, pin: '9753' }, counter))).toMatchObject({
      message: 'That person isn’t signed in on this till. Sign in with your email and password.',
    });
    expect((await ok(runtime.dispatch('auth.till', {}, counter))).members.map((m) => m.name)).toEqual(['Jamie Cruz']);
    // Jamie's count is Jamie's own.
    await refused(runtime.dispatch('auth.unlock', { email: DEMO.barista, pin: '0000' }, counter));
    await ok(runtime.dispatch('auth.unlock', { email: DEMO.barista, pin: '1357' }, counter));
    expect((await ok(runtime.dispatch('auth.till', {}, counter))).members[0]?.attemptsLeft).toBe(5);
    // Tries sent all at once can't slip past the limit.
    await ok(runtime.dispatch('auth.signIn', { email: DEMO.riley, password: DEMO.password }, counter));
    await ok(runtime.dispatch('auth.lock', {}, counter));
    const burst = await Promise.all(Array.from({ length: 8 }, () => runtime.dispatch('auth.unlock', { email: DEMO.riley, pin: '1111' }, counter)));
    expect(burst.every((r) => !r.ok)).toBe(true);
    expect((await ok(runtime.dispatch('auth.till', {}, counter))).members.map((m) => m.name)).toEqual(['Jamie Cruz']);
    await ok(runtime.dispatch('auth.unlock', { email: DEMO.barista, pin: '1357' }, counter));
  });
});

describe('a manager’s approval at the barista’s till', () => {
  it('by PIN when signed in here: one sale, at most the amount approved, recorded on the order', async () => {
    await ok(runtime.dispatch('auth.signIn', { email: DEMO.manager, password: DEMO.password }, counter));
    await ok(runtime.dispatch('auth.lock', {}, counter));
    await ok(runtime.dispatch('auth.unlock', { email: DEMO.barista, pin: '1357' }, counter));

    const sale = cart25();
    expect(await refused(runtime.dispatch('orders.checkout', sale, counter))).toMatchObject({ code: 'FORBIDDEN', message: 'A discount over 20% needs a manager’s approval.' });
    const wrong = await refused(runtime.dispatch('orders.approveDiscount', { orderId: sale.orderId, discountCents: 228, email: DEMO.manager, pin: '0000' }, counter));
    expect(wrong.message).toBe('Wrong PIN. 4 tries left, then Morgan Lee must sign in with their password.');
    const approval = await ok(runtime.dispatch('orders.approveDiscount', { orderId: sale.orderId, discountCents: 228, email: DEMO.manager, pin: '2468' }, counter));
    expect(approval).toMatchObject({ approverName: 'Morgan Lee', discountCents: 228 });
    // Jamie is still the one at the keyboard.
    expect(await ok(runtime.dispatch('auth.session', {}, counter))).toMatchObject({ name: 'Jamie Cruz' });

    // The cart raised to 100% after the manager approved 25%: refused until approved again.
    const full = { ...sale, orderDiscount: { kind: 'percent' as const, bps: 10_000 }, expectedTotalCents: 0, approvalId: approval.approvalId };
    expect(await refused(runtime.dispatch('orders.checkout', full, counter))).toMatchObject({
      code: 'FORBIDDEN',
      message: 'Morgan Lee approved $2.28 off, but the sale now has $9.10 off. Ask a manager to approve the new discount.',
    });
    // Another sale can't borrow it.
    expect(await refused(runtime.dispatch('orders.checkout', { ...cart25(), approvalId: approval.approvalId }, counter))).toMatchObject({
      message: 'Morgan Lee’s approval was for another sale. Ask a manager to approve this one.',
    });
    const order = await ok(runtime.dispatch('orders.checkout', { ...sale, approvalId: approval.approvalId }, counter));
    expect(order.discountApproval).toMatchObject({
      askedBy: { name: 'Jamie Cruz' },
      approvedBy: { name: 'Morgan Lee' },
      action: 'discount',
      amountCents: 228,
      via: 'pin',
    });
    expect((await orderInCloud(order.orderId))?.discountApproval).toMatchObject({ approvedBy: { name: 'Morgan Lee' }, amountCents: 228 });
    // Used once.
    expect(await refused(runtime.dispatch('orders.checkout', { ...sale, orderId: ulid(), approvalId: approval.approvalId }, counter))).toMatchObject({ code: 'FORBIDDEN' });
  });

  it('by password when the manager isn’t signed in on this till; a barista’s PIN or password approves nothing', async () => {
    const other = { sessionKey: `till-${ulid()}` };
    await ok(runtime.dispatch('auth.signIn', { email: DEMO.barista, password: DEMO.password, pin: '4321' }, other));
    const sale = cart25();
    expect(await refused(runtime.dispatch('orders.approveDiscount', { orderId: sale.orderId, discountCents: 228, email: DEMO.manager, pin: '2468' }, other))).toMatchObject({
      message: 'That manager isn’t signed in on this till. Use their password instead.',
    });
    expect(await refused(runtime.dispatch('orders.approveDiscount', { orderId: sale.orderId, discountCents: 228, email: DEMO.barista, pin: '4321' }, other))).toMatchObject({
      code: 'FORBIDDEN',
      message: 'Jamie Cruz isn’t a manager. A manager has to approve this discount.',
    });
    const approval = await ok(runtime.dispatch('orders.approveDiscount', { orderId: sale.orderId, discountCents: 228, email: DEMO.manager, password: DEMO.password }, other));
    const order = await ok(runtime.dispatch('orders.checkout', { ...sale, approvalId: approval.approvalId }, other));
    expect(order.discountApproval).toMatchObject({ via: 'password', approvedBy: { name: 'Morgan Lee' } });
    expect(await refused(runtime.dispatch('orders.approveDiscount', { orderId: sale.orderId, discountCents: 228, email: DEMO.manager }, other))).toMatchObject({
      code: 'VALIDATION',
      message: 'The manager enters their PIN or their password.',
    });
  });

  it('signing out for good leaves the others on the till, behind the lock', async () => {
    await ok(runtime.dispatch('auth.unlock', { email: DEMO.manager, pin: '2468' }, counter));
    await ok(runtime.dispatch('auth.signOut', {}, counter));
    expect(await ok(runtime.dispatch('auth.till', {}, counter))).toMatchObject({ locked: true, members: [{ name: 'Jamie Cruz' }] });
    await ok(runtime.dispatch('auth.signOut', { everyone: true }, counter));
    expect((await ok(runtime.dispatch('auth.till', {}, counter))).members).toEqual([]);
  });
});
