import '../quiet-sdk';
import { app, BrowserWindow, dialog, ipcMain, Menu, protocol, screen, session, utilityProcess } from 'electron';
import path from 'node:path';
import { defaultDataDir } from '../config';
import { startBackend, type Backend } from '../bootstrap';
import type { CallerContext } from '../ipc/router';
import { FolderInUseError } from '../sync/lock';
import { registerIpc } from './ipc';
import { utilityNodeRunner } from './node-runner';
import { APP_URL, registerAppScheme, serveRenderer } from './protocol';
import { hardenApp, hardenSession, isTrustedSender, productionMenu } from './security';

// The Electron shell: window, security, IPC registration, lifecycle. Everything else lives in
// modules that the web bridge and the tests use too.

// A packaged app is a production build: no dev server, no DevTools, no default menu.
const production = app.isPackaged;
const devServerUrl = production ? undefined : process.env.ELECTRON_RENDERER_URL;
const rendererDir = path.join(__dirname, '../renderer');
const appUrl = devServerUrl ?? APP_URL;
const appRoot = production ? process.resourcesPath : app.getAppPath();

let backend: Backend | null = null;
let window: BrowserWindow | null = null;
/** The customer-facing display, on the second screen when there is one. */
let displayWindow: BrowserWindow | null = null;

async function start(): Promise<Backend> {
  backend = await startBackend({ dataDir: defaultDataDir(), appRoot, runNode: utilityNodeRunner(utilityProcess.fork) });
  return backend;
}

/** The till's window, or (`display`) the customer display's: the same page, the same locked-down preferences. */
function createWindow(display = false): BrowserWindow {
  const secondScreen = display ? screen.getAllDisplays().find((d) => d.id !== screen.getPrimaryDisplay().id) : undefined;
  const win = new BrowserWindow({
    width: display ? 1024 : 1366,
    height: display ? 768 : 860,
    minWidth: display ? 480 : 1024,
    minHeight: display ? 360 : 700,
    ...(secondScreen && { x: secondScreen.bounds.x, y: secondScreen.bounds.y, fullscreen: true }),
    title: display ? 'Coffee Cloud POS — customer display' : 'Coffee Cloud POS',
    backgroundColor: '#f6f1eb',
    show: false,
    // Written out here, not built by a helper, so that Electronegativity (npm test) can read it.
    // The renderer runs with no Node, in a sandbox, isolated from the preload.
    webPreferences: {
      preload: path.join(__dirname, '../preload/index.cjs'),
      devTools: !production,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      navigateOnDragDrop: false,
      spellcheck: false,
      // A middle click would otherwise ask for a new window (denied anyway by hardenApp).
      disableBlinkFeatures: 'Auxclick',
    },
  });
  win.once('ready-to-show', () => win.show());
  void win.loadURL(display ? `${appUrl}#display` : appUrl);
  return win;
}

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  hardenApp(app);
  registerAppScheme(protocol);
  app.on('second-instance', () => {
    if (window?.isMinimized()) window.restore();
    window?.focus();
  });

  void app.whenReady().then(() => {
    hardenSession(session.defaultSession);
    serveRenderer(session.defaultSession.protocol, rendererDir);
    if (production) {
      const menu = productionMenu(process.platform);
      Menu.setApplicationMenu(menu ? Menu.buildFromTemplate(menu) : null);
    }
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
      // Main knows which window faces the customer; the page's own #display only picks what it draws.
      (event) => displayWindow !== null && !displayWindow.isDestroyed() && event.sender.id === displayWindow.webContents.id,
    );
    void starting.then((started) =>
      started.setDisplayOpener(async () => {
        if (!displayWindow || displayWindow.isDestroyed()) {
          displayWindow = createWindow(true);
          displayWindow.on('closed', () => (displayWindow = null));
        } else displayWindow.show();
        return { url: null };
      }),
    );
    window = createWindow();
    // The till's window is the app: closed, it quits (the display with it). A display left open on
    // the counter kept everyone signed in with no till to use, and no way to bring one back.
    window.on('closed', () => {
      window = null;
      app.quit();
    });
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
