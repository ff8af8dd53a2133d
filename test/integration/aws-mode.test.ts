import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseAwsConfig } from '../../src/main/aws/config';
import { startBackend } from '../../src/main/bootstrap';
import type { BackendConfig } from '../../src/main/config';
import { freeLoopbackPort } from '../../src/main/local/stack';
import { DEMO, freshCafe, ok, till } from './helpers';

const outputs = {
  Region: 'eu-west-1',
  UserPoolId: 'eu-west-1_AbCdEf123',
  UserPoolClientId: 'abcdefghijklmnopqrstuvwxyz',
  IdentityPoolId: 'eu-west-1:1a2b3c4d-1a2b-1a2b-1a2b-1a2b3c4d5e6f',
  UsersTable: 'coffee-cloud-prod-Users',
  ProductsTable: 'coffee-cloud-prod-Products',
  OrdersTable: 'coffee-cloud-prod-Orders',
  PointsTable: 'coffee-cloud-prod-Points',
  ShiftsTable: 'coffee-cloud-prod-Shifts',
  TimecardsTable: 'coffee-cloud-prod-Timecards',
};

describe('the AWS configuration', () => {
  it('reads the stack outputs, flat, as cdk’s outputs file, or as describe-stacks, and signs in with SRP', () => {
    const expected: BackendConfig = {
      mode: 'aws',
      region: 'eu-west-1',
      userPoolId: outputs.UserPoolId,
      clientId: outputs.UserPoolClientId,
      identityPoolId: outputs.IdentityPoolId,
      authFlow: 'USER_SRP_AUTH',
      tables: { Users: outputs.UsersTable, Products: outputs.ProductsTable, Orders: outputs.OrdersTable, Points: outputs.PointsTable, Shifts: outputs.ShiftsTable, Timecards: outputs.TimecardsTable },
    };
    expect(parseAwsConfig(outputs)).toEqual(expected);
    // Outputs saved before the stack had a Shifts or Timecards table: each sits beside the Orders table.
    const { ShiftsTable: _shifts, TimecardsTable: _timecards, ...before } = outputs;
    expect(parseAwsConfig(before)).toEqual(expected);
    expect(parseAwsConfig({ 'CoffeeCloud-prod': outputs })).toEqual(expected);
    expect(parseAwsConfig({ Stacks: [{ Outputs: Object.entries(outputs).map(([OutputKey, OutputValue]) => ({ OutputKey, OutputValue })) }] })).toEqual(expected);
  });

  it('names the field that is missing or malformed', () => {
    const { UserPoolClientId: _gone, ...missing } = outputs;
    expect(() => parseAwsConfig(missing)).toThrow('The AWS configuration isn’t complete: UserPoolClientId is missing.');
    expect(() => parseAwsConfig({ ...outputs, UserPoolId: 'pool-1' })).toThrow('UserPoolId doesn’t look right (expected something like us-east-1_AbCdEf123).');
    expect(() => parseAwsConfig({ ...outputs, Region: 'us-east-1' })).toThrow('The user pool and identity pool must be in us-east-1, the configured region.');
  });
});

describe('first run and a broken configuration', () => {
  it('a broken config keeps the till on setup, naming the field; valid outputs are saved for the next start', async () => {
    const dataDir = mkdtempSync(path.join(os.tmpdir(), 'coffee-cloud-aws-'));
    const { IdentityPoolId: _gone, ...broken } = outputs;
    writeFileSync(path.join(dataDir, 'aws-config.json'), JSON.stringify(broken));
    const backend = await startBackend({ dataDir });
    const who = { sessionKey: 'setup' };
    expect(await backend.dispatch('setup.status', {}, who)).toMatchObject({
      ok: true,
      data: { mode: 'unconfigured', problem: { fields: [{ path: 'IdentityPoolId', message: 'IdentityPoolId is missing.' }] } },
    });
    expect(await backend.dispatch('auth.signIn', { email: DEMO.barista, password: DEMO.password }, who)).toMatchObject({
      ok: false,
      error: { code: 'VALIDATION', message: 'This till isn’t connected yet: The AWS configuration isn’t complete: IdentityPoolId is missing.' },
    });
    expect(await backend.dispatch('setup.saveAws', { outputs: '{not json' }, who)).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
    expect(await backend.dispatch('setup.saveAws', { outputs: JSON.stringify({ 'CoffeeCloud-prod': outputs }) }, who)).toMatchObject({
      ok: true,
      data: { saved: true, restartRequired: true },
    });
    // The restart: one backend per data folder, so the first one stops before the next starts.
    await backend.stop();
    const next = await startBackend({ dataDir });
    expect(next.status).toEqual({ mode: 'aws', configPath: path.join(dataDir, 'aws-config.json'), fresh: false });
    // Once connected, nobody at the sign-in screen can paste in another account.
    const other = { ...outputs, UserPoolId: 'eu-west-1_Attacker1' };
    expect(await next.dispatch('setup.saveAws', { outputs: JSON.stringify(other) }, who)).toEqual({
      ok: false,
      error: { code: 'UNAUTHENTICATED', message: 'This till already runs an AWS account: a manager has to sign in at this till to connect it to another account.' },
    });
    expect(readFileSync(path.join(dataDir, 'aws-config.json'), 'utf8')).toContain(outputs.UserPoolId);
    await next.stop();
  });

  it('a demo till is fresh on its first start only; after that only its manager can connect it to an account', async () => {
    const dataDir = mkdtempSync(path.join(os.tmpdir(), 'coffee-cloud-demo-'));
    const configFile = path.join(dataDir, 'aws-config.json');
    const first = await startBackend({ dataDir });
    try {
      expect(first.status).toMatchObject({ mode: 'local', fresh: true });
      // Past the manager check (nobody is signed in), on to the outputs themselves.
      expect(await first.dispatch('setup.saveAws', { outputs: '{not json' }, { sessionKey: 'first' })).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
      // Once somebody has worked at it, it is the café's till, first start or not: signed out again, a stranger can't connect it.
      expect((await first.dispatch('auth.signIn', { email: DEMO.barista, password: DEMO.password }, { sessionKey: 'first' })).ok).toBe(true);
      expect((await first.dispatch('auth.signOut', {}, { sessionKey: 'first' })).ok).toBe(true);
      expect(await first.dispatch('setup.status', {}, { sessionKey: 'stranger' })).toMatchObject({ ok: true, data: { fresh: false } });
      expect(await first.dispatch('setup.saveAws', { outputs: JSON.stringify(outputs) }, { sessionKey: 'stranger' })).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED' } });
      expect(existsSync(configFile)).toBe(false);
    } finally {
      await first.stop();
    }

    const again = await startBackend({ dataDir });
    try {
      expect(again.status).toMatchObject({ mode: 'local', fresh: false });
      const save = (sessionKey: string) => again.dispatch('setup.saveAws', { outputs: JSON.stringify(outputs) }, { sessionKey });
      expect(await save('nobody')).toEqual({
        ok: false,
        error: { code: 'UNAUTHENTICATED', message: 'This till already runs the demo café: a manager has to sign in at this till to connect it to another account.' },
      });
      for (const [sessionKey, email, label] of [['barista', DEMO.barista, 'Barista'], ['shipper', DEMO.shipper, 'Shipper']] as const) {
        expect((await again.dispatch('auth.signIn', { email, password: DEMO.password }, { sessionKey })).ok).toBe(true);
        expect(await save(sessionKey)).toEqual({ ok: false, error: { code: 'FORBIDDEN', message: `A ${label} account can’t change which AWS account this till uses. Ask a manager.` } });
      }
      expect(existsSync(configFile)).toBe(false);
      expect((await again.dispatch('auth.signIn', { email: DEMO.manager, password: DEMO.password }, { sessionKey: 'manager' })).ok).toBe(true);
      expect(await save('manager')).toEqual({ ok: true, data: { saved: true, configPath: configFile, restartRequired: true } });
      expect(JSON.parse(readFileSync(configFile, 'utf8'))).toEqual(outputs);
    } finally {
      await again.stop();
    }
  });
});

type Recorded = { target: string; body: Record<string, unknown> };

/** A stand-in for an AWS JSON service on loopback: records each call (by X-Amz-Target) and answers as told. */
function fakeAwsService(answer: (call: Recorded) => { status: number; body: unknown }): Promise<{ server: Server; url: string; requests: Recorded[] }> {
  const requests: Recorded[] = [];
  const server = createServer((req: IncomingMessage, res) => {
    let body = '';
    req.on('data', (c) => (body += c));
    req.on('end', () => {
      const call = { target: String(req.headers['x-amz-target'] ?? ''), body: JSON.parse(body || '{}') as Record<string, unknown> };
      requests.push(call);
      const { status, body: reply } = answer(call);
      res.writeHead(status, { 'Content-Type': 'application/x-amz-json-1.1' });
      res.end(JSON.stringify(reply));
    });
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve({ server, url: `http://127.0.0.1:${(server.address() as { port: number }).port}`, requests })));
}

/** Cognito Identity: hands out credentials DynamoDB Local accepts. */
const fakeIdentityService = () =>
  fakeAwsService(({ target }) => ({
    status: 200,
    body: target.endsWith('.GetId')
      ? { IdentityId: 'eu-west-1:identity-1' }
      : {
          IdentityId: 'eu-west-1:identity-1',
          // The emulator keeps tables per access key: the tests' tables live under "local".
          Credentials: { AccessKeyId: 'local', SecretKey: 'local', SessionToken: 'session', Expiration: Date.now() / 1000 + 3600 },
        },
  }));

describe('AWS-mode wiring against the local stack', () => {
  let identity: Awaited<ReturnType<typeof fakeIdentityService>>;
  beforeAll(async () => {
    identity = await fakeIdentityService();
  });
  afterAll(() => identity.server.close());

  it('each signed-in staff member reaches DynamoDB with identity-pool credentials for their own ID token', async () => {
    const local = await freshCafe();
    const aws: BackendConfig = {
      ...local,
      mode: 'aws',
      identityPoolId: 'us-east-1:1a2b3c4d-1a2b-1a2b-1a2b-1a2b3c4d5e6f',
      cognitoIdentityEndpoint: identity.url,
      // cognito-local has no SRP; the flow choice itself is tested below.
      authFlow: 'USER_PASSWORD_AUTH',
    };
    const runtime = till(aws, {});
    const who = { sessionKey: 'aws-barista' };
    expect((await runtime.dispatch('menu.list', {}, who)).ok).toBe(false); // no session, no credentials
    expect(identity.requests).toHaveLength(0);

    await runtime.dispatch('auth.signIn', { email: DEMO.barista, password: DEMO.password }, who);
    const menu = await runtime.dispatch('menu.list', {}, who);
    expect(menu.ok && menu.data.products.length).toBeGreaterThanOrEqual(20);

    const getId = identity.requests.find((r) => r.target === 'AWSCognitoIdentityService.GetId')!;
    expect(getId.body.IdentityPoolId).toBe(aws.identityPoolId);
    const logins = getId.body.Logins as Record<string, string>;
    const token = logins[`cognito-idp.${aws.region}.amazonaws.com/${aws.userPoolId}`]!;
    expect(JSON.parse(Buffer.from(token.split('.')[1]!, 'base64url').toString())).toMatchObject({ email: DEMO.barista, 'cognito:groups': ['Barista'] });
    expect(identity.requests.some((r) => r.target === 'AWSCognitoIdentityService.GetCredentialsForIdentity')).toBe(true);
  });

  it('on a shared till, a barista’s work goes out with their own ID token while the manager is at the keyboard', async () => {
    const local = await freshCafe();
    const aws: BackendConfig = { ...local, mode: 'aws', identityPoolId: 'us-east-1:1a2b3c4d-1a2b-1a2b-1a2b-1a2b3c4d5e6f', cognitoIdentityEndpoint: identity.url, authFlow: 'USER_PASSWORD_AUTH' };
    const start = identity.requests.length;
    const runtime = till(aws, {});
    const counter = { sessionKey: 'aws-shared' };
    await ok(runtime.dispatch('auth.signIn', { email: DEMO.barista, password: DEMO.password, pin: '1357' }, counter));
    await ok(runtime.dispatch('auth.signIn', { email: DEMO.manager, password: DEMO.password, pin: '2468' }, counter));
    // Jamie clocks in at the manager's till: the clock reads Jamie's standing, and the punch is sent, as Jamie.
    await ok(runtime.dispatch('timeclock.punch', { email: DEMO.barista, pin: '1357', kind: 'in' }, counter));
    const emailsAsked = () =>
      identity.requests.slice(start).flatMap((r) => Object.values((r.body.Logins ?? {}) as Record<string, string>).map((token) => (JSON.parse(Buffer.from(token.split('.')[1]!, 'base64url').toString()) as { email: string }).email));
    await expect.poll(emailsAsked).toContain(DEMO.barista);
    // Nothing here was the manager's doing: their token signed none of it (it carried all of Jamie's, with the Admin role).
    expect(emailsAsked()).not.toContain(DEMO.manager);
  });

  it('the Staff screen calls Cognito’s admin API with the manager’s identity-pool credentials, never the emulator’s keys', async () => {
    const local = await freshCafe();
    // In front of cognito-local: who signed each admin call (the SigV4 key and session token).
    const signed: { target: string; key: string | undefined; token: string | undefined }[] = [];
    const proxy = createServer((req, res) => {
      let body = '';
      req.on('data', (c) => (body += c));
      req.on('end', () => {
        const key = /Credential=([^/]+)\//.exec(String(req.headers.authorization ?? ''))?.[1];
        signed.push({ target: String(req.headers['x-amz-target'] ?? ''), key, token: req.headers['x-amz-security-token'] as string | undefined });
        const headers = Object.fromEntries(Object.entries(req.headers).filter(([k]) => ['content-type', 'x-amz-target', 'authorization', 'x-amz-date'].includes(k))) as Record<string, string>;
        void fetch(local.cognitoEndpoint!, { method: 'POST', headers, body }).then(async (reply) => {
          res.writeHead(reply.status, { 'Content-Type': reply.headers.get('content-type') ?? 'application/x-amz-json-1.1' });
          res.end(await reply.text());
        });
      });
    });
    await new Promise<void>((resolve) => proxy.listen(0, '127.0.0.1', resolve));
    const aws: BackendConfig = {
      ...local,
      mode: 'aws',
      identityPoolId: 'us-east-1:1a2b3c4d-1a2b-1a2b-1a2b-1a2b3c4d5e6f',
      cognitoIdentityEndpoint: identity.url,
      cognitoEndpoint: `http://127.0.0.1:${(proxy.address() as { port: number }).port}`,
      authFlow: 'USER_PASSWORD_AUTH',
    };
    try {
      const runtime = till(aws, {});
      await runtime.dispatch('auth.signIn', { email: DEMO.manager, password: DEMO.password }, { sessionKey: 'aws-manager' });
      const staff = await runtime.dispatch('staff.list', {}, { sessionKey: 'aws-manager' });
      expect(staff.ok && staff.data.map((m) => m.email)).toContain(DEMO.barista);
      const admin = signed.filter((c) => c.target.endsWith('.ListUsersInGroup'));
      expect(admin).toHaveLength(3);
      // The fake identity pool's session token: only credentials from GetCredentialsForIdentity carry it.
      expect(admin.every((c) => c.key === 'local' && c.token === 'session')).toBe(true);
      // AWS mode: Cognito emails the invitation; nothing is shown on screen.
      const invited = await runtime.dispatch('staff.invite', { email: 'aws.new@coffeecloud.dev', name: 'Aws New', group: 'Shipper' }, { sessionKey: 'aws-manager' });
      expect(invited).toMatchObject({ ok: true, data: { delivery: 'email', member: { status: 'FORCE_CHANGE_PASSWORD' } } });
      expect(invited.ok && invited.data.temporaryPassword).toBeUndefined();
      expect(signed.find((c) => c.target.endsWith('.AdminCreateUser'))).toMatchObject({ token: 'session' });
    } finally {
      proxy.close();
    }
  });

  it('signs in with SRP when configured for AWS: the password itself never leaves the till', async () => {
    // cognito-local has no SRP, so a stand-in records what the till sends and refuses it as Cognito would.
    const idp = await fakeAwsService(() => ({ status: 400, body: { __type: 'NotAuthorizedException', message: 'Incorrect username or password.' } }));
    const local = await freshCafe();
    const runtime = till({ ...local, authFlow: 'USER_SRP_AUTH', cognitoEndpoint: idp.url });
    const result = await runtime.dispatch('auth.signIn', { email: DEMO.barista, password: DEMO.password }, { sessionKey: 'srp' });
    idp.server.close();
    expect(idp.requests).toHaveLength(1);
    expect(idp.requests[0]).toMatchObject({
      target: 'AWSCognitoIdentityProviderService.InitiateAuth',
      body: { AuthFlow: 'USER_SRP_AUTH', ClientId: local.clientId, AuthParameters: { USERNAME: DEMO.barista, SRP_A: expect.stringMatching(/^[0-9a-f]{256,}$/) } },
    });
    expect(JSON.stringify(idp.requests)).not.toContain(DEMO.password);
    expect(result).toEqual({ ok: false, error: { code: 'UNAUTHENTICATED', message: 'Incorrect email or password.' } });
  });

  it('unreachable AWS gives an offline answer, not a crash', async () => {
    const closed = await freeLoopbackPort();
    const runtime = till({ ...parseAwsConfig(outputs), cognitoEndpoint: `http://127.0.0.1:${closed}` });
    expect(await runtime.dispatch('auth.signIn', { email: DEMO.barista, password: DEMO.password }, { sessionKey: 'off' })).toMatchObject({
      ok: false,
      error: { code: 'OFFLINE', message: 'Can’t reach the sign-in service. Check the internet connection and try again.' },
    });
  });
});
