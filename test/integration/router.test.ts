import { randomBytes } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { CHANNELS } from '../../src/shared/contract';
import type { Runtime } from '../../src/main/runtime';
import { cafeRuntime, DEMO } from './helpers';

let runtime: Runtime;
const caller = () => ({ sessionKey: `router-${randomBytes(6).toString('hex')}` });
async function signedIn(email: string) {
  const who = caller();
  const result = await runtime.dispatch('auth.signIn', { email, password: DEMO.password }, who);
  expect(result.ok).toBe(true);
  return who;
}

beforeAll(async () => {
  ({ runtime } = await cafeRuntime());
});

describe('the IPC router with the real services', () => {
  it('refuses an unknown channel by name', async () => {
    for (const name of ['menu.drop', 'constructor', '__proto__', 42, null]) {
      const result = await runtime.dispatch(name, {}, caller());
      expect(result).toEqual({
        ok: false,
        error: { code: 'UNKNOWN_CHANNEL', message: 'This till asked for something the app doesn’t offer. Update the app and try again.' },
      });
    }
  });

  it('names what is wrong with a malformed input, field by field', async () => {
    const empty = await runtime.dispatch('auth.signIn', { email: '', password: '' }, caller());
    expect(empty).toEqual({
      ok: false,
      error: {
        code: 'VALIDATION',
        message: 'Enter your email address. Enter your password.',
        details: {
          fields: [
            { path: 'email', message: 'Enter your email address.' },
            { path: 'password', message: 'Enter your password.' },
          ],
        },
      },
    });
    const malformed = await runtime.dispatch('auth.signIn', { email: 'barista@', password: 'x' }, caller());
    expect(malformed.ok || malformed.error.details?.fields).toEqual([
      { path: 'email', message: 'That email address doesn’t look right. Check it for typos.' },
    ]);
  });

  it('refuses the wrong shape: a missing field, a wrong type, an extra field, not an object', async () => {
    const cases: unknown[] = [{ email: DEMO.barista }, { email: 42, password: 'x' }, { email: DEMO.barista, password: 'x', role: 'Admin' }, 'signIn', [1]];
    for (const input of cases) {
      const result = await runtime.dispatch('auth.signIn', input, caller());
      expect(result.ok || result.error.code, JSON.stringify(input)).toBe('VALIDATION');
    }
  });

  it('asks for sign-in before any staff channel', async () => {
    for (const channel of ['menu.list', 'settings.get', 'orders.board'] as const) {
      expect(await runtime.dispatch(channel, {}, caller())).toEqual({
        ok: false,
        error: { code: 'UNAUTHENTICATED', message: 'Please sign in first.' },
      });
    }
  });

  it('checks the role in main: a shipper cannot open the register even by calling it directly', async () => {
    const shipper = await signedIn(DEMO.shipper);
    expect(await runtime.dispatch('menu.list', {}, shipper)).toEqual({
      ok: false,
      error: { code: 'FORBIDDEN', message: 'A Shipper account can’t open the register. Ask a manager.' },
    });
    // The board shows lines and prices: a shipper has their deliveries instead.
    expect(await runtime.dispatch('orders.board', {}, shipper)).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect((await runtime.dispatch('delivery.list', {}, shipper)).ok).toBe(true);
    expect((await runtime.dispatch('settings.get', {}, shipper)).ok).toBe(true);
  });

  it('gives baristas and managers the menu and settings of the demo café', async () => {
    for (const email of [DEMO.barista, DEMO.manager]) {
      const who = await signedIn(email);
      const menu = await runtime.dispatch('menu.list', {}, who);
      expect(menu.ok && menu.data.products.length).toBeGreaterThanOrEqual(20);
      const settings = await runtime.dispatch('settings.get', {}, who);
      expect(settings).toMatchObject({ ok: true, data: { taxRateBps: 800, taxInclusive: false } });
    }
  });

  it('never sends a token to the renderer, whatever it calls', async () => {
    const who = caller();
    const responses: unknown[] = [await runtime.dispatch('auth.signIn', { email: DEMO.manager, password: DEMO.password }, who)];
    for (const channel of CHANNELS) responses.push(await runtime.dispatch(channel, {}, who));
    const wire = JSON.stringify(responses);
    expect(wire).not.toMatch(/eyJ[A-Za-z0-9_-]{10,}/); // a JWT's header
    expect(wire).not.toMatch(/refresh|accessToken|idToken/i);
  });
});
