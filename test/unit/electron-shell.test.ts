import { EventEmitter } from 'node:events';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { CHANNELS } from '../../src/shared/contract';
import { CONTENT_SECURITY_POLICY } from '../../src/shared/csp';

// Electron's binary can't run here: the shell is tested against this stand-in (a factory, so the
// real package never tries to download it).
const electron = vi.hoisted(() => {
  const state = {
    lock: true,
    handlers: new Map<string, (...args: unknown[]) => unknown>(),
    appEvents: new Map<string, (...args: unknown[]) => unknown>(),
    windows: [] as { options: Record<string, unknown>; loaded?: string }[],
    quit: 0,
    schemes: [] as unknown[],
    protocolHandlers: new Map<string, (request: { url: string }) => Promise<Response>>(),
    menus: [] as unknown[],
  };
  class BrowserWindow {
    options: Record<string, unknown>;
    loaded?: string;
    webContents: { id: number };
    constructor(options: Record<string, unknown>) {
      this.options = options;
      this.webContents = { id: 100 + state.windows.length };
      state.windows.push(this);
    }
    events = new Map<string, () => void>();
    once() {}
    on(event: string, fn: () => void) {
      this.events.set(event, fn);
    }
    isDestroyed() {
      return false;
    }
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
  const session = {
    defaultSession: {
      setPermissionRequestHandler: vi.fn(),
      setPermissionCheckHandler: vi.fn(),
      protocol: { handle: (scheme: string, fn: (request: { url: string }) => Promise<Response>) => void state.protocolHandlers.set(scheme, fn) },
    },
  };
  const protocol = { registerSchemesAsPrivileged: (schemes: unknown[]) => void state.schemes.push(...schemes) };
  const Menu = { setApplicationMenu: (menu: unknown) => void state.menus.push(menu), buildFromTemplate: (template: unknown) => ({ template }) };
  const utilityProcess = { fork: vi.fn() };
  const app = {
    isPackaged: false,
    getAppPath: () => '/app',
    requestSingleInstanceLock: () => state.lock,
    quit: () => void state.quit++,
    on: (event: string, fn: (...args: unknown[]) => unknown) => void state.appEvents.set(event, fn),
    whenReady: () => Promise.resolve(),
  };
  const ipcMain = { handle: (channel: string, fn: (...args: unknown[]) => unknown) => void state.handlers.set(channel, fn) };
  // The till's screen and, to its right, the one facing the customer.
  const screen = {
    getPrimaryDisplay: () => ({ id: 1, bounds: { x: 0, y: 0, width: 1920, height: 1080 } }),
    getAllDisplays: () => [
      { id: 1, bounds: { x: 0, y: 0, width: 1920, height: 1080 } },
      { id: 2, bounds: { x: 1920, y: 0, width: 1280, height: 800 } },
    ],
  };
  return { state, module: { app, BrowserWindow, ipcMain, session, protocol, Menu, utilityProcess, screen } };
});
vi.mock('electron', () => electron.module);

const backend = vi.hoisted(() => ({
  stop: vi.fn(async () => {}),
  started: 0,
  calls: [] as { channel: string; caller: { display?: true } }[],
  openDisplay: null as null | (() => Promise<{ url: string | null }>),
}));
vi.mock('../../src/main/bootstrap', () => ({
  startBackend: async () => {
    backend.started++;
    return {
      status: { mode: 'local', configPath: '/tmp/aws-config.json', fresh: false },
      dispatch: async (channel: string, _input: unknown, caller: { display?: true }) => {
        backend.calls.push({ channel, caller });
        return { ok: true, data: channel };
      },
      setDisplayOpener: (open: () => Promise<{ url: string | null }>) => void (backend.openDisplay = open),
      stop: backend.stop,
    };
  },
}));

const { hardenApp, hardenSession, isTrustedSender, productionMenu } = await import('../../src/main/app/security');
const { APP_URL, rendererResponse } = await import('../../src/main/app/protocol');
const { utilityNodeRunner } = await import('../../src/main/app/node-runner');
const { registerIpc } = await import('../../src/main/app/ipc');

describe('window security', () => {
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
    expect(isTrustedSender({ url: 'app://pos/index.html' }, APP_URL)).toBe(true);
    // URL.origin is "null" for every unknown scheme: another scheme or host must not pass as ours.
    expect(isTrustedSender({ url: 'evil://pos/index.html' }, APP_URL)).toBe(false);
    expect(isTrustedSender({ url: 'app://evil/index.html' }, APP_URL)).toBe(false);
    expect(isTrustedSender({ url: 'file:///opt/pos/out/renderer/index.html' }, APP_URL)).toBe(false);
    expect(isTrustedSender({ url: 'http://localhost:5173/x' }, 'http://localhost:5173/')).toBe(true);
    expect(isTrustedSender({ url: 'http://localhost:5174/' }, 'http://localhost:5173/')).toBe(false);
  });
});

describe('the packaged window', () => {
  it('serves only the built renderer over app://pos, with the CSP', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'coffee-renderer-'));
    mkdirSync(path.join(dir, 'assets'));
    writeFileSync(path.join(dir, 'index.html'), '<!doctype html>');
    writeFileSync(path.join(dir, 'assets', 'index.js'), 'export {}');
    writeFileSync(`${dir}-secret.txt`, 'secret');
    const page = await rendererResponse(dir, APP_URL);
    expect([page.status, page.headers.get('content-type'), page.headers.get('content-security-policy')]).toEqual([200, 'text/html; charset=utf-8', CONTENT_SECURITY_POLICY]);
    expect((await rendererResponse(dir, 'app://pos/assets/index.js')).headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    for (const url of ['app://pos/..%2f..%2f..%2fetc%2fpasswd', `app://pos/..%2f${path.basename(dir)}-secret.txt`, 'app://pos/missing.js', 'app://other/index.html', 'app://pos/%E0%A4%A']) {
      expect((await rendererResponse(dir, url)).status, url).toBe(404);
    }
  });

  it('has no View menu (reload, DevTools) in production: none on Windows and Linux, app and Edit only on macOS', () => {
    expect(productionMenu('win32')).toBeNull();
    expect(productionMenu('linux')).toBeNull();
    const roles = JSON.stringify(productionMenu('darwin'));
    expect(roles).toContain('"paste"');
    for (const role of ['toggleDevTools', 'reload', 'forceReload', 'viewMenu', 'windowMenu']) expect(roles).not.toContain(`"${role}"`);
  });

  it('runs cognito-local in a utility process and reports its exit as a child process would', () => {
    const child = Object.assign(new EventEmitter(), { pid: 42, stdout: null, stderr: null, kill: vi.fn(() => true) });
    const fork = vi.fn(() => child);
    const running = utilityNodeRunner(fork as never)('/app/cognito.js', { cwd: '/data', env: { A: '1' } });
    expect(fork).toHaveBeenCalledWith('/app/cognito.js', [], { cwd: '/data', env: { A: '1' }, stdio: 'pipe', serviceName: 'cognito-local' });
    const exits: (number | null)[] = [];
    running.once('exit', (code) => exits.push(code));
    expect([running.pid, running.exitCode]).toEqual([42, null]);
    running.kill('SIGTERM');
    expect(child.kill).toHaveBeenCalled();
    child.emit('exit', 0);
    expect([running.exitCode, exits]).toEqual([0, [0]]);
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
    electron.state.schemes.length = 0;
    electron.state.protocolHandlers.clear();
    electron.state.menus.length = 0;
    electron.module.app.isPackaged = false;
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
    expect(prefs).toMatchObject({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      disableBlinkFeatures: 'Auxclick',
    });
    expect(String(prefs.preload)).toMatch(/preload[/\\]index\.cjs$/);
    expect(electron.state.windows[0]!.loaded).toBe('app://pos/index.html');
    expect(prefs.devTools).toBe(true); // not packaged: a developer's build
    expect(electron.state.menus).toEqual([]); // Electron's default menu, for development
    expect(electron.state.schemes).toMatchObject([{ scheme: 'app', privileges: { standard: true, secure: true } }]);
    expect(electron.state.protocolHandlers.has('app')).toBe(true);
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

  it('opens the customer display on the second screen, as locked down as the till; only its calls count as the display', async () => {
    electron.state.lock = true;
    await import('../../src/main/app/index');
    await new Promise((r) => setTimeout(r, 10));
    expect(await backend.openDisplay!()).toEqual({ url: null });
    await backend.openDisplay!(); // a second press shows the same window
    expect(electron.state.windows).toHaveLength(2);
    const [till, display] = electron.state.windows as unknown as { options: Record<string, unknown>; loaded: string; webContents: { id: number } }[];
    expect(display!.loaded).toBe('app://pos/index.html#display');
    expect(display!.options).toMatchObject({ x: 1920, y: 0, fullscreen: true });
    expect(display!.options.webPreferences).toEqual(till!.options.webPreferences);

    const frame = { url: 'app://pos/index.html' };
    backend.calls.length = 0;
    await electron.state.handlers.get('pos:display.watch')!({ sender: display!.webContents, senderFrame: frame }, { after: 0 });
    // The till's page asking for #display gets no display rights: main goes by the window, not the page.
    await electron.state.handlers.get('pos:display.watch')!({ sender: till!.webContents, senderFrame: { url: 'app://pos/index.html#display' } }, { after: 0 });
    expect(backend.calls.map((c) => Boolean(c.caller.display))).toEqual([true, false]);
  });

  it('closing the till’s window quits, though the customer display is still open', async () => {
    electron.state.lock = true;
    await import('../../src/main/app/index');
    await new Promise((r) => setTimeout(r, 10));
    await backend.openDisplay!();
    const [till] = electron.state.windows as unknown as { events: Map<string, () => void> }[];
    expect(electron.state.quit).toBe(0);
    till!.events.get('closed')!();
    expect(electron.state.quit).toBe(1);
  });

  it('a packaged build opens the window without DevTools or the default menu', async () => {
    electron.state.lock = true;
    electron.module.app.isPackaged = true;
    Object.assign(process, { resourcesPath: '/opt/pos/resources' });
    await import('../../src/main/app/index');
    await new Promise((r) => setTimeout(r, 10));
    expect((electron.state.windows[0]!.options.webPreferences as Record<string, unknown>).devTools).toBe(false);
    expect(electron.state.menus).toHaveLength(1);
    expect(electron.state.menus[0]).toEqual(process.platform === 'darwin' ? { template: productionMenu('darwin') } : null);
    expect(electron.state.windows[0]!.loaded).toBe('app://pos/index.html');
  });
});
