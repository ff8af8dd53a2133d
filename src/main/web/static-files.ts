import { statSync } from 'node:fs';
import path from 'node:path';

/**
 * The built renderer's files, for the two ways they are served: the web bridge (http) and the
 * Electron window's app:// protocol. Only files that are there: no fallback page, so a path outside
 * the folder, a malformed one or a typo finds nothing.
 */
const MIME: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.json': 'application/json',
};

export function mimeType(file: string): string {
  return MIME[path.extname(file)] ?? 'application/octet-stream';
}

/** A percent-decoded path part; a malformed one decodes to null. */
export function decoded(part: string): string | null {
  try {
    return decodeURIComponent(part);
  } catch {
    return null;
  }
}

/** The file a request path names inside the static folder, or null (outside it, malformed, missing, a folder). */
export function staticFile(root: string, pathname: string): string | null {
  const name = decoded(pathname === '/' ? '/index.html' : pathname);
  // A backslash is a separator on Windows, and a NUL cuts the path short in some file APIs.
  if (name === null || name.includes('\0') || name.includes('\\')) return null;
  const file = path.resolve(root, `.${name}`);
  if (!file.startsWith(root + path.sep)) return null;
  try {
    return statSync(file).isFile() ? file : null;
  } catch {
    return null;
  }
}
