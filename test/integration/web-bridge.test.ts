import { randomBytes, randomUUID } from 'node:crypto';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { createServer } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CONTENT_SECURITY_POLICY } from '../../src/shared/csp';
import { startWebBridge, type WebBridge } from '../../src/main/web/bridge';
import { freeLoopbackPort } from '../../src/main/local/stack';
import type { Runtime } from '../../src/main/runtime';
import { cafeRuntime, DEMO } from './helpers';

let runtime: Runtime;
let bridge: WebBridge;
const secret = randomBytes(24).toString('base64url');
const staticDir = mkdtempSync(path.join(os.tmpdir(), 'coffee-cloud-static-'));

beforeAll(async () => {
  ({ runtime } = await cafeRuntime());
  mkdirSync(path.join(staticDir, 'assets'));
  writeFileSync(path.join(staticDir, 'index.html'), '<!doctype html><title>POS</title>');
  writeFileSync(path.join(staticDir, 'assets', 'app.js'), 'console.log(1)');
  bridge = await startWebBridge({ dispatch: runtime.dispatch, staticDir, secret, ports: [await freeLoopbackPort()] });
});
afterAll(() => bridge.close());

function call(channel: string, body: unknown, headers: Record<string, string> = {}, client = 'client-0000000000000001') {
  return fetch(`${bridge.origin}/api/${channel}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Origin: bridge.origin, 'X-Pos-Secret': secret, 'X-Pos-Client': client, ...headers },
    body: JSON.stringify(body),
  });
}

describe('the web bridge', () => {
  it('prints a URL that carries the secret in the fragment only', () => {
    expect(bridge.url).toBe(`${bridge.origin}/#k=${secret}`);
    expect(bridge.origin).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
  });

  it('answers a signed-in page with the same Results as Electron’s IPC', async () => {
    const response = await call('auth.signIn', { email: DEMO.barista, password: DEMO.password });
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ ok: true, data: { status: 'SIGNED_IN', session: { role: 'Barista' } } });
    const menu = (await (await call('menu.list', {})).json()) as { ok: boolean };
    expect(menu.ok).toBe(true);
  });

  it('keeps each browser tab’s session separate', async () => {
    await call('auth.signIn', { email: DEMO.shipper, password: DEMO.password }, {}, 'client-shipper-000001');
    const shipperMenu = (await (await call('menu.list', {}, {}, 'client-shipper-000001')).json()) as { error?: { code: string } };
    expect(shipperMenu.error?.code).toBe('FORBIDDEN');
    const stranger = (await (await call('menu.list', {}, {}, randomUUID())).json()) as { error?: { code: string } };
    expect(stranger.error?.code).toBe('UNAUTHENTICATED');
  });

  it('refuses calls without the per-launch secret or with a wrong one', async () => {
    expect((await call('auth.session', {}, { 'X-Pos-Secret': '' })).status).toBe(401);
    expect((await call('auth.session', {}, { 'X-Pos-Secret': secret.slice(0, -1) + (secret.endsWith('x') ? 'y' : 'x') })).status).toBe(401);
  });

  it('refuses another origin, a missing origin, and a rebound host name', async () => {
    expect((await call('auth.session', {}, { Origin: 'http://evil.example' })).status).toBe(403);
    expect((await call('auth.session', {}, { Origin: `http://127.0.0.1:${bridge.port + 1}` })).status).toBe(403);
    const noOrigin = await fetch(`${bridge.origin}/api/auth.session`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'X-Pos-Secret': secret, 'X-Pos-Client': 'client-0000000000000001' },
      body: '{}',
    });
    expect(noOrigin.status).toBe(403);
    // fetch can't forge Host, so speak HTTP directly, as a DNS-rebinding page's browser would.
    const rebound = await new Promise<number>((resolve, reject) => {
      const req = request(
        { host: '127.0.0.1', port: bridge.port, path: '/api/auth.session', method: 'POST', headers: { Host: `attacker.example:${bridge.port}`, Origin: `http://attacker.example:${bridge.port}`, 'X-Pos-Secret': secret, 'X-Pos-Client': 'client-0000000000000001', 'Content-Type': 'application/json' } },
        (res) => {
          res.resume();
          resolve(res.statusCode ?? 0);
        },
      );
      req.on('error', reject);
      req.end('{}');
    });
    expect(rebound).toBe(403);
  });

  it('refuses bad requests with a clear error', async () => {
    const notJson = await fetch(`${bridge.origin}/api/auth.session`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Origin: bridge.origin, 'X-Pos-Secret': secret, 'X-Pos-Client': 'client-0000000000000001' },
      body: '{nope',
    });
    expect(notJson.status).toBe(400);
    expect(await notJson.json()).toEqual({ ok: false, error: { code: 'VALIDATION', message: 'That request wasn’t valid JSON.' } });
    expect((await call('auth.session', {}, { 'X-Pos-Client': 'x' })).status).toBe(400);
    expect((await call('auth.session', 'x'.repeat(300_000))).status).toBe(413);
    const unknown = (await (await call('orders.delete', {})).json()) as { error: { code: string } };
    expect(unknown.error.code).toBe('UNKNOWN_CHANNEL');
    const malformed = await call('%E0%A4%A', {});
    expect([malformed.status, ((await malformed.json()) as { error: { code: string } }).error.code]).toEqual([200, 'UNKNOWN_CHANNEL']);
  });

  it('serves the renderer with the CSP and nothing outside its folder', async () => {
    const page = await fetch(`${bridge.origin}/`);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-security-policy')).toBe(`${CONTENT_SECURITY_POLICY}; frame-ancestors 'none'`);
    expect(page.headers.get('x-content-type-options')).toBe('nosniff');
    expect((await fetch(`${bridge.origin}/assets/app.js`)).headers.get('content-type')).toMatch(/^text\/javascript/);
  });

  it('answers 404 for anything outside its folder, malformed or missing, never the page instead', async () => {
    // A file next to the folder, whose name starts like it: a prefix check alone would serve it.
    writeFileSync(`${staticDir}-secret.txt`, 'secret');
    const paths = [
      '/..%2f..%2f..%2f..%2f..%2fetc%2fpasswd',
      '/assets/..%2f..%2f..%2f..%2f..%2fetc%2fpasswd',
      `/..%2f${path.basename(staticDir)}-secret.txt`,
      '/..%5c..%5cwindows%5cwin.ini',
      '/index.html%00.js',
      '/%E0%A4%A',
      '/assets',
      '/assets/missing.js',
      '/settings',
    ];
    const answers = await Promise.all(paths.map(async (p) => ({ p, status: (await fetch(`${bridge.origin}${p}`)).status })));
    expect(answers).toEqual(paths.map((p) => ({ p, status: 404 })));
    expect((await fetch(`${bridge.origin}/index.html`)).status).toBe(200);
  });

  it('signs out a tab that has made no call for the idle timeout, and only that tab', async () => {
    let clock = 1_000_000;
    const idle = await startWebBridge({ dispatch: runtime.dispatch, staticDir, secret, ports: [await freeLoopbackPort()], idleTimeoutMs: 60_000, now: () => clock });
    const at = (client: string, channel: string, body: unknown) =>
      fetch(`${idle.origin}/api/${channel}`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', Origin: idle.origin, 'X-Pos-Secret': secret, 'X-Pos-Client': client },
        body: JSON.stringify(body),
      }).then((r) => r.json() as Promise<{ ok: boolean; error?: { code: string } }>);
    const closedTab = 'client-closed-tab-0001';
    const openTab = 'client-open-tab-00001';
    await at(closedTab, 'auth.signIn', { email: DEMO.barista, password: DEMO.password });
    await at(openTab, 'auth.signIn', { email: DEMO.barista, password: DEMO.password });
    clock += 30_000;
    expect((await at(openTab, 'menu.list', {})).ok).toBe(true); // the open tab keeps polling
    clock += 30_000;
    await idle.expireIdle();
    expect((await at(closedTab, 'menu.list', {})).error?.code).toBe('UNAUTHENTICATED');
    expect((await at(openTab, 'menu.list', {})).ok).toBe(true);
    await idle.close();
  });

  it('takes the next port when the preferred one is busy', async () => {
    const busyPort = await freeLoopbackPort();
    const blocker = createServer().listen(busyPort, '127.0.0.1');
    await new Promise((r) => blocker.once('listening', r));
    const second = await startWebBridge({ dispatch: runtime.dispatch, staticDir, secret, ports: [busyPort, busyPort + 1, busyPort + 2] });
    expect(second.port).toBeGreaterThan(busyPort);
    await second.close();
    blocker.close();
  });
});
