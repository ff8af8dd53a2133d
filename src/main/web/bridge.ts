import { timingSafeEqual } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import path from 'node:path';
import { CONTENT_SECURITY_POLICY } from '../../shared/csp';
import { fail, type Result } from '../../shared/result';
import type { Dispatch } from '../ipc/router';
import { decoded, mimeType, staticFile } from './static-files';

/**
 * `npm run web`: the renderer in a browser, calling the same router Electron's ipcMain calls.
 * It listens on loopback only, answers only pages it served itself (Host and Origin must be this
 * server, which stops DNS rebinding and cross-site requests) and only callers that hold the
 * per-launch secret, which travels in the URL fragment printed at start and never in a request line.
 */
export interface WebBridgeOptions {
  dispatch: Dispatch;
  /** The built renderer (index.html and assets). */
  staticDir: string;
  secret: string;
  /**
   * The customer display's own secret: a page holding it (a second screen, a tablet) can read the
   * display's feed and nothing else, so the link on the counter never opens the till.
   */
  displaySecret?: string;
  /** Tried in order: the first free one is used. */
  ports: number[];
  /**
   * A tab that has made no call for this long is signed out: a closed tab leaves no signed-in
   * session behind for the next person at the keyboard (an open tab polls every few seconds).
   */
  idleTimeoutMs?: number;
  now?: () => number;
}

export interface WebBridge {
  port: number;
  origin: string;
  /** The URL to open, secret included. */
  url: string;
  /** The customer display's URL, its own secret included; null without one. */
  displayUrl: string | null;
  server: Server;
  /** Signs out the tabs idle for longer than the timeout; runs by itself every minute. */
  expireIdle(): Promise<void>;
  close(): Promise<void>;
}

export const SECRET_HEADER = 'x-pos-secret';
export const CLIENT_HEADER = 'x-pos-client';
const MAX_BODY_BYTES = 256 * 1024;
const CLIENT_ID = /^[A-Za-z0-9-]{16,64}$/;
export const IDLE_TIMEOUT_MS = 30 * 60 * 1000;
const SWEEP_EVERY_MS = 60 * 1000;


const SECURITY_HEADERS = {
  'Content-Security-Policy': `${CONTENT_SECURITY_POLICY}; frame-ancestors 'none'`,
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Resource-Policy': 'same-origin',
  'X-Frame-Options': 'DENY',
};

function isLoopback(address: string | undefined): boolean {
  return !!address && (address === '::1' || address.startsWith('127.') || address.startsWith('::ffff:127.'));
}

function sameSecret(given: string | undefined, expected: Buffer): boolean {
  if (!given) return false;
  const buffer = Buffer.from(given);
  return buffer.length === expected.length && timingSafeEqual(buffer, expected);
}

/**
 * An answer to a call is data, never a page: the document-only headers (CSP, framing, opener,
 * referrer) mean nothing on it, and each costs every call its bytes. Built once, as a flat array,
 * which Node writes without copying it into an object first.
 */
const JSON_HEADERS = [
  'Content-Type', 'application/json; charset=utf-8',
  'Cache-Control', 'no-store',
  'X-Content-Type-Options', 'nosniff',
  'Cross-Origin-Resource-Policy', 'same-origin',
];

function sendJson(res: ServerResponse, status: number, body: Result<unknown>): void {
  const bytes = Buffer.from(JSON.stringify(body));
  // A length up front: without it writeHead commits to chunked encoding, framing every answer.
  res.writeHead(status, [...JSON_HEADERS, 'Content-Length', String(bytes.length)]);
  res.end(bytes);
}

function readBody(req: IncomingMessage): Promise<string | null> {
  return new Promise((resolve, reject) => {
    let size = 0;
    const chunks: Buffer[] = [];
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size <= MAX_BODY_BYTES) return void chunks.push(chunk);
      // Too big: answer now and let the rest of the body drain unread.
      req.off('data', onData);
      req.resume();
      resolve(null);
    };
    req.on('data', onData);
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

function listen(server: Server, port: number): Promise<boolean> {
  return new Promise((resolve, reject) => {
    const onError = (error: NodeJS.ErrnoException) => {
      server.off('listening', onListening);
      if (error.code === 'EADDRINUSE' || error.code === 'EACCES') resolve(false);
      else reject(error);
    };
    const onListening = () => {
      server.off('error', onError);
      resolve(true);
    };
    server.once('error', onError);
    server.once('listening', onListening);
    server.listen(port, '127.0.0.1');
  });
}

export async function startWebBridge(options: WebBridgeOptions): Promise<WebBridge> {
  const secret = Buffer.from(options.secret);
  const displaySecret = options.displaySecret ? Buffer.from(options.displaySecret) : null;
  const staticRoot = path.resolve(options.staticDir);
  const idleTimeoutMs = options.idleTimeoutMs ?? IDLE_TIMEOUT_MS;
  const now = options.now ?? Date.now;
  /** When each tab last called; the only per-tab state the bridge keeps. */
  const lastSeen = new Map<string, number>();
  let port = 0;

  async function expireIdle(): Promise<void> {
    const cutoff = now() - idleTimeoutMs;
    const idle = [...lastSeen].filter(([, at]) => at <= cutoff).map(([clientId]) => clientId);
    for (const clientId of idle) lastSeen.delete(clientId);
    await Promise.all(idle.map((clientId) => options.dispatch('auth.signOut', { everyone: true }, { sessionKey: `web:${clientId}` })));
  }
  /** This server's own host names, once its port is known. */
  let allowedHosts = new Set<string>();

  async function handleApi(req: IncomingMessage, res: ServerResponse, channel: string) {
    const origin = req.headers.origin;
    if (!origin || !allowedHosts.has(origin.replace(/^http:\/\//, '')) || !origin.startsWith('http://')) {
      return sendJson(res, 403, fail('FORBIDDEN', 'Requests must come from the POS page itself.'));
    }
    if (req.method !== 'POST') return sendJson(res, 405, fail('VALIDATION', 'Use POST.'));
    const given = req.headers[SECRET_HEADER] as string | undefined;
    const display = displaySecret !== null && sameSecret(given, displaySecret);
    if (!display && !sameSecret(given, secret)) {
      return sendJson(res, 401, fail('UNAUTHENTICATED', 'This page’s link has expired. Open the link printed by `npm run web` again.'));
    }
    const clientId = req.headers[CLIENT_HEADER];
    if (typeof clientId !== 'string' || !CLIENT_ID.test(clientId)) {
      return sendJson(res, 400, fail('VALIDATION', 'Missing or malformed client id.'));
    }
    if (!(req.headers['content-type'] ?? '').startsWith('application/json')) {
      return sendJson(res, 415, fail('VALIDATION', 'Send JSON.'));
    }
    if (!display) lastSeen.set(clientId, now());
    const body = await readBody(req);
    if (body === null) return sendJson(res, 413, fail('VALIDATION', 'That request is too large.'));
    let input: unknown;
    try {
      input = body.length === 0 ? {} : JSON.parse(body);
    } catch {
      return sendJson(res, 400, fail('VALIDATION', 'That request wasn’t valid JSON.'));
    }
    const caller = display ? { sessionKey: `display:${clientId}`, display: true as const } : { sessionKey: `web:${clientId}` };
    sendJson(res, 200, await options.dispatch(decoded(channel), input, caller));
  }

  /** Only files that are there: no fallback page, so a path outside the folder or a typo is a plain 404. */
  function handleStatic(req: IncomingMessage, res: ServerResponse, pathname: string) {
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405, SECURITY_HEADERS).end();
      return;
    }
    const file = staticFile(staticRoot, pathname);
    if (!file) {
      res.writeHead(404, { ...SECURITY_HEADERS, 'Content-Type': 'text/plain; charset=utf-8' }).end('Not found');
      return;
    }
    res.writeHead(200, {
      ...SECURITY_HEADERS,
      'Content-Type': mimeType(file),
      'Cache-Control': file.endsWith('index.html') ? 'no-store' : 'public, max-age=31536000, immutable',
    });
    if (req.method === 'HEAD') res.end();
    else createReadStream(file).pipe(res);
  }

  const server = createServer((req, res) => {
    // Loopback only, and only as this server's own host name: a page on another origin that
    // resolves its name to 127.0.0.1 (DNS rebinding) is refused here.
    if (!isLoopback(req.socket.remoteAddress) || !allowedHosts.has(req.headers.host ?? '')) {
      sendJson(res, 403, fail('FORBIDDEN', 'This address is not served.'));
      return;
    }
    const { pathname } = new URL(req.url ?? '/', 'http://127.0.0.1');
    const api = /^\/api\/([^/]+)$/.exec(pathname);
    // Started inside a promise so that a synchronous throw is answered too, never an uncaught exception.
    Promise.resolve()
      .then(() => (api ? handleApi(req, res, api[1]!) : handleStatic(req, res, pathname)))
      .catch((error: unknown) => {
      console.error('[web] request failed', error);
      if (!res.headersSent) sendJson(res, 500, fail('INTERNAL', 'Something went wrong on this till. Try again.'));
      else res.destroy();
    });
  });
  server.requestTimeout = 30_000;
  const sweeper = setInterval(() => void expireIdle(), Math.min(SWEEP_EVERY_MS, idleTimeoutMs));
  sweeper.unref();

  for (const candidate of options.ports) {
    if (await listen(server, candidate)) {
      const address = server.address();
      port = typeof address === 'object' && address ? address.port : candidate;
      allowedHosts = new Set([`127.0.0.1:${port}`, `localhost:${port}`]);
      const origin = `http://127.0.0.1:${port}`;
      return {
        port,
        origin,
        url: `${origin}/#k=${encodeURIComponent(options.secret)}`,
        displayUrl: options.displaySecret ? `${origin}/#d=${encodeURIComponent(options.displaySecret)}` : null,
        server,
        expireIdle,
        close: () =>
          new Promise<void>((resolve) => {
            clearInterval(sweeper);
            server.closeAllConnections();
            server.close(() => resolve());
          }),
      };
    }
  }
  clearInterval(sweeper);
  throw new Error(`No free port among ${options.ports[0]}–${options.ports.at(-1)}`);
}
