import { GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { startBackend } from '../../src/main/bootstrap';
import type { BackendConfig } from '../../src/main/config';
import { FolderInUseError } from '../../src/main/sync/lock';
import type { Runtime } from '../../src/main/runtime';
import type { CheckoutInput } from '../../src/shared/contract';
import { businessDateOf, type Order } from '../../src/shared/orders';
import { aroundSend, clients, demoCart, freshCafe, till, signInCounterStaff } from './helpers';

const barista = { sessionKey: 'terminal-barista' };
const manager = { sessionKey: 'terminal-manager' };

const signIn = (runtime: Runtime) => signInCounterStaff(runtime, barista, manager);

async function ring(runtime: Runtime, input: CheckoutInput = demoCart()): Promise<Order> {
  const result = await runtime.dispatch('orders.checkout', input, barista);
  if (!result.ok) throw new Error(`${result.error.code}: ${result.error.message}`);
  return result.data;
}

const registry = async (config: BackendConfig, id: string) =>
  (await clients().doc.send(new GetCommand({ TableName: config.tables.Orders, Key: { orderId: `#TERMINAL#${id}` }, ConsistentRead: true }))).Item;
const cloudCounter = async (config: BackendConfig, id: string) =>
  (await clients().doc.send(new GetCommand({ TableName: config.tables.Orders, Key: { orderId: `#COUNTER#${id}#${businessDateOf(new Date())}` }, ConsistentRead: true }))).Item?.seq;

describe('each till’s id', () => {
  it('is made up on its first start, kept in its data folder, registered in the cloud, and different on every till', async () => {
    const config = await freshCafe();
    const dataDir = mkdtempSync(path.join(tmpdir(), 'coffee-terminal-'));
    const first = till(config, { dataDir, terminalId: undefined });
    const other = till(config, { terminalId: undefined });
    await signIn(first);
    await signIn(other);
    const id = first.sync.terminalId();
    expect(id).toMatch(/^T[A-Z0-9]{3}$/);
    expect(other.sync.terminalId()).not.toBe(id);
    expect((await ring(first)).ticket).toBe(`${id}-001`);
    expect(await first.dispatch('sync.status', {}, barista)).toMatchObject({ ok: true, data: { terminal: { id, state: 'synced' } } });
    expect(await registry(config, id)).toMatchObject({ installId: expect.any(String) });

    await first.stop();
    const again = till(config, { dataDir, terminalId: undefined });
    await signIn(again);
    expect(again.sync.terminalId()).toBe(id);
    expect((await ring(again)).ticket).toBe(`${id}-002`);
  });

  it('is changed by a manager only, to an id no other till holds; numbering goes on above that id’s cloud counter', async () => {
    const config = await freshCafe();
    const holder = till(config, { terminalId: 'T2' });
    const runtime = till(config, { terminalId: 'T5' });
    await signIn(holder);
    await signIn(runtime);
    await ring(holder);
    await ring(holder);

    expect(await runtime.dispatch('sync.setTerminalId', { terminalId: 'T3' }, barista)).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(await runtime.dispatch('sync.setTerminalId', { terminalId: 't-1' }, manager)).toMatchObject({
      ok: false,
      error: { code: 'VALIDATION', message: 'A till id is a capital letter then up to 3 capitals or digits, like T1.' },
    });
    expect(await runtime.dispatch('sync.setTerminalId', { terminalId: 'T2' }, manager)).toMatchObject({
      ok: false,
      error: { code: 'CONFLICT', message: expect.stringMatching(/^Another till already uses the id T2 \(since \d{4}-\d\d-\d\d\)\. Give this till another id\./) },
    });
    expect(runtime.sync.terminalId()).toBe('T5');

    expect(await runtime.dispatch('sync.setTerminalId', { terminalId: 't3' }, manager)).toMatchObject({ ok: true, data: { terminal: { id: 'T3', state: 'synced' } } });
    expect(await registry(config, 'T3')).toMatchObject({ installId: expect.any(String) });
    expect((await ring(runtime)).ticket).toBe('T3-001');

    // The till that held T2 was reinstalled elsewhere and is gone: a manager takes its id over,
    // and this till numbers on above the tickets T2 already rang today.
    expect(await runtime.dispatch('sync.setTerminalId', { terminalId: 'T2', takeOver: true }, manager)).toMatchObject({ ok: true, data: { terminal: { id: 'T2' } } });
    expect((await ring(runtime)).ticket).toBe('T2-003');
    expect(await cloudCounter(config, 'T2')).toBe(3);
  });

  it('a till given an id that rang tickets today numbers above them after a restart too', async () => {
    const config = await freshCafe();
    // T7 rang 80 tickets today on a till that is gone.
    await clients().doc.send(new PutCommand({ TableName: config.tables.Orders, Item: { orderId: `#COUNTER#T7#${businessDateOf(new Date())}`, seq: 80 } }));
    const dataDir = mkdtempSync(path.join(tmpdir(), 'coffee-terminal-'));
    const first = till(config, { dataDir });
    await signIn(first);
    expect((await ring(first)).ticket).toBe('T1-001');
    expect(await first.dispatch('sync.setTerminalId', { terminalId: 'T7' }, manager)).toMatchObject({ ok: true, data: { terminal: { id: 'T7' } } });
    // Restarted before its next sale: the raised counter was in memory only, and it rang T7-002 again.
    await first.stop();
    const again = till(config, { dataDir });
    await signIn(again);
    expect((await ring(again)).ticket).toBe('T7-081');
  });

  it('a till whose first sale of the day missed the cloud’s counter never sets it back, and numbers on above it', async () => {
    const config = await freshCafe();
    // This id rang 50 tickets today before the till was reinstalled.
    await clients().doc.send(new PutCommand({ TableName: config.tables.Orders, Item: { orderId: `#COUNTER#T1#${businessDateOf(new Date())}`, seq: 50 } }));
    // The first sale's read of the counter gets no answer (the network blinked): it numbers from 1.
    let blink = true;
    const runtime = till(config, {
      landed: false,
      wrapDb: (doc) =>
        aroundSend(doc, async (command, real) => {
          const key = command instanceof GetCommand ? String(command.input.Key?.orderId) : '';
          if (blink && key.startsWith('#COUNTER#')) {
            blink = false;
            throw Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' });
          }
          return real(command);
        }),
    });
    await signIn(runtime);
    const first = await ring(runtime);
    expect(first.ticket).toBe('T1-001');
    await runtime.sync.idle();
    expect(await cloudCounter(config, 'T1')).toBe(50);
    expect((await clients().doc.send(new GetCommand({ TableName: config.tables.Orders, Key: { orderId: first.orderId }, ConsistentRead: true }))).Item).toMatchObject({ ticket: 'T1-001' });
    const next = await ring(runtime);
    await runtime.sync.idle();
    expect(next.ticket).toBe('T1-051');
    expect(await cloudCounter(config, 'T1')).toBe(51);
  });
});

describe('one till folder, one process', () => {
  it('a second runtime on the folder is refused with a clear message; once the first stops, it starts', async () => {
    const config = await freshCafe();
    const dataDir = mkdtempSync(path.join(tmpdir(), 'coffee-lock-'));
    const first = till(config, { dataDir });
    expect(() => till(config, { dataDir })).toThrow(FolderInUseError);
    expect(() => till(config, { dataDir })).toThrow(/^Another Coffee Cloud POS \(process \d+, started .+\) is already using .+\. Close it first/);
    await first.stop();
    expect(till(config, { dataDir }).sync.terminalId()).toBe('T1');
  });

  it('another process holding the folder refuses this one; once it is killed (kill -9), the lock it left is taken over', async () => {
    const config = await freshCafe();
    const dataDir = mkdtempSync(path.join(tmpdir(), 'coffee-lock-proc-'));
    const child = spawn(process.execPath, ['--import', 'tsx', path.join(import.meta.dirname, 'fixtures', 'burst-till.ts'), JSON.stringify(config), dataDir, '1000000', '0'], {
      stdio: ['ignore', 'pipe', 'inherit'],
      env: { ...process.env, AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true' },
    });
    const exited = new Promise((resolve) => child.on('exit', resolve));
    try {
      await new Promise<void>((resolve, reject) => {
        child.stdout.on('data', (chunk: Buffer) => chunk.toString().includes('READY') && resolve());
        child.on('exit', () => reject(new Error('The other till exited early.')));
      });
      expect(() => till(config, { dataDir })).toThrow(new RegExp(`^Another Coffee Cloud POS \\(process ${child.pid}, `));
    } finally {
      child.kill('SIGKILL');
      await exited;
    }
    const after = till(config, { dataDir });
    expect(after.sync.status()).toMatchObject({ pending: expect.any(Number) });
  });

  it('the app and `npm run web` on one data folder: the second is stopped at startup, naming the first', async () => {
    const dataDir = mkdtempSync(path.join(tmpdir(), 'coffee-lock-app-'));
    // A broken AWS file keeps both on the setup screen, so no emulators start: the lock is what is tested.
    writeFileSync(path.join(dataDir, 'aws-config.json'), '{}');
    const first = await startBackend({ dataDir });
    try {
      await expect(startBackend({ dataDir })).rejects.toThrow(new RegExp(`^Another Coffee Cloud POS \\(process ${process.pid}, .*\\) is already using ${dataDir.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\.`));
    } finally {
      await first.stop();
    }
    const again = await startBackend({ dataDir });
    await again.stop();
  });
});
