import { EventEmitter } from 'node:events';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { CHANNELS } from '../../src/shared/contract';

// Electron's binary can't run here: the shell is tested against this stand-in (a factory, so the
// real package never tries to download it).
const electron = vi.hoisted(() => {
  const state = {
    lock: true,
    handlers: new Map<string, (...args: unknown[]) => unknown>(),
    appEvents: new Map<string, (...args: unknown[]) => unknown>(),
    windows: [] as { options: Record<string, unknown>; loaded?: string }[],
    quit: 0,
  };
  class BrowserWindow {
    options: Record<string, unknown>;
    loaded?: string;
    constructor(options: Record<string, unknown>) {
      this.options = options;
      state.windows.push(this);
    }
    once() {}
    show() {}
    isMinimized() {
      return false;
    }
    focus() {}
    loadFile(file: string) {
      this.loaded = file;
      return Promise.resolve();
    }
    loadURL(url: string) {
      this.loaded = url;
      return Promise.resolve();
    }
  }
  const session = { defaultSession: { setPermissionRequestHandler: vi.fn(), setPermissionCheckHandler: vi.fn() } };
  const app = {
    isPackaged: false,
    getAppPath: () => '/app',
    requestSingleInstanceLock: () => state.lock,
    quit: () => void state.quit++,
    on: (event: string, fn: (...args: unknown[]) => unknown) => void state.appEvents.set(event, fn),
    whenReady: () => Promise.resolve(),
  };
  const ipcMain = { handle: (channel: string, fn: (...args: unknown[]) => unknown) => void state.handlers.set(channel, fn) };
  return { state, module: { app, BrowserWindow, ipcMain, session } };
});
vi.mock('electron', () => electron.module);

const backend = vi.hoisted(() => ({ stop: vi.fn(async () => {}), started: 0 }));
vi.mock('../../src/main/bootstrap', () => ({
  startBackend: async () => {
    backend.started++;
    return {
      status: { mode: 'local', configPath: '/tmp/aws-config.json' },
      dispatch: async (channel: string) => ({ ok: true, data: channel }),
      stop: backend.stop,
    };
  },
}));

const { hardenApp, hardenSession, isTrustedSender, secureWebPreferences } = await import('../../src/main/app/security');
const { registerIpc } = await import('../../src/main/app/ipc');

describe('window security', () => {
  it('isolates and sandboxes the renderer, with no Node and no webviews', () => {
    expect(secureWebPreferences('/p.cjs')).toMatchObject({
      preload: '/p.cjs',
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
    });
  });

  it('blocks navigation, redirects, webviews and new windows in every web contents', () => {
    const appEvents = new EventEmitter();
    hardenApp({ on: appEvents.on.bind(appEvents) } as never);
    const contents = Object.assign(new EventEmitter(), { setWindowOpenHandler: vi.fn() });
    appEvents.emit('web-contents-created', {}, contents);
    for (const event of ['will-navigate', 'will-redirect', 'will-attach-webview']) {
      const e = { preventDefault: vi.fn() };
      contents.emit(event, e);
      expect(e.preventDefault, event).toHaveBeenCalled();
    }
    const openHandler = contents.setWindowOpenHandler.mock.calls[0]![0] as () => unknown;
    expect(openHandler()).toEqual({ action: 'deny' });
  });

  it('denies every permission request and check', () => {
    const session = { setPermissionRequestHandler: vi.fn(), setPermissionCheckHandler: vi.fn() };
    hardenSession(session as never);
    const callback = vi.fn();
    session.setPermissionRequestHandler.mock.calls[0]![0]({}, 'media', callback);
    expect(callback).toHaveBeenCalledWith(false);
    expect(session.setPermissionCheckHandler.mock.calls[0]![0]()).toBe(false);
  });

  it('trusts IPC only from our own page', () => {
    const app = 'file:///opt/pos/out/renderer/index.html';
    expect(isTrustedSender({ url: 'file:///opt/pos/out/renderer/index.html' }, app)).toBe(true);
    expect(isTrustedSender({ url: 'file:///opt/pos/out/renderer/index.html#/board' }, app)).toBe(true);
    expect(isTrustedSender({ url: 'file:///tmp/evil.html' }, app)).toBe(false);
    expect(isTrustedSender({ url: 'https://evil.example/' }, app)).toBe(false);
    expect(isTrustedSender({ url: '' }, app)).toBe(false);
    expect(isTrustedSender(null, app)).toBe(false);
    expect(isTrustedSender({ url: 'http://localhost:5173/x' }, 'http://localhost:5173/')).toBe(true);
    expect(isTrustedSender({ url: 'http://localhost:5174/' }, 'http://localhost:5173/')).toBe(false);
  });
});

describe('IPC registration', () => {
  it('registers exactly the contract’s channels and drops untrusted senders', async () => {
    const handlers = new Map<string, (event: unknown, input: unknown) => Promise<unknown>>();
    const dispatch = vi.fn(async () => ({ ok: true as const, data: 'done' }));
    let trusted = false;
    registerIpc({ handle: (c: string, fn: never) => void handlers.set(c, fn) } as never, dispatch, () => trusted);
    expect([...handlers.keys()].toSorted()).toEqual(CHANNELS.map((c) => `pos:${c}`).toSorted());

    const event = { sender: { id: 7 }, senderFrame: { url: 'file:///x' } };
    expect(await handlers.get('pos:menu.list')!(event, {})).toEqual({
      ok: false,
      error: { code: 'FORBIDDEN', message: 'This request didn’t come from the POS window.' },
    });
    expect(dispatch).not.toHaveBeenCalled();

    trusted = true;
    expect(await handlers.get('pos:menu.list')!(event, { a: 1 })).toEqual({ ok: true, data: 'done' });
    expect(dispatch).toHaveBeenCalledWith('menu.list', { a: 1 }, { sessionKey: 'electron:7', print: expect.any(Function) });
  });

  it('prints receipts through the sender’s webContents.print', async () => {
    const handlers = new Map<string, (event: unknown, input: unknown) => Promise<unknown>>();
    let caller: { print?: () => Promise<void> } = {};
    registerIpc(
      { handle: (c: string, fn: never) => void handlers.set(c, fn) } as never,
      (async (_c: unknown, _i: unknown, ctx: typeof caller) => {
        caller = ctx;
        return { ok: true, data: null };
      }) as never,
      () => true,
    );
    const print = vi.fn((_options: unknown, done: (success: boolean, reason: string) => void) => done(true, ''));
    await handlers.get('pos:receipts.print')!({ sender: { id: 3, print }, senderFrame: { url: 'file:///x' } }, {});
    await caller.print!();
    expect(print).toHaveBeenCalledWith({ silent: false, printBackground: false }, expect.any(Function));
    print.mockImplementationOnce((_o, done) => done(false, 'no printer'));
    await expect(caller.print!()).rejects.toThrow('Printing failed: no printer.');
  });
});

describe('the main entry point', () => {
  beforeEach(() => {
    vi.resetModules();
    electron.state.handlers.clear();
    electron.state.appEvents.clear();
    electron.state.windows.length = 0;
    electron.state.quit = 0;
    backend.started = 0;
  });

  it('quits when another instance already runs, without opening a window', async () => {
    electron.state.lock = false;
    await import('../../src/main/app/index');
    expect(electron.state.quit).toBe(1);
    expect(electron.state.windows).toHaveLength(0);
    expect(backend.started).toBe(0);
  });

  it('opens one hardened window, registers every channel, and stops the emulators on quit', async () => {
    electron.state.lock = true;
    await import('../../src/main/app/index');
    await new Promise((r) => setTimeout(r, 10));
    expect(electron.state.windows).toHaveLength(1);
    const prefs = electron.state.windows[0]!.options.webPreferences as Record<string, unknown>;
    expect(prefs).toMatchObject({ contextIsolation: true, sandbox: true, nodeIntegration: false });
    expect(String(prefs.preload)).toMatch(/preload[/\\]index\.cjs$/);
    expect(electron.state.windows[0]!.loaded).toMatch(/renderer[/\\]index\.html$/);
    expect(electron.state.handlers.size).toBe(CHANNELS.length);
    expect(backend.started).toBe(1);
    expect(electron.module.session.defaultSession.setPermissionRequestHandler).toHaveBeenCalled();

    // An IPC call from a foreign frame never reaches the router.
    const result = await electron.state.handlers.get('pos:auth.session')!({ sender: { id: 1 }, senderFrame: { url: 'https://evil.example/' } }, {});
    expect(result).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });

    const quitEvent = { preventDefault: vi.fn() };
    electron.state.appEvents.get('will-quit')!(quitEvent);
    expect(quitEvent.preventDefault).toHaveBeenCalled();
    await new Promise((r) => setTimeout(r, 10));
    expect(backend.stop).toHaveBeenCalled();
    expect(electron.state.quit).toBe(1);
  });
});
