import { describe, expect, it, vi } from 'vitest';
import { CHANNELS } from '../../src/shared/contract';

const electron = vi.hoisted(() => ({
  contextBridge: { exposeInMainWorld: vi.fn() },
  ipcRenderer: { invoke: vi.fn(async () => ({ ok: true, data: 'from main' })) },
}));
vi.mock('electron', () => electron);

describe('the preload', () => {
  it('exposes window.pos with one function per channel and nothing else', async () => {
    await import('../../src/preload/index');
    expect(electron.contextBridge.exposeInMainWorld).toHaveBeenCalledTimes(1);
    const [name, api] = electron.contextBridge.exposeInMainWorld.mock.calls[0]! as [string, Record<string, Record<string, unknown>>];
    expect(name).toBe('pos');
    const exposed = Object.entries(api).flatMap(([domain, verbs]) => Object.keys(verbs).map((verb) => `${domain}.${verb}`));
    expect(exposed.toSorted()).toEqual([...CHANNELS].toSorted());
    for (const verbs of Object.values(api)) for (const fn of Object.values(verbs)) expect(typeof fn).toBe('function');
    expect(JSON.stringify(Object.keys(api))).not.toMatch(/send|invoke|on"|ipc/i);
  });

  it('forwards a call to its contract channel only', async () => {
    const [, api] = electron.contextBridge.exposeInMainWorld.mock.calls[0]! as [string, { auth: { signIn: (i: unknown) => Promise<unknown> } }];
    await expect(api.auth.signIn({ email: 'a@b.co', password: 'x' })).resolves.toEqual({ ok: true, data: 'from main' });
    expect(electron.ipcRenderer.invoke).toHaveBeenCalledWith('pos:auth.signIn', { email: 'a@b.co', password: 'x' });
  });
});
