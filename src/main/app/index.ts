import '../quiet-sdk';
import { app, BrowserWindow, dialog, ipcMain, session } from 'electron';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { defaultDataDir } from '../config';
import { startBackend, type Backend } from '../bootstrap';
import type { CallerContext } from '../ipc/router';
import { FolderInUseError } from '../sync/lock';
import { registerIpc } from './ipc';
import { hardenApp, hardenSession, isTrustedSender, secureWebPreferences } from './security';

// The Electron shell: window, security, IPC registration, lifecycle. Everything else lives in
// modules that the web bridge and the tests use too.

const devServerUrl = process.env.ELECTRON_RENDERER_URL;
const rendererIndex = path.join(__dirname, '../renderer/index.html');
const appUrl = devServerUrl ?? pathToFileURL(rendererIndex).href;
const appRoot = app.isPackaged ? process.resourcesPath : app.getAppPath();

let backend: Backend | null = null;
let window: BrowserWindow | null = null;

async function start(): Promise<Backend> {
  backend = await startBackend({ dataDir: defaultDataDir(), appRoot });
  return backend;
}

function createWindow(): BrowserWindow {
  const win = new BrowserWindow({
    width: 1366,
    height: 860,
    minWidth: 1024,
    minHeight: 700,
    title: 'Coffee Cloud POS',
    backgroundColor: '#f6f1eb',
    show: false,
    webPreferences: secureWebPreferences(path.join(__dirname, '../preload/index.cjs')),
  });
  win.once('ready-to-show', () => win.show());
  void (devServerUrl ? win.loadURL(devServerUrl) : win.loadFile(rendererIndex));
  return win;
}

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  hardenApp(app);
  app.on('second-instance', () => {
    if (window?.isMinimized()) window.restore();
    window?.focus();
  });

  void app.whenReady().then(() => {
    hardenSession(session.defaultSession);
    const starting = start();
    starting.catch((error: unknown) => {
      console.error('Coffee Cloud POS: the backend failed to start', error);
      // `npm run web` on the same data folder: say so and quit rather than show a dead window.
      if (error instanceof FolderInUseError) {
        dialog.showErrorBox('Coffee Cloud POS is already running', error.message);
        app.quit();
      }
    });
    registerIpc(
      ipcMain,
      async (channel: unknown, input: unknown, caller: CallerContext) => (await starting).dispatch(channel, input, caller),
      (event) => isTrustedSender(event.senderFrame, appUrl),
    );
    window = createWindow();
  });

  app.on('window-all-closed', () => app.quit());
  app.on('will-quit', (event) => {
    if (!backend) return;
    event.preventDefault();
    const stopping = backend;
    backend = null;
    void stopping.stop().finally(() => app.quit());
  });
}
