import type { App, BrowserWindowConstructorOptions, Session, WebFrameMain } from 'electron';

/** The renderer runs with no Node, in a sandbox, isolated from the preload. */
export function secureWebPreferences(preload: string): NonNullable<BrowserWindowConstructorOptions['webPreferences']> {
  return {
    preload,
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
  };
}

/**
 * Whether an IPC message comes from our own page: the packaged index.html (file://) or, in
 * development, the dev server's origin. Anything else (a navigated or injected frame) is refused.
 */
export function isTrustedSender(frame: Pick<WebFrameMain, 'url'> | null | undefined, appUrl: string): boolean {
  if (!frame?.url) return false;
  let sender: URL;
  let app: URL;
  try {
    sender = new URL(frame.url);
    app = new URL(appUrl);
  } catch {
    return false;
  }
  if (app.protocol === 'file:') return sender.protocol === 'file:' && sender.pathname === app.pathname;
  return sender.origin === app.origin;
}

/** No navigation, no new windows, no webviews, no permissions: the POS is one page. */
export function hardenApp(app: Pick<App, 'on'>): void {
  app.on('web-contents-created', (_event, contents) => {
    contents.on('will-navigate', (event) => event.preventDefault());
    contents.on('will-redirect', (event) => event.preventDefault());
    contents.on('will-attach-webview', (event) => event.preventDefault());
    contents.setWindowOpenHandler(() => ({ action: 'deny' }));
  });
}

export function hardenSession(session: Pick<Session, 'setPermissionRequestHandler' | 'setPermissionCheckHandler'>): void {
  session.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  session.setPermissionCheckHandler(() => false);
}
