import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { ScanCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { afterAll, expect, inject } from 'vitest';
import type { TableNames } from '../../src/main/data/schema';
import type { BackendConfig } from '../../src/main/config';
import type { CallerContext } from '../../src/main/ipc/router';
import { callLogFile } from '../../src/main/aws/call-log';
import { localClients, provisionDemoCafe } from '../../src/main/local/embedded';
import { createRuntime, type Runtime, type RuntimeOptions } from '../../src/main/runtime';
import type { Result } from '../../src/shared/result';

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';
// Tills this file starts record their AWS calls; so do child processes (bootstrap reads it too).
process.env.COFFEE_CLOUD_RECORD_AWS = inject('callLog');
export const recordCalls = callLogFile(inject('callLog'));

export { demoCart } from './fixtures/demo-cart';

export const stack = () => inject('stack');

/** Fresh tables and a fresh user pool with the demo café, under a name no other file uses. */
export async function freshCafe(): Promise<BackendConfig> {
  return provisionDemoCafe(stack(), `it-${randomBytes(4).toString('hex')}`);
}

export function clients() {
  return localClients(stack());
}

/**
 * A till on `config` with a data directory of its own (journal, menu copy), quiet, fast retries.
 * By default a checkout's answer is returned once its order has also reached DynamoDB, so tests of
 * what lands in the tables read it after it landed; `landed: false` gives the till as it is.
 */
export function till(config: BackendConfig, options: Partial<RuntimeOptions> & { landed?: boolean } = {}): Runtime {
  const { landed = true, ...rest } = options;
  const runtime = createRuntime(config, {
    log: () => {},
    terminalId: 'T1',
    backoff: { baseMs: 20, capMs: 200 },
    dataDir: rest.dataDir ?? mkdtempSync(path.join(tmpdir(), 'coffee-till-')),
    recordCalls,
    ...rest,
  });
  tills.push(runtime);
  if (!landed) return runtime;
  const dispatch = async (channel: unknown, input: unknown, caller: CallerContext) => {
    const result = await runtime.dispatch(channel, input, caller);
    if (channel === 'orders.checkout') await runtime.sync.idle();
    return result;
  };
  return { ...runtime, dispatch: dispatch as Runtime['dispatch'] };
}

const tills: Runtime[] = [];
afterAll(async () => {
  await Promise.all(tills.splice(0).map((t) => t.stop()));
});

export async function cafeRuntime(options?: Partial<RuntimeOptions>) {
  const config = await freshCafe();
  return { config, runtime: till(config, options) };
}

/** The code cognito-local "emailed": it keeps the last one in its database file. */
export function lastConfirmationCode(userPoolId: string, email: string): string {
  const db = JSON.parse(readFileSync(path.join(stack().dataDir, 'cognito', '.cognito', 'db', `${userPoolId}.json`), 'utf8')) as {
    Users: Record<string, { Attributes: { Name: string; Value: string }[]; ConfirmationCode?: string }>;
  };
  const user = Object.values(db.Users).find((u) => u.Attributes.some((a) => a.Name === 'email' && a.Value === email));
  if (!user?.ConfirmationCode) throw new Error(`No confirmation code stored for ${email}`);
  return user.ConfirmationCode;
}

export const DEMO = {
  password: 'CoffeeCloud#2026',
  manager: 'manager@coffeecloud.dev',
  barista: 'barista@coffeecloud.dev',
  riley: 'riley@coffeecloud.dev',
  shipper: 'shipper@coffeecloud.dev',
  sam: 'sam@coffeecloud.dev',
  customer: 'customer@coffeecloud.dev',
} as const;

/** Every item of a table, consistently read, every page. */
export async function scanAll(doc: DynamoDBDocumentClient, TableName: string): Promise<Record<string, unknown>[]> {
  const items: Record<string, unknown>[] = [];
  let ExclusiveStartKey: Record<string, unknown> | undefined;
  do {
    const page = await doc.send(new ScanCommand({ TableName, ConsistentRead: true, ExclusiveStartKey }));
    items.push(...(page.Items ?? []));
    ExclusiveStartKey = page.LastEvaluatedKey;
  } while (ExclusiveStartKey);
  return items;
}

/** balance = Σ ledger = the Users mirror, for every customer; returns each customer's balance. */
export async function expectLedgerBalanced(doc: DynamoDBDocumentClient, tables: TableNames): Promise<Map<string, number>> {
  const [points, users] = await Promise.all([scanAll(doc, tables.Points), scanAll(doc, tables.Users)]);
  const byCustomer = new Map<string, { balance?: number; sum: number }>();
  for (const p of points) {
    const entry = byCustomer.get(p.customerId as string) ?? { sum: 0 };
    if (p.entryId === 'BALANCE') entry.balance = p.balance as number;
    else entry.sum += p.delta as number;
    byCustomer.set(p.customerId as string, entry);
  }
  const balances = new Map<string, number>();
  for (const [customerId, { balance, sum }] of byCustomer) {
    expect(balance, customerId).toBe(sum);
    expect(users.find((u) => u.userId === customerId)?.points ?? 0, `${customerId} mirror`).toBe(balance);
    balances.set(customerId, balance ?? 0);
  }
  return balances;
}

/** Any command the document client sends; the wrapper only needs to recognise some of them. */
export type Command = object;

/** The real client with `send` wrapped: what a test observes or forces sits between the till and DynamoDB. */
export function aroundSend(doc: DynamoDBDocumentClient, send: (command: Command, real: (command: Command) => Promise<unknown>) => Promise<unknown>): DynamoDBDocumentClient {
  const real = (command: Command) => doc.send(command as never) as Promise<unknown>;
  return new Proxy(doc, {
    get: (target, key, receiver) => (key === 'send' ? (command: Command) => send(command, real) : Reflect.get(target, key, receiver)),
  });
}

/** A network cut, forced: while `cable.cut`, this till's requests fail as an unplugged cable would make them. */
export function unplugged(doc: DynamoDBDocumentClient, cable: { cut: boolean }): DynamoDBDocumentClient {
  return aroundSend(doc, async (command, real) => {
    if (cable.cut) throw Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' });
    return real(command);
  });
}


/**
 * Runs a till fixture (test/integration/fixtures/<name>.ts) in a process of its own and, when
 * `killAfterMs` is given, SIGKILLs it that long after it prints READY: a power cut mid-work.
 * Resolves with every whole line it printed; a crash of its own (not our kill) rejects.
 */
export function runKillableTill(fixture: string, args: string[], killAfterMs: number | null): Promise<{ lines: string[]; killed: boolean }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', path.join(import.meta.dirname, 'fixtures', fixture), ...args], {
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true' },
    });
    const lines: string[] = [];
    let buffered = '';
    let errors = '';
    child.stdout.on('data', (chunk: Buffer) => {
      buffered += chunk.toString();
      const whole = buffered.split('\n');
      buffered = whole.pop() ?? '';
      for (const line of whole) {
        if (line === 'READY' && killAfterMs !== null) setTimeout(() => child.kill('SIGKILL'), killAfterMs);
        lines.push(line);
      }
    });
    child.stderr.on('data', (chunk: Buffer) => (errors += chunk.toString()));
    child.on('exit', (code, signal) => {
      if (signal === 'SIGKILL' || code === 0) resolve({ lines, killed: signal === 'SIGKILL' });
      else reject(new Error(`The till exited with ${code}: ${errors}`));
    });
  });
}

/** Signs each demo account in on `runtime` as its caller; any refusal throws, naming it. */
export async function signInDemo(runtime: Runtime, people: readonly (readonly [CallerContext, string])[]): Promise<void> {
  for (const [who, email] of people) {
    const result = await runtime.dispatch('auth.signIn', { email, password: DEMO.password }, who);
    if (!result.ok) throw new Error(`${email}: ${result.error.message}`);
  }
}

/** Signs the demo barista and manager in on `runtime` as these callers; any refusal throws. */
export function signInCounterStaff(runtime: Runtime, barista: CallerContext, manager: CallerContext): Promise<void> {
  return signInDemo(runtime, [
    [barista, DEMO.barista],
    [manager, DEMO.manager],
  ]);
}

/** What a call answered, or the test fails naming the code and message it got instead. */
export async function ok<T>(result: Promise<Result<T>>): Promise<T> {
  const r = await result;
  if (!r.ok) throw new Error(`${r.error.code}: ${r.error.message}`);
  return r.data;
}
