import { describe, expect, it, vi } from 'vitest';
import type { StaffSession } from '../../src/main/auth/service';
import { createRouter, type Handlers } from '../../src/main/ipc/router';
import { AppError } from '../../src/shared/result';

const session = (role: StaffSession['role']) => ({ role }) as StaffSession;

function routerWith(overrides: Partial<Handlers>, role: StaffSession['role'] | null = 'Barista') {
  const handlers = new Proxy(overrides as Handlers, {
    get: (target, key: string) => target[key as keyof Handlers] ?? (async () => 'default'),
  });
  const log = vi.fn();
  const dispatch = createRouter(handlers, { current: async () => (role ? session(role) : null) }, { log });
  return { dispatch, log };
}
const caller = { sessionKey: 'k' };

describe('router order: channel, schema, session, role, handler', () => {
  it('validates before it looks at the session, so bad input never reaches a service', async () => {
    const signIn = vi.fn();
    const { dispatch } = routerWith({ 'auth.signIn': signIn }, null);
    const result = await dispatch('auth.signIn', { email: 'not-an-email', password: '' }, caller);
    expect(result.ok || result.error.code).toBe('VALIDATION');
    expect(signIn).not.toHaveBeenCalled();
  });

  it('refuses a role the contract does not list, before the handler runs', async () => {
    const list = vi.fn();
    const { dispatch } = routerWith({ 'menu.list': list }, 'Shipper');
    expect(await dispatch('menu.list', {}, caller)).toEqual({
      ok: false,
      error: { code: 'FORBIDDEN', message: 'A Shipper account can’t open the register. Ask a manager.' },
    });
    expect(list).not.toHaveBeenCalled();
  });

  it('passes the session to the handler and wraps its answer', async () => {
    const board = vi.fn(async () => []);
    const { dispatch } = routerWith({ 'orders.board': board }, 'Barista');
    expect(await dispatch('orders.board', { businessDate: '2026-11-25' }, caller)).toEqual({ ok: true, data: [] });
    expect(board).toHaveBeenCalledWith({ businessDate: '2026-11-25' }, { sessionKey: 'k', session: session('Barista') });
  });

  it('rejects a malformed business date with words, not a stack trace', async () => {
    const { dispatch } = routerWith({});
    const result = await dispatch('orders.board', { businessDate: '25/11/2026' }, caller);
    expect(result).toMatchObject({ ok: false, error: { code: 'VALIDATION', message: 'Dates look like 2026-11-25.' } });
  });

  it('turns a service’s AppError into its typed code', async () => {
    const { dispatch } = routerWith({ 'menu.list': async () => Promise.reject(new AppError('CONFLICT', 'Someone changed it.')) });
    expect(await dispatch('menu.list', {}, caller)).toEqual({ ok: false, error: { code: 'CONFLICT', message: 'Someone changed it.' } });
  });

  it('says OFFLINE when the database can’t be reached', async () => {
    const refused = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:8000'), { code: 'ECONNREFUSED' });
    const { dispatch } = routerWith({ 'menu.list': async () => Promise.reject(refused) });
    const result = await dispatch('menu.list', {}, caller);
    expect(result.ok || result.error.code).toBe('OFFLINE');
  });

  it('hides an unexpected failure behind INTERNAL, and logs it', async () => {
    const { dispatch, log } = routerWith({ 'menu.list': async () => Promise.reject(new TypeError('secret internals at line 42')) });
    const result = await dispatch('menu.list', {}, caller);
    expect(result).toEqual({ ok: false, error: { code: 'INTERNAL', message: 'Something went wrong on this till. Nothing was saved. Try again.' } });
    expect(log).toHaveBeenCalled();
  });

  it('treats a missing input as empty and refuses unknown keys', async () => {
    const { dispatch } = routerWith({});
    expect((await dispatch('menu.list', undefined, caller)).ok).toBe(true);
    const extra = await dispatch('menu.list', { all: true }, caller);
    expect(extra).toMatchObject({
      ok: false,
      error: { code: 'VALIDATION', message: 'The request had fields this till doesn’t know. Update the app and try again.' },
    });
  });

  it('does not treat inherited object keys as channels', async () => {
    const { dispatch } = routerWith({});
    for (const name of ['toString', 'constructor', '__proto__', 'hasOwnProperty']) {
      expect((await dispatch(name, {}, caller)).ok || 'refused').toBe('refused');
    }
  });
});
