import { randomBytes } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import type { BackendConfig } from '../../src/main/config';
import { createCognitoUser } from '../../src/main/local/seed';
import type { Runtime } from '../../src/main/runtime';
import { cafeRuntime, clients, DEMO, lastConfirmationCode, till } from './helpers';

let config: BackendConfig;
let runtime: Runtime;
const caller = () => ({ sessionKey: `test-${randomBytes(6).toString('hex')}` });

beforeAll(async () => {
  ({ config, runtime } = await cafeRuntime());
});

async function newStaff(group: 'Barista' | 'Admin', temporary: boolean) {
  const email = `new-${randomBytes(4).toString('hex')}@coffeecloud.dev`;
  await createCognitoUser(clients().cognito, config.userPoolId, { email, name: 'Riley New', group, password: 'Temp#Pass1', temporary });
  return email;
}

describe('staff sign-in against cognito-local', () => {
  it.each([
    [DEMO.manager, 'Admin', 'Manager', 'Morgan Lee', ['register', 'board', 'loyalty', 'menu', 'drawer', 'reports', 'staff', 'timecards']],
    [DEMO.barista, 'Barista', 'Barista', 'Jamie Cruz', ['register', 'board', 'loyalty', 'drawer']],
    [DEMO.shipper, 'Shipper', 'Shipper', 'Alex Kim', ['shipper']],
  ])('%s signs in as %s and the session says who it is', async (email, role, roleLabel, name, screens) => {
    const who = caller();
    const result = await runtime.dispatch('auth.signIn', { email, password: DEMO.password }, who);
    expect(result).toEqual({ ok: true, data: { status: 'SIGNED_IN', session: { email, name, role, roleLabel, screens } } });
    expect(await runtime.dispatch('auth.session', {}, who)).toEqual({ ok: true, data: { email, name, role, roleLabel, screens } });
  });

  it('accepts the email in any case and with spaces around it', async () => {
    const result = await runtime.dispatch('auth.signIn', { email: '  Barista@CoffeeCloud.dev ', password: DEMO.password }, caller());
    expect(result.ok && result.data.status).toBe('SIGNED_IN');
  });

  it('refuses a customer account and keeps no session', async () => {
    const who = caller();
    const result = await runtime.dispatch('auth.signIn', { email: DEMO.customer, password: DEMO.password }, who);
    expect(result).toEqual({
      ok: false,
      error: { code: 'FORBIDDEN', message: 'This is a customer account. Only café staff can sign in to the POS.' },
    });
    expect(await runtime.dispatch('auth.session', {}, who)).toEqual({ ok: true, data: null });
    expect((await runtime.dispatch('orders.board', {}, who)).ok).toBe(false);
  });

  it('says "Incorrect email or password." for a wrong password and for an unknown email alike', async () => {
    const wrong = await runtime.dispatch('auth.signIn', { email: DEMO.barista, password: 'CoffeeCloud#2025' }, caller());
    const unknown = await runtime.dispatch('auth.signIn', { email: 'nobody@coffeecloud.dev', password: DEMO.password }, caller());
    const expected = { ok: false, error: { code: 'UNAUTHENTICATED', message: 'Incorrect email or password.' } };
    expect(wrong).toEqual(expected);
    expect(unknown).toEqual(expected);
  });

  it('a sign-in attempt locks the till: when it fails, the session before it no longer answers', async () => {
    const who = caller();
    await runtime.dispatch('auth.signIn', { email: DEMO.barista, password: DEMO.password }, who);
    await runtime.dispatch('auth.signIn', { email: DEMO.manager, password: 'wrong-password' }, who);
    expect(await runtime.dispatch('auth.session', {}, who)).toEqual({ ok: true, data: null });
  });

  it('signing out ends the session: the next call asks to sign in', async () => {
    const who = caller();
    await runtime.dispatch('auth.signIn', { email: DEMO.barista, password: DEMO.password }, who);
    expect((await runtime.dispatch('menu.list', {}, who)).ok).toBe(true);
    expect(await runtime.dispatch('auth.signOut', {}, who)).toEqual({ ok: true, data: { signedOut: true } });
    expect(await runtime.dispatch('menu.list', {}, who)).toEqual({
      ok: false,
      error: { code: 'UNAUTHENTICATED', message: 'Please sign in first.' },
    });
  });

  it('keeps two tills’ sessions apart', async () => {
    const till1 = caller();
    const till2 = caller();
    await runtime.dispatch('auth.signIn', { email: DEMO.barista, password: DEMO.password }, till1);
    await runtime.dispatch('auth.signIn', { email: DEMO.shipper, password: DEMO.password }, till2);
    expect((await runtime.dispatch('menu.list', {}, till1)).ok).toBe(true);
    expect((await runtime.dispatch('menu.list', {}, till2)).ok).toBe(false);
    await runtime.dispatch('auth.signOut', {}, till2);
    expect((await runtime.dispatch('menu.list', {}, till1)).ok).toBe(true);
  });
});

describe('first sign-in with a temporary password', () => {
  it('asks for a new password, checks it against the policy, then signs in with it', async () => {
    const email = await newStaff('Barista', true);
    const who = caller();
    expect(await runtime.dispatch('auth.signIn', { email, password: 'Temp#Pass1' }, who)).toEqual({
      ok: true,
      data: { status: 'NEW_PASSWORD_REQUIRED', email },
    });
    // Not signed in yet.
    expect((await runtime.dispatch('menu.list', {}, who)).ok).toBe(false);

    const weak = await runtime.dispatch('auth.completeNewPassword', { newPassword: 'latte' }, who);
    expect(weak.ok).toBe(false);
    if (!weak.ok) {
      expect(weak.error.code).toBe('VALIDATION');
      expect(weak.error.message).toBe(
        'The new password needs: at least 8 characters; an uppercase letter (A–Z); a number (0–9); a symbol such as # ! @ $ %.',
      );
    }

    const done = await runtime.dispatch('auth.completeNewPassword', { newPassword: 'Flat#White9' }, who);
    expect(done).toMatchObject({ ok: true, data: { email, role: 'Barista', name: 'Riley New' } });
    expect((await runtime.dispatch('menu.list', {}, who)).ok).toBe(true);

    const again = await runtime.dispatch('auth.signIn', { email, password: 'Flat#White9' }, caller());
    expect(again.ok && again.data.status).toBe('SIGNED_IN');
  });

  it('refuses to set a new password without a pending first sign-in', async () => {
    expect(await runtime.dispatch('auth.completeNewPassword', { newPassword: 'Flat#White9' }, caller())).toEqual({
      ok: false,
      error: { code: 'UNAUTHENTICATED', message: 'Sign in with your temporary password first.' },
    });
  });
});

describe('forgot password', () => {
  it('sends a code and the code sets a new password', async () => {
    const email = await newStaff('Barista', false);
    const sent = await runtime.dispatch('auth.forgotPassword', { email }, caller());
    expect(sent.ok).toBe(true);
    const code = lastConfirmationCode(config.userPoolId, email);

    const wrongCode = await runtime.dispatch(
      'auth.confirmForgotPassword',
      { email, code: code === '000000' ? '111111' : '000000', newPassword: 'Cold#Brew77' },
      caller(),
    );
    expect(wrongCode).toEqual({
      ok: false,
      error: { code: 'VALIDATION', message: 'That code isn’t right. Check the email and type it again.' },
    });

    const weak = await runtime.dispatch('auth.confirmForgotPassword', { email, code, newPassword: 'coldbrew' }, caller());
    expect(weak.ok || weak.error.code).toBe('VALIDATION');

    expect(await runtime.dispatch('auth.confirmForgotPassword', { email, code, newPassword: 'Cold#Brew77' }, caller())).toEqual({
      ok: true,
      data: { reset: true },
    });
    const signedIn = await runtime.dispatch('auth.signIn', { email, password: 'Cold#Brew77' }, caller());
    expect(signedIn.ok && signedIn.data.status).toBe('SIGNED_IN');
    const old = await runtime.dispatch('auth.signIn', { email, password: 'Temp#Pass1' }, caller());
    expect(old.ok).toBe(false);
  });
});

describe('token refresh', () => {
  it('refreshes the tokens before they expire, without the barista noticing', async () => {
    let now = Date.now();
    const clocked = till(config, { now: () => new Date(now) });
    const who = caller();
    await clocked.dispatch('auth.signIn', { email: DEMO.barista, password: DEMO.password }, who);
    const before = await clocked.auth.current(who.sessionKey);
    expect(before).not.toBeNull();

    now = before!.expiresAt - 60_000; // a minute before expiry: inside the refresh margin
    expect((await clocked.dispatch('menu.list', {}, who)).ok).toBe(true);
    const after = await clocked.auth.current(who.sessionKey);
    expect(after!.refreshedAt).toBe(now);
    expect(after!.role).toBe('Barista');
    expect(after!.name).toBe('Jamie Cruz');
  });
});
