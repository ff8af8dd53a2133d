// What every benchmark here shares: summary statistics, timing, a client for the web bridge.
import { randomBytes } from 'node:crypto';
import { realpathSync } from 'node:fs';
import { Agent, request } from 'node:http';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import type { WebBridge } from '../src/main/web/bridge';
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
export function bridgeCaller(bridge: WebBridge, secret: string) {
  const agent = new Agent({ keepAlive: true, maxSockets: 1 });
  const headers = {
    'Content-Type': 'application/json',
    Origin: bridge.origin,
    'X-Pos-Secret': secret,
    'X-Pos-Client': `bench-${randomBytes(8).toString('hex')}`,
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
  return Object.assign(call, { close: () => agent.destroy() });
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
