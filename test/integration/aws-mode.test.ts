import { mkdtempSync, writeFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { CognitoUser } from 'amazon-cognito-identity-js';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { parseAwsConfig } from '../../src/main/aws/config';
import { startBackend } from '../../src/main/bootstrap';
import type { BackendConfig } from '../../src/main/config';
import { freeLoopbackPort } from '../../src/main/local/stack';
import { DEMO, freshCafe, till } from './helpers';

const outputs = {
  Region: 'eu-west-1',
  UserPoolId: 'eu-west-1_AbCdEf123',
  UserPoolClientId: 'abcdefghijklmnopqrstuvwxyz',
  IdentityPoolId: 'eu-west-1:1a2b3c4d-1a2b-1a2b-1a2b-1a2b3c4d5e6f',
  UsersTable: 'coffee-cloud-prod-Users',
  ProductsTable: 'coffee-cloud-prod-Products',
  OrdersTable: 'coffee-cloud-prod-Orders',
  PointsTable: 'coffee-cloud-prod-Points',
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
      tables: { Users: outputs.UsersTable, Products: outputs.ProductsTable, Orders: outputs.OrdersTable, Points: outputs.PointsTable },
    };
    expect(parseAwsConfig(outputs)).toEqual(expected);
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
    expect(next.status).toEqual({ mode: 'aws', configPath: path.join(dataDir, 'aws-config.json') });
    // Once connected, another account can't be pasted in.
    expect(await next.dispatch('setup.saveAws', { outputs: JSON.stringify(outputs) }, who)).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    await next.stop();
  });
});

/** A stand-in for Cognito Identity on loopback: records what the app asks and hands out credentials DynamoDB Local accepts. */
function fakeIdentityService(): Promise<{ server: Server; url: string; requests: { target: string; body: Record<string, unknown> }[] }> {
  const requests: { target: string; body: Record<string, unknown> }[] = [];
  const server = createServer((req: IncomingMessage, res) => {
    let body = '';
    req.on('data', (c) => (body += c));
    req.on('end', () => {
      const target = String(req.headers['x-amz-target'] ?? '');
      requests.push({ target, body: JSON.parse(body || '{}') });
      res.writeHead(200, { 'Content-Type': 'application/x-amz-json-1.1' });
      if (target.endsWith('.GetId')) res.end(JSON.stringify({ IdentityId: 'eu-west-1:identity-1' }));
      else
        res.end(
          JSON.stringify({
            IdentityId: 'eu-west-1:identity-1',
            // The emulator keeps tables per access key: the tests' tables live under "local".
            Credentials: { AccessKeyId: 'local', SecretKey: 'local', SessionToken: 'session', Expiration: Date.now() / 1000 + 3600 },
          }),
        );
    });
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve({ server, url: `http://127.0.0.1:${(server.address() as { port: number }).port}`, requests })));
}

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

  it('signs in with SRP when configured for AWS', async () => {
    const flows: string[] = [];
    const spy = vi.spyOn(CognitoUser.prototype, 'setAuthenticationFlowType').mockImplementation(function (this: CognitoUser, flow: string) {
      flows.push(flow);
      return flow;
    });
    const local = await freshCafe();
    const runtime = till({ ...local, authFlow: 'USER_SRP_AUTH' });
    const result = await runtime.dispatch('auth.signIn', { email: DEMO.barista, password: DEMO.password }, { sessionKey: 'srp' });
    spy.mockRestore();
    expect(flows).toEqual(['USER_SRP_AUTH']);
    expect(result.ok || typeof result.error.message).toBe('string'); // a typed answer, whatever cognito-local says to SRP
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
