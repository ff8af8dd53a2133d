import type { App, MenuItemConstructorOptions, Session, WebFrameMain } from 'electron';

/**
 * Whether an IPC message comes from our own page: app://pos (protocol.ts) or, in development, the
 * dev server's origin. Anything else (a navigated or injected frame) is refused.
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
  // Not URL.origin: it is "null" for a scheme Node doesn't know (app://), which every such URL shares.
  return sender.protocol === app.protocol && sender.host === app.host;
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

/**
 * The packaged app's menu: none on Windows and Linux; on macOS only the app and Edit menus, since
 * without an Edit menu Cmd+C/V don't work in text fields. Never View (reload, DevTools).
 */
export function productionMenu(platform: NodeJS.Platform): MenuItemConstructorOptions[] | null {
  if (platform !== 'darwin') return null;
  return [
    { role: 'appMenu', submenu: [{ role: 'about' }, { type: 'separator' }, { role: 'hide' }, { role: 'hideOthers' }, { role: 'unhide' }, { type: 'separator' }, { role: 'quit' }] },
    { role: 'editMenu', submenu: [{ role: 'undo' }, { role: 'redo' }, { type: 'separator' }, { role: 'cut' }, { role: 'copy' }, { role: 'paste' }, { role: 'selectAll' }] },
  ];
}
