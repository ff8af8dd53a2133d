import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Protocol } from 'electron';
import { mimeType, staticFile } from '../web/static-files';
import { CONTENT_SECURITY_POLICY } from '../../shared/csp';

/**
 * The window loads the renderer from app://pos/, not file://: a file:// page may read any file on
 * the till, and with the GrantFileProtocolExtraPrivileges fuse off (electron-builder.yml) Chromium
 * would refuse its module scripts anyway. app:// serves exactly the built renderer folder.
 */
export const APP_SCHEME = 'app';
export const APP_URL = `${APP_SCHEME}://pos/index.html`;

/** Before `ready`: app:// behaves as a standard, secure origin ('self' in the CSP, fetch, storage). */
export function registerAppScheme(protocol: Pick<Protocol, 'registerSchemesAsPrivileged'>): void {
  protocol.registerSchemesAsPrivileged([{ scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } }]);
}

/** Answers app://pos/<path> with the file under `rendererDir`, and anything else with 404. */
export async function rendererResponse(rendererDir: string, url: string): Promise<Response> {
  const { host, pathname } = new URL(url);
  const file = host === 'pos' ? staticFile(path.resolve(rendererDir), pathname) : null;
  if (!file) return new Response('Not found', { status: 404, headers: { 'Content-Type': 'text/plain; charset=utf-8' } });
  return new Response(await readFile(file), {
    headers: { 'Content-Type': mimeType(file), 'Content-Security-Policy': CONTENT_SECURITY_POLICY, 'X-Content-Type-Options': 'nosniff' },
  });
}

export function serveRenderer(protocol: Pick<Protocol, 'handle'>, rendererDir: string): void {
  protocol.handle(APP_SCHEME, (request) => rendererResponse(rendererDir, request.url));
}
