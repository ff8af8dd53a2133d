import { DescribeUserPoolCommand, ListGroupsCommand, ListUsersInGroupCommand } from '@aws-sdk/client-cognito-identity-provider';
import { DescribeTableCommand } from '@aws-sdk/client-dynamodb';
import { GetCommand, PutCommand, QueryCommand, ScanCommand } from '@aws-sdk/lib-dynamodb';
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { BackendConfig } from '../../src/main/config';
import { INDEX, TABLE_KEYS, TABLES } from '../../src/main/data/schema';
import { localClients, startEmbeddedBackend } from '../../src/main/local/embedded';
import { clients, freshCafe, stack } from './helpers';

/** The local addresses listening on a TCP port, from the kernel's own tables. */
function listeningAddresses(port: number): string[] {
  const hexPort = port.toString(16).toUpperCase().padStart(4, '0');
  const found: string[] = [];
  for (const file of ['/proc/net/tcp', '/proc/net/tcp6']) {
    for (const line of readFileSync(file, 'utf8').trim().split('\n').slice(1)) {
      const [, local, , state] = line.trim().split(/\s+/);
      const [address, p] = local!.split(':');
      if (p === hexPort && state === '0A') found.push(address!);
    }
  }
  return found;
}
const LOOPBACK = new Set(['0100007F', '00000000000000000000000001000000', '0000000000000000FFFF00000100007F']);

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

describe('the emulators', () => {
  it('listen on loopback only', () => {
    for (const endpoint of [stack().dynamoEndpoint, stack().cognitoEndpoint]) {
      const addresses = listeningAddresses(Number(new URL(endpoint).port));
      expect(addresses.length, endpoint).toBeGreaterThan(0);
      for (const address of addresses) expect(LOOPBACK.has(address), `${endpoint} listens on ${address}`).toBe(true);
    }
  });

  it('stop with the POS even when it is killed with SIGKILL', async () => {
    const dataDir = mkdtempSync(path.join(os.tmpdir(), 'coffee-cloud-orphan-'));
    const holder = spawn(process.execPath, ['--import', 'tsx', path.join(import.meta.dirname, 'fixtures', 'hold-stack.ts'), dataDir], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    const { pids } = await new Promise<{ pids: number[] }>((resolve, reject) => {
      let out = '';
      holder.stdout.on('data', (chunk: Buffer) => {
        out += chunk.toString();
        const line = out.split('\n').find((l) => l.startsWith('{'));
        if (line) resolve(JSON.parse(line));
      });
      holder.once('exit', (code) => reject(new Error(`holder exited early (${code})`)));
    });
    expect(pids.every(alive)).toBe(true);
    holder.kill('SIGKILL');
    const deadline = Date.now() + 15_000;
    while (pids.some(alive) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
    expect(pids.filter(alive)).toEqual([]);
    rmSync(dataDir, { recursive: true, force: true });
  });
});

describe('provisioning from the schema module', () => {
  let config: BackendConfig;
  beforeAll(async () => {
    config = await freshCafe();
  });

  it('creates the four tables with the schema’s keys and indexes', async () => {
    for (const key of TABLE_KEYS) {
      const { Table } = await clients().dynamo.send(new DescribeTableCommand({ TableName: config.tables[key] }));
      const def = TABLES[key];
      expect(Table?.KeySchema).toEqual([
        { AttributeName: def.hash, KeyType: 'HASH' },
        ...(def.range ? [{ AttributeName: def.range, KeyType: 'RANGE' }] : []),
      ]);
      const indexes = (Table?.GlobalSecondaryIndexes ?? []).map((i) => ({ name: i.IndexName, keys: i.KeySchema?.map((k) => k.AttributeName) }));
      expect(indexes.toSorted((a, b) => a.name!.localeCompare(b.name!))).toEqual(
        def.indexes.map((i) => ({ name: i.name, keys: [i.hash, ...(i.range ? [i.range] : [])] })).toSorted((a, b) => a.name.localeCompare(b.name)),
      );
      expect(Table?.BillingModeSummary?.BillingMode ?? 'PAY_PER_REQUEST').toBe('PAY_PER_REQUEST');
    }
  });

  it('creates the user pool with email sign-in, the password policy and the four groups', async () => {
    const { cognito } = clients();
    const { UserPool } = await cognito.send(new DescribeUserPoolCommand({ UserPoolId: config.userPoolId }));
    expect(UserPool?.UsernameAttributes).toEqual(['email']);
    expect(UserPool?.AutoVerifiedAttributes).toEqual(['email']);
    expect(UserPool?.Policies?.PasswordPolicy).toMatchObject({
      MinimumLength: 8,
      RequireUppercase: true,
      RequireLowercase: true,
      RequireNumbers: true,
      RequireSymbols: true,
    });
    const { Groups } = await cognito.send(new ListGroupsCommand({ UserPoolId: config.userPoolId }));
    expect(Groups?.map((g) => g.GroupName).toSorted()).toEqual(['Admin', 'Barista', 'Customer', 'Shipper']);
    for (const [group, emails] of [
      ['Admin', ['manager@coffeecloud.dev']],
      ['Barista', ['barista@coffeecloud.dev', 'riley@coffeecloud.dev']],
      ['Shipper', ['sam@coffeecloud.dev', 'shipper@coffeecloud.dev']],
      ['Customer', ['customer@coffeecloud.dev']],
    ] as const) {
      const { Users } = await cognito.send(new ListUsersInGroupCommand({ UserPoolId: config.userPoolId, GroupName: group }));
      expect(Users?.map((u) => u.Attributes?.find((a) => a.Name === 'email')?.Value).toSorted()).toEqual(emails);
    }
  });

  it('seeds the demo café: the listed items, 20+ products in 4+ categories, settings', async () => {
    const { doc } = clients();
    const { Items = [] } = await doc.send(
      new QueryCommand({
        TableName: config.tables.Products,
        IndexName: INDEX.activeMenu,
        KeyConditionExpression: 'menuStatus = :a',
        ExpressionAttributeValues: { ':a': 'ACTIVE' },
      }),
    );
    expect(Items.length).toBeGreaterThanOrEqual(20);
    expect(new Set(Items.map((p) => p.category)).size).toBeGreaterThanOrEqual(4);
    const byName = new Map(Items.map((p) => [p.name, p]));
    expect(byName.get('Espresso')).toMatchObject({ priceCents: 300, category: 'Coffee', available: true });
    expect(byName.get('Blueberry Muffin')).toMatchObject({ priceCents: 325, category: 'Bakery' });
    expect(byName.get('Latte')).toMatchObject({
      priceCents: 450,
      category: 'Coffee',
      modifierGroups: [
        {
          name: 'Size',
          minChoices: 1,
          maxChoices: 1,
          defaultOptionIds: ['small'],
          options: [
            { name: 'Small', priceDeltaCents: 0 },
            { name: 'Medium', priceDeltaCents: 50 },
            { name: 'Large', priceDeltaCents: 100 },
          ],
        },
        {
          name: 'Milk',
          minChoices: 1,
          maxChoices: 1,
          defaultOptionIds: ['whole'],
          options: [
            { name: 'Whole', priceDeltaCents: 0 },
            { name: 'Oat', priceDeltaCents: 60 },
          ],
        },
      ],
    });
    const { Item: settings } = await doc.send(new GetCommand({ TableName: config.tables.Products, Key: { productId: '#SETTINGS' } }));
    expect(settings).toMatchObject({ taxRateBps: 800, taxInclusive: false });
  });

  it('seeds 10+ customers with phone, email and points, Ada with 120, every balance the sum of its ledger', async () => {
    const { doc } = clients();
    const { Items: users = [] } = await doc.send(new ScanCommand({ TableName: config.tables.Users }));
    const customers = users.filter((u) => u.role === 'Customer' && u.phone);
    expect(customers.length).toBeGreaterThanOrEqual(10);
    for (const c of customers) expect(c.email).toMatch(/@/);
    const { Items: [ada] = [] } = await doc.send(
      new QueryCommand({
        TableName: config.tables.Users,
        IndexName: INDEX.usersByPhone,
        KeyConditionExpression: 'phone = :p',
        ExpressionAttributeValues: { ':p': '+15550100100' },
      }),
    );
    expect(ada).toMatchObject({ name: 'Ada Lovelace', email: 'ada@example.com' });
    for (const c of customers) {
      const { Items: entries = [] } = await doc.send(
        new QueryCommand({ TableName: config.tables.Points, KeyConditionExpression: 'customerId = :c', ExpressionAttributeValues: { ':c': c.userId } }),
      );
      const balance = entries.find((e) => e.entryId === 'BALANCE')?.balance;
      const ledger = entries.filter((e) => String(e.entryId).startsWith('TXN#')).reduce((sum, e) => sum + e.delta, 0);
      expect(balance, c.name).toBe(ledger);
      if (c.name === 'Ada Lovelace') expect(balance).toBe(120);
    }
  });
});

describe('the embedded default', () => {
  it('seeds once into its data directory and keeps the data between runs', async () => {
    const dataDir = mkdtempSync(path.join(os.tmpdir(), 'coffee-cloud-persist-'));
    const first = await startEmbeddedBackend({ dataDir });
    expect(first.seeded).toBe(true);
    const running = JSON.parse(readFileSync(path.join(dataDir, 'running.json'), 'utf8'));
    expect(running).toMatchObject({ dynamoEndpoint: first.stack.dynamoEndpoint, userPoolId: first.config.userPoolId });
    await localClients(first.stack).doc.send(
      new PutCommand({ TableName: first.config.tables.Users, Item: { userId: 'cust-new', name: 'Written in run 1', role: 'Customer' } }),
    );
    await first.stack.stop();
    expect(existsSync(path.join(dataDir, 'running.json'))).toBe(false);

    const second = await startEmbeddedBackend({ dataDir });
    try {
      expect(second.seeded).toBe(false);
      expect(second.config.userPoolId).toBe(first.config.userPoolId);
      const { Item } = await localClients(second.stack).doc.send(
        new GetCommand({ TableName: second.config.tables.Points, Key: { customerId: 'cust-ada', entryId: 'BALANCE' } }),
      );
      expect(Item?.balance).toBe(120);
      const { Item: written } = await localClients(second.stack).doc.send(
        new GetCommand({ TableName: second.config.tables.Users, Key: { userId: 'cust-new' } }),
      );
      expect(written?.name).toBe('Written in run 1');
    } finally {
      await second.stack.stop();
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
