// What every benchmark here shares: a café to run against, timing and statistics, a bridge client.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';

import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { Agent, request } from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import type { BackendConfig } from '../src/main/config';
import { localClients, provisionDemoCafe } from '../src/main/local/embedded';
import { freeLoopbackPort, startLocalStack, type LocalStack } from '../src/main/local/stack';
import { createRuntime } from '../src/main/runtime';
import { startWebBridge, type WebBridge } from '../src/main/web/bridge';
import type { Result } from '../src/shared/result';

export interface Stats {
  medianMs: number;
  p95Ms: number;
  meanMs: number;
}

export function stats(samples: readonly number[]): Stats {
  if (samples.length === 0) throw new Error('No samples to summarise.');
  const sorted = samples.toSorted((a, b) => a - b);
  const at = (i: number) => sorted[Math.min(Math.max(i, 0), sorted.length - 1)] ?? Number.NaN;
  const mid = sorted.length / 2;
  return {
    medianMs: sorted.length % 2 === 0 ? (at(mid - 1) + at(mid)) / 2 : at(Math.floor(mid)),
    // Nearest rank: a value that was actually observed, not an interpolation between two.
    p95Ms: at(Math.ceil(0.95 * sorted.length) - 1),
    meanMs: sorted.reduce((sum, x) => sum + x, 0) / sorted.length,
  };
}

export async function timed(call: () => Promise<unknown>): Promise<number> {
  const start = performance.now();
  await call();
  return performance.now() - start;
}

/**
 * Speaks to the bridge as the renderer does: same headers, JSON in and out, over a kept-alive
 * connection like a browser's. (node:http rather than fetch: undici's own overhead, ~0.8 ms a call
 * here, is the benchmark client's cost, not the app's.)
 */
export function bridgeCaller(bridge: Pick<WebBridge, 'port' | 'origin'>, secret: string, clientId = `bench-${randomBytes(8).toString('hex')}`) {
  const agent = new Agent({ keepAlive: true, maxSockets: 1 });
  const headers = {
    'Content-Type': 'application/json',
    Origin: bridge.origin,
    'X-Pos-Secret': secret,
    'X-Pos-Client': clientId,
  };
  const call = <T>(channel: string, input: unknown): Promise<Result<T>> =>
    new Promise((resolve, reject) => {
      const body = JSON.stringify(input);
      const req = request(
        { host: '127.0.0.1', port: bridge.port, path: `/api/${channel}`, method: 'POST', agent, headers: { ...headers, 'Content-Length': Buffer.byteLength(body) } },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () => {
            try {
              resolve(JSON.parse(Buffer.concat(chunks).toString('utf8')) as Result<T>);
            } catch (error) {
              reject(error);
            }
          });
          res.on('error', reject);
        },
      );
      req.on('error', reject);
      req.end(body);
    });
  /** What another process needs to call as this tab (the same signed-in session). */
  const tab = { port: bridge.port, origin: bridge.origin, secret, clientId };
  return Object.assign(call, { tab, close: () => agent.destroy() });
}

/** True when this module is the script node was asked to run (not imported by bench/run.ts). */
export function isEntryPoint(moduleUrl: string): boolean {
  const script = process.argv[1];
  if (!script) return false;
  try {
    return realpathSync(script) === realpathSync(fileURLToPath(moduleUrl));
  } catch {
    return false;
  }
}

/**
 * `tsx bench/<name>.ts` runs one benchmark alone: prints its figures, or says it crashed (a crash
 * is not a miss: no figure was measured) and exits non-zero.
 */
export function runIfScript<R>(moduleUrl: string, name: string, run: () => Promise<R>, format: (result: R) => string): void {
  if (!isEntryPoint(moduleUrl)) return;
  run()
    .then((result) => console.log(format(result)))
    .catch((error: unknown) => {
      console.error(`${name} benchmark failed:`, error);
      process.exitCode = 1;
    });
}

export interface BenchCafe {
  stack: LocalStack;
  config: BackendConfig;
  /** A raw document client on the same emulator: the baseline's side. */
  doc: DynamoDBDocumentClient;
  bridge: WebBridge;
  /** The bridge, signed in as the demo barista. */
  call: ReturnType<typeof bridgeCaller>;
  /** Resolves once the till's sync worker has sent everything waiting. */
  settle: () => Promise<void>;
}

/**
 * Runs `fn` against its own emulators and demo café behind a web bridge, and stops everything it
 * started, whatever happens.
 */
export async function withBenchCafe<T>(
  fn: (cafe: BenchCafe) => Promise<T>,
  options: {
    staticDir?: string;
    appRoot?: string;
    terminalId?: string;
    log?: (line: string) => void;
    /** Around the app's database client: what a benchmark observes (consumed capacity) sits here. */
    wrapDb?: (doc: DynamoDBDocumentClient) => DynamoDBDocumentClient;
    /** Writes what the till finds in its data folder at start (its printer settings). */
    prepare?: (dataDir: string) => void;
  } = {},
): Promise<T> {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'coffee-cloud-bench-'));
  const tempStatic = options.staticDir ? null : mkdtempSync(path.join(os.tmpdir(), 'coffee-cloud-bench-static-'));
  if (tempStatic) writeFileSync(path.join(tempStatic, 'index.html'), '<!doctype html><title>POS</title>');
  let stack: LocalStack | undefined;
  let bridge: WebBridge | undefined;
  let call: ReturnType<typeof bridgeCaller> | undefined;
  try {
    options.log?.('Starting DynamoDB Local and cognito-local…');
    stack = await startLocalStack({ dataDir, appRoot: options.appRoot, persist: false });
    const config = await provisionDemoCafe(stack, `bench-${randomBytes(4).toString('hex')}`);
    const secret = randomBytes(24).toString('base64url');
    options.prepare?.(dataDir);
    const runtime = createRuntime(config, { log: () => {}, terminalId: options.terminalId ?? 'T1', dataDir, ...(options.wrapDb && { wrapDb: options.wrapDb }) });
    bridge = await startWebBridge({ dispatch: runtime.dispatch, staticDir: options.staticDir ?? tempStatic!, secret, displaySecret: randomBytes(24).toString('base64url'), ports: [await freeLoopbackPort()] });
    call = bridgeCaller(bridge, secret);
    const signedIn = await call('auth.signIn', { email: 'barista@coffeecloud.dev', password: 'CoffeeCloud#2026' });
    if (!signedIn.ok) throw new Error(`The demo barista could not sign in: ${signedIn.error.message}`);
    // Cash sales need an open shift on the till, as at the café's opening.
    const opened = await call('shift.open', { float: { totalCents: 10_000 } });
    if (!opened.ok) throw new Error(`The bench till could not open its shift: ${opened.error.message}`);
    return await fn({ stack, config, doc: localClients(stack).doc, bridge, call, settle: () => runtime.sync.idle() });
  } finally {
    call?.close();
    await bridge?.close();
    await stack?.stop();
    if (tempStatic) rmSync(tempStatic, { recursive: true, force: true });
    rmSync(dataDir, { recursive: true, force: true });
  }
}

/**
 * Times calls in alternating blocks, reversing which goes first each block, so machine noise and GC
 * debt land on every side alike. Each side is a factory: whatever it builds before returning the
 * call (an order id, a command) is outside the clock.
 */
export async function interleave<Sides extends (() => () => Promise<unknown>)[]>(
  sides: [...Sides],
  {
    blocks,
    perBlock,
    log,
    between,
  }: {
    blocks: number;
    perBlock: number;
    log?: (line: string) => void;
    /** Untimed, after each side's run: lets work one side left behind finish before the next side starts. */
    between?: () => Promise<void>;
  },
): Promise<{ [K in keyof Sides]: number[] }> {
  const samples = sides.map(() => [] as number[]);
  for (let block = 0; block < blocks; block++) {
    const order = sides.map((_, i) => (block % 2 === 0 ? i : sides.length - 1 - i));
    for (const side of order) {
      for (let i = 0; i < perBlock; i++) samples[side]!.push(await timed(sides[side]!()));
      await between?.();
    }
    log?.(`Block ${block + 1}/${blocks} done.`);
  }
  return samples as { [K in keyof Sides]: number[] };
}
