import { AdminGetUserCommand } from '@aws-sdk/client-cognito-identity-provider';
import { GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import type { AwsCall } from '../../src/main/aws/call-log';
import type { BackendConfig } from '../../src/main/config';
import type { Runtime } from '../../src/main/runtime';
import type { StaffMember } from '../../src/shared/staff';
import { aroundSend, clients, DEMO, freshCafe, till, ok } from './helpers';

/**
 * The managers' Staff screen, through the router and the real services against cognito-local and
 * DynamoDB Local: every action, every refusal, and nothing half-written.
 */
let config: BackendConfig;
let runtime: Runtime;
/** A till whose Users writes fail: an invitation there must leave no Cognito account behind. */
let brokenUsers: Runtime;
const MANAGER = { sessionKey: 'staff-manager' };
const NEWCOMER = 'nia.new@coffeecloud.dev';
const NEW_PASSWORD = 'Nia#Chosen2026';

async function signIn(rt: Runtime, sessionKey: string, email: string, password: string = DEMO.password, pin?: string) {
  return rt.dispatch('auth.signIn', { email, password, ...(pin && { pin }) }, { sessionKey });
}

const listed = async (email: string): Promise<StaffMember | undefined> => (await ok(runtime.dispatch('staff.list', {}, MANAGER))).find((m) => m.email === email);

beforeAll(async () => {
  config = await freshCafe();
  runtime = till(config);
  brokenUsers = till(config, {
    wrapDb: (doc) =>
      aroundSend(doc, (command, real) => {
        if (command instanceof PutCommand && command.input.TableName === config.tables.Users) return Promise.reject(new Error('injected: the Users write failed'));
        return real(command);
      }),
  });
  expect((await signIn(runtime, MANAGER.sessionKey, DEMO.manager)).ok).toBe(true);
  expect((await signIn(brokenUsers, MANAGER.sessionKey, DEMO.manager)).ok).toBe(true);
});

describe('a manager manages staff', () => {
  it('lists the staff with group and state; a barista is refused', async () => {
    const staff = await ok(runtime.dispatch('staff.list', {}, MANAGER));
    expect(staff.find((m) => m.email === DEMO.manager)).toMatchObject({ group: 'Admin', groupLabel: 'Manager', enabled: true, status: 'CONFIRMED' });
    expect(staff.map((m) => m.email)).toEqual(expect.arrayContaining([DEMO.barista, DEMO.riley, DEMO.shipper]));
    // Loyalty customers live in the same pool but are no staff.
    expect(staff.map((m) => m.email)).not.toContain(DEMO.customer);
    await signIn(runtime, 'staff-barista', DEMO.barista);
    expect(await runtime.dispatch('staff.list', {}, { sessionKey: 'staff-barista' })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN', message: 'A Barista account can’t see the staff accounts. Ask a manager.' } });
  });

  it('invites a barista: a temporary password on screen (the demo has no email), then the first sign-in sets their own', async () => {
    const invited = await ok(runtime.dispatch('staff.invite', { email: 'Nia.New@CoffeeCloud.dev', name: 'Nia New', group: 'Barista' }, MANAGER));
    expect(invited).toMatchObject({ delivery: 'screen', member: { email: NEWCOMER, group: 'Barista', status: 'FORCE_CHANGE_PASSWORD', statusLabel: 'Invited: must choose a password' } });
    expect(await listed(NEWCOMER)).toMatchObject({ group: 'Barista', enabled: true, status: 'FORCE_CHANGE_PASSWORD' });
    const { Item } = await clients().doc.send(new GetCommand({ TableName: config.tables.Users, Key: { userId: (await cognitoUser(NEWCOMER)).sub } }));
    expect(Item).toMatchObject({ email: NEWCOMER, name: 'Nia New', role: 'Barista', createdBy: 'Morgan Lee' });

    expect(await signIn(runtime, 'staff-nia', NEWCOMER, invited.temporaryPassword)).toEqual({ ok: true, data: { status: 'NEW_PASSWORD_REQUIRED', email: NEWCOMER } });
    expect(await runtime.dispatch('auth.completeNewPassword', { newPassword: NEW_PASSWORD }, { sessionKey: 'staff-nia' })).toMatchObject({ ok: true, data: { email: NEWCOMER, role: 'Barista' } });
    expect(await listed(NEWCOMER)).toMatchObject({ status: 'CONFIRMED', statusLabel: 'Active' });
  });

  it('refuses, each by name: an email already in the pool, a bad email, a group that isn’t staff', async () => {
    expect(await runtime.dispatch('staff.invite', { email: DEMO.barista, name: 'Jamie Again', group: 'Barista' }, MANAGER)).toMatchObject({
      ok: false,
      error: { code: 'CONFLICT', message: `There’s already an account for ${DEMO.barista} in this user pool.` },
    });
    // A loyalty customer's email is in the pool too.
    expect(await runtime.dispatch('staff.invite', { email: DEMO.customer, name: 'Casey', group: 'Barista' }, MANAGER)).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
    expect(await runtime.dispatch('staff.invite', { email: 'riley@', name: 'R', group: 'Barista' }, MANAGER)).toMatchObject({
      ok: false,
      error: { code: 'VALIDATION', message: '“riley@” isn’t an email address. Check it for typos.' },
    });
    expect(await runtime.dispatch('staff.setGroup', { email: DEMO.barista, group: 'Customer' }, MANAGER)).toMatchObject({
      ok: false,
      error: { code: 'VALIDATION', message: '“Customer” isn’t a staff group. Choose one of Admin, Barista, Shipper.' },
    });
  });

  it('refuses an unknown person and a customer account; a manager can’t disable or demote themselves', async () => {
    const nobody = 'nobody@coffeecloud.dev';
    const unknown = { ok: false, error: { code: 'NOT_FOUND', message: `No account has the email ${nobody}.` } };
    expect(await runtime.dispatch('staff.setEnabled', { email: nobody, enabled: false }, MANAGER)).toMatchObject(unknown);
    expect(await runtime.dispatch('staff.setGroup', { email: nobody, group: 'Shipper' }, MANAGER)).toMatchObject(unknown);
    expect(await runtime.dispatch('staff.resetPassword', { email: nobody }, MANAGER)).toMatchObject(unknown);
    expect(await runtime.dispatch('staff.setEnabled', { email: DEMO.customer, enabled: false }, MANAGER)).toMatchObject({
      ok: false,
      error: { code: 'NOT_FOUND', message: `${DEMO.customer} isn’t a staff account (it is in no staff group).` },
    });
    expect((await cognitoUser(DEMO.customer)).enabled).toBe(true);
    expect(await runtime.dispatch('staff.setEnabled', { email: DEMO.manager, enabled: false }, MANAGER)).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN', message: 'You can’t disable your own account. Ask another manager.' },
    });
    expect(await runtime.dispatch('staff.setGroup', { email: DEMO.manager, group: 'Barista' }, MANAGER)).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN', message: 'You can’t take yourself out of the managers: another manager has to.' },
    });
    expect((await cognitoUser(DEMO.manager)).enabled).toBe(true);
    expect(await listed(DEMO.manager)).toMatchObject({ group: 'Admin' });
  });

  it('an invitation whose Users row can’t be written leaves no account behind', async () => {
    const email = 'half.written@coffeecloud.dev';
    expect(await brokenUsers.dispatch('staff.invite', { email, name: 'Half Written', group: 'Shipper' }, MANAGER)).toMatchObject({ ok: false, error: { code: 'INTERNAL' } });
    await expect(cognitoUser(email)).rejects.toThrow(/User does not exist/);
    expect(await listed(email)).toBeUndefined();
    // And the same invitation on a healthy till goes through: nothing was left to clash with.
    expect(await runtime.dispatch('staff.invite', { email, name: 'Half Written', group: 'Shipper' }, MANAGER)).toMatchObject({ ok: true });
  });

  it('moves someone to another group: Cognito and the Users row agree, and their old session leaves this till', async () => {
    expect(await ok(runtime.dispatch('staff.setGroup', { email: NEWCOMER, group: 'Shipper' }, MANAGER))).toMatchObject({ group: 'Shipper', groupLabel: 'Shipper' });
    expect(await listed(NEWCOMER)).toMatchObject({ group: 'Shipper' });
    const { Item } = await clients().doc.send(new GetCommand({ TableName: config.tables.Users, Key: { userId: (await cognitoUser(NEWCOMER)).sub } }));
    expect(Item).toMatchObject({ role: 'Shipper' });
    expect((await ok(runtime.dispatch('auth.till', {}, { sessionKey: 'staff-nia' }))).members).toEqual([]);
    expect(await signIn(runtime, 'staff-nia', NEWCOMER, NEW_PASSWORD)).toMatchObject({ ok: true, data: { status: 'SIGNED_IN', session: { role: 'Shipper' } } });
  });

  it('disables Riley: off this till’s lock screen, their sign-in refused by name; enabled again, they sign in', async () => {
    await signIn(runtime, 'staff-riley', DEMO.riley, DEMO.password, '9753');
    await runtime.dispatch('auth.lock', {}, { sessionKey: 'staff-riley' });
    expect(await ok(runtime.dispatch('staff.setEnabled', { email: DEMO.riley, enabled: false }, MANAGER))).toMatchObject({ enabled: false, statusLabel: 'Disabled' });
    expect((await ok(runtime.dispatch('auth.till', {}, { sessionKey: 'staff-riley' }))).members).toEqual([]);
    expect(await runtime.dispatch('auth.unlock', { email: DEMO.riley, pin: '9753' }, { sessionKey: 'staff-riley' })).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED' } });
    expect(await signIn(runtime, 'staff-riley', DEMO.riley)).toMatchObject({
      ok: false,
      error: { code: 'UNAUTHENTICATED', message: 'This account has been disabled. Ask your manager to enable it again.' },
    });
    expect(await listed(DEMO.riley)).toMatchObject({ enabled: false, statusLabel: 'Disabled' });

    expect(await ok(runtime.dispatch('staff.setEnabled', { email: DEMO.riley, enabled: true }, MANAGER))).toMatchObject({ enabled: true });
    expect(await signIn(runtime, 'staff-riley', DEMO.riley)).toMatchObject({ ok: true, data: { status: 'SIGNED_IN' } });
  });

  it('resets a password: the demo shows a new temporary password, and the next sign-in with it asks for a new one', async () => {
    const reset = await ok(runtime.dispatch('staff.resetPassword', { email: NEWCOMER }, MANAGER));
    expect(reset).toMatchObject({ email: NEWCOMER, delivery: 'screen' });
    expect(await listed(NEWCOMER)).toMatchObject({ status: 'FORCE_CHANGE_PASSWORD' });
    // (cognito-local answers any password of a FORCE_CHANGE_PASSWORD account with the challenge,
    // so "the old password stops working" can't be shown here; Cognito checks it.)
    expect(await signIn(runtime, 'staff-nia2', NEWCOMER, reset.temporaryPassword)).toEqual({ ok: true, data: { status: 'NEW_PASSWORD_REQUIRED', email: NEWCOMER } });
    expect(await runtime.dispatch('auth.completeNewPassword', { newPassword: 'Nia#Second2026' }, { sessionKey: 'staff-nia2' })).toMatchObject({ ok: true, data: { email: NEWCOMER } });
    expect(await signIn(runtime, 'staff-nia3', NEWCOMER, NEW_PASSWORD)).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED' } });
  });

  it('resets a PIN: the person leaves this till’s lock screen and comes back with their password and a new PIN', async () => {
    await signIn(runtime, 'staff-jamie', DEMO.barista, DEMO.password, '1357');
    await runtime.dispatch('auth.lock', {}, { sessionKey: 'staff-jamie' });
    expect(await ok(runtime.dispatch('staff.resetPin', { email: DEMO.barista }, MANAGER))).toEqual({ email: DEMO.barista, signedOutHere: 2 });
    expect(await runtime.dispatch('auth.unlock', { email: DEMO.barista, pin: '1357' }, { sessionKey: 'staff-jamie' })).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED' } });
    expect(await signIn(runtime, 'staff-jamie', DEMO.barista, DEMO.password, '2580')).toMatchObject({ ok: true });
    // Someone signed in on no till here: nothing to reset, and said so by the count.
    expect(await ok(runtime.dispatch('staff.resetPin', { email: DEMO.shipper }, MANAGER))).toEqual({ email: DEMO.shipper, signedOutHere: 0 });
    expect(await runtime.dispatch('staff.resetPin', { email: DEMO.manager }, MANAGER)).toMatchObject({ ok: false, error: { code: 'FORBIDDEN', message: expect.stringMatching(/^To change your own PIN/) } });
  });

  it('every Cognito admin call was made as the manager (the Admin role), with no password in the record', () => {
    const calls = readFileSync(inject('callLog'), 'utf8').split('\n').filter(Boolean).map((line) => JSON.parse(line) as AwsCall);
    const cognito = calls.filter((c) => /^(Admin|ListUsers)/.test(c.command));
    expect(new Set(cognito.map((c) => c.command))).toEqual(
      new Set(['ListUsersInGroup', 'AdminGetUser', 'AdminListGroupsForUser', 'AdminCreateUser', 'AdminAddUserToGroup', 'AdminDeleteUser', 'AdminRemoveUserFromGroup', 'AdminDisableUser', 'AdminUserGlobalSignOut', 'AdminEnableUser', 'AdminResetUserPassword']),
    );
    expect(cognito.filter((c) => c.role !== 'Admin')).toEqual([]);
    expect(JSON.stringify(cognito)).not.toMatch(/"TemporaryPassword":"(?!\(redacted\))/);
  });
});

async function cognitoUser(email: string) {
  const user = await clients().cognito.send(new AdminGetUserCommand({ UserPoolId: config.userPoolId, Username: email }));
  return { sub: user.UserAttributes?.find((a) => a.Name === 'sub')?.Value, enabled: user.Enabled !== false };
}
