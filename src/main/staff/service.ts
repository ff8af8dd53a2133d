import {
  AdminAddUserToGroupCommand,
  AdminCreateUserCommand,
  AdminDeleteUserCommand,
  AdminDisableUserCommand,
  AdminEnableUserCommand,
  AdminGetUserCommand,
  AdminListGroupsForUserCommand,
  AdminRemoveUserFromGroupCommand,
  AdminResetUserPasswordCommand,
  AdminUserGlobalSignOutCommand,
  ListUsersInGroupCommand,
  type AttributeType,
  type CognitoIdentityProviderClient,
} from '@aws-sdk/client-cognito-identity-provider';
import { PutCommand, UpdateCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { randomBytes, randomInt } from 'node:crypto';
import { unmetPasswordRules } from '../../shared/password-policy';
import { AppError } from '../../shared/result';
import { STAFF_ROLES, staffRoleOf, type StaffRole } from '../../shared/roles';
import {
  inviteSchema,
  selfRefusal,
  staffEmailSchema,
  staffGroupSchema,
  staffMember,
  type InviteResult,
  type ResetPasswordResult,
  type StaffAction,
  type StaffMember,
} from '../../shared/staff';
import type { TableNames } from '../data/schema';
import { isNetworkError } from '../sync/connectivity';
import type { z } from 'zod';

/**
 * How a new password reaches the person. `email`: Cognito sends the invitation or reset code (AWS).
 * `screen`: the local demo's cognito-local sends nothing, so a temporary password is made here and
 * shown once; `setTemporaryPassword` is the emulator's stand-in for the reset email (it runs with
 * the emulator's admin keys, as seeding does, because it is no call AWS mode ever makes).
 */
export type Delivery = { kind: 'email' } | { kind: 'screen'; setTemporaryPassword: (email: string, password: string) => Promise<void> };

export interface StaffDeps {
  /** In the app: the signed-in manager's own credentials (AWS mode); in the CLI: the owner's. */
  cognito: Pick<CognitoIdentityProviderClient, 'send'>;
  doc: DynamoDBDocumentClient;
  userPoolId: string;
  tables: TableNames;
  delivery: Delivery;
  now?: () => Date;
}

/** Who is acting: a manager signed in on a till, or null for the owner's CLI (no self checks). */
export type Actor = { email: string; name: string } | null;

/** A temporary password that meets the pool's policy; the new staff member replaces it at first sign-in. */
export function temporaryPassword(): string {
  const pick = (set: string) => set[randomInt(set.length)]!;
  const body = randomBytes(9).toString('base64url');
  const password = `${pick('ABCDEFGHJKLMNPQRSTUVWXYZ')}${pick('abcdefghijkmnpqrstuvwxyz')}${pick('23456789')}${pick('#!@$%')}${body}`;
  if (unmetPasswordRules(password).length > 0) return temporaryPassword();
  return password;
}

function parse<T>(schema: z.ZodType<T>, value: unknown, path: string): T {
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;
  const message = parsed.error.issues[0]?.message ?? 'That isn’t valid.';
  throw new AppError('VALIDATION', message, { fields: [{ path, message }] });
}

function errorName(error: unknown): string {
  const e = error as { name?: unknown; __type?: unknown };
  return typeof e?.name === 'string' ? e.name : '';
}

/** cognito-local answers an API it lacks (AdminUserGlobalSignOut, AdminResetUserPassword) this way; AWS never does. */
export function isEmulatorGap(error: unknown): boolean {
  return /Cognito Local unsupported feature/.test(error instanceof Error ? error.message : '');
}

/** A refusal about the email: the form shows it under the field, so the field says all of it. */
const fieldError = (code: 'CONFLICT' | 'NOT_FOUND', message: string) => new AppError(code, message, { fields: [{ path: 'email', message }] });

/** Cognito's refusals in a manager's words; anything else goes up to the router (logged, INTERNAL). */
function cognitoRefusal(error: unknown, email: string): unknown {
  if (error instanceof AppError) return error;
  if (isNetworkError(error)) return new AppError('OFFLINE', 'Can’t reach Cognito right now. Check the connection and try again; nothing was changed.');
  switch (errorName(error)) {
    case 'UsernameExistsException':
      return fieldError('CONFLICT', `There’s already an account for ${email} in this user pool.`);
    case 'UserNotFoundException':
      return fieldError('NOT_FOUND', `No account has the email ${email}.`);
    case 'InvalidParameterException':
      return new AppError('VALIDATION', `Cognito refused that: ${(error as Error).message}`);
    case 'AccessDeniedException':
    case 'NotAuthorizedException':
      return new AppError('FORBIDDEN', 'AWS refused this for your role. Check that the stack is up to date (docs/aws-deploy.md).');
    default:
      return error;
  }
}

const attribute = (attributes: AttributeType[] | undefined, name: string) => attributes?.find((a) => a.Name === name)?.Value ?? '';

/**
 * Staff accounts: the Cognito user, their staff group, and their row in the Users table, kept
 * together (both or neither: a step that fails undoes the ones before it). The Staff screen's
 * channels and `npm run admin` both call these, so there is one way to make a staff account.
 */
export function createStaffService(deps: StaffDeps) {
  const { cognito, doc, userPoolId, tables } = deps;
  const now = deps.now ?? (() => new Date());

  async function call<T>(email: string, run: () => Promise<T>): Promise<T> {
    try {
      return await run();
    } catch (error) {
      throw cognitoRefusal(error, email);
    }
  }

  /** The account and its staff group; refuses an unknown email or an account that isn't staff (a loyalty customer). */
  async function staffAccount(email: string) {
    const user = await call(email, () => cognito.send(new AdminGetUserCommand({ UserPoolId: userPoolId, Username: email })));
    // The pool's own username for them (a UUID: people sign in by email alias). cognito-local
    // matches group members by it only, and AWS accepts it everywhere.
    const username = user.Username ?? email;
    const { Groups } = await call(email, () => cognito.send(new AdminListGroupsForUserCommand({ UserPoolId: userPoolId, Username: username })));
    const groups = (Groups ?? []).map((g) => g.GroupName ?? '');
    const group = staffRoleOf(groups);
    if (!group) throw fieldError('NOT_FOUND', `${email} isn’t a staff account (it is in no staff group).`);
    return {
      username,
      sub: attribute(user.UserAttributes, 'sub') || username,
      groups: groups.filter((g): g is StaffRole => (STAFF_ROLES as readonly string[]).includes(g)),
      member: staffMember({ email, name: attribute(user.UserAttributes, 'name'), group, enabled: user.Enabled !== false, status: user.UserStatus ?? '' }),
    };
  }

  function refuseSelf(action: StaffAction, actor: Actor, email: string, group?: StaffRole) {
    const refusal = selfRefusal(action, actor?.email ?? null, email, group);
    if (refusal) throw new AppError('FORBIDDEN', refusal);
  }

  /** Undoes what went before a failed step; a failure here is logged, the first error is the one reported. */
  async function undo(steps: (() => Promise<unknown>)[]) {
    for (const step of steps.toReversed()) await step().catch((error: unknown) => console.error('[staff] could not undo a step', error));
  }

  return {
    /** Everyone in a staff group, by group then email; someone in two groups shows under the higher one. */
    async list(): Promise<StaffMember[]> {
      const seen = new Map<string, StaffMember>();
      for (const group of STAFF_ROLES) {
        let NextToken: string | undefined;
        do {
          const page = await call('', () => cognito.send(new ListUsersInGroupCommand({ UserPoolId: userPoolId, GroupName: group, NextToken })));
          for (const u of page.Users ?? []) {
            const id = attribute(u.Attributes, 'sub') || u.Username || '';
            if (seen.has(id)) continue;
            seen.set(id, staffMember({ email: attribute(u.Attributes, 'email'), name: attribute(u.Attributes, 'name'), group, enabled: u.Enabled !== false, status: u.UserStatus ?? '' }));
          }
          NextToken = page.NextToken;
        } while (NextToken);
      }
      return [...seen.values()].toSorted((a, b) => STAFF_ROLES.indexOf(a.group) - STAFF_ROLES.indexOf(b.group) || a.email.localeCompare(b.email));
    },

    /** A new account in one staff group, with its Users row; the person chooses their own password at first sign-in. */
    async invite(raw: unknown, actor: Actor): Promise<InviteResult> {
      const input = parse(inviteSchema, raw, '');
      const { email, name, group } = input;
      const screen = deps.delivery.kind === 'screen';
      const password = screen ? temporaryPassword() : undefined;
      const { User } = await call(email, () =>
        cognito.send(
          new AdminCreateUserCommand({
            UserPoolId: userPoolId,
            Username: email,
            // AWS: Cognito makes the temporary password and emails the invitation itself.
            ...(screen ? { MessageAction: 'SUPPRESS', TemporaryPassword: password } : { DesiredDeliveryMediums: ['EMAIL'] }),
            UserAttributes: [
              { Name: 'email', Value: email },
              { Name: 'email_verified', Value: 'true' },
              { Name: 'name', Value: name },
            ],
          }),
        ),
      );
      const sub = attribute(User?.Attributes, 'sub') || User?.Username;
      const undoCreate = () => cognito.send(new AdminDeleteUserCommand({ UserPoolId: userPoolId, Username: email }));
      try {
        if (!sub) throw new Error(`AdminCreateUser returned no id for ${email}`);
        await call(email, () => cognito.send(new AdminAddUserToGroupCommand({ UserPoolId: userPoolId, Username: email, GroupName: group })));
        await doc.send(
          new PutCommand({
            TableName: tables.Users,
            Item: { userId: sub, email, name, role: group, createdAt: now().toISOString(), createdBy: actor?.name ?? 'admin CLI' },
            ConditionExpression: 'attribute_not_exists(userId)',
          }),
        );
      } catch (error) {
        // Deleting the account takes its group membership with it.
        await undo([undoCreate]);
        throw cognitoRefusal(error, email);
      }
      const member = staffMember({ email, name, group, enabled: true, status: User?.UserStatus ?? 'FORCE_CHANGE_PASSWORD' });
      return password ? { member, delivery: 'screen', temporaryPassword: password } : { member, delivery: 'email' };
    },

    /** Moves someone to another staff group: added to the new one, out of the others, and the Users row follows. */
    async setGroup(rawEmail: unknown, rawGroup: unknown, actor: Actor): Promise<StaffMember> {
      const email = parse(staffEmailSchema, rawEmail, 'email');
      const group = parse(staffGroupSchema, rawGroup, 'group');
      refuseSelf('setGroup', actor, email, group);
      const account = await staffAccount(email);
      if (account.groups.length === 1 && account.groups[0] === group) return account.member;
      const done: (() => Promise<unknown>)[] = [];
      try {
        if (!account.groups.includes(group)) {
          await call(email, () => cognito.send(new AdminAddUserToGroupCommand({ UserPoolId: userPoolId, Username: account.username, GroupName: group })));
          done.push(() => cognito.send(new AdminRemoveUserFromGroupCommand({ UserPoolId: userPoolId, Username: account.username, GroupName: group })));
        }
        for (const old of account.groups.filter((g) => g !== group)) {
          await call(email, () => cognito.send(new AdminRemoveUserFromGroupCommand({ UserPoolId: userPoolId, Username: account.username, GroupName: old })));
          done.push(() => cognito.send(new AdminAddUserToGroupCommand({ UserPoolId: userPoolId, Username: account.username, GroupName: old })));
        }
        await doc.send(
          new UpdateCommand({
            TableName: tables.Users,
            Key: { userId: account.sub },
            UpdateExpression: 'SET #role = :role, #email = :email',
            ExpressionAttributeNames: { '#role': 'role', '#email': 'email' },
            ExpressionAttributeValues: { ':role': group, ':email': email },
          }),
        );
      } catch (error) {
        await undo(done);
        throw cognitoRefusal(error, email);
      }
      // Their tokens still name the old group: signed out everywhere, they sign in again with the
      // new one. The move itself is complete either way; a failure here only leaves tokens that
      // lapse within the hour, so it is logged rather than undone.
      await cognito.send(new AdminUserGlobalSignOutCommand({ UserPoolId: userPoolId, Username: account.username })).catch((error: unknown) => {
        if (!isEmulatorGap(error)) console.error('[staff] could not sign them out after a group change', error);
      });
      return staffMember({ ...account.member, group });
    },

    /**
     * Disabling also signs them out everywhere: their refresh tokens stop working, so no till or
     * identity pool hands them credentials again. If that second step fails they are enabled
     * again, so the manager never sees "disabled" for someone still signed in elsewhere.
     */
    async setEnabled(rawEmail: unknown, enabled: boolean, actor: Actor): Promise<StaffMember> {
      const email = parse(staffEmailSchema, rawEmail, 'email');
      refuseSelf(enabled ? 'enable' : 'disable', actor, email);
      const account = await staffAccount(email);
      if (enabled) {
        await call(email, () => cognito.send(new AdminEnableUserCommand({ UserPoolId: userPoolId, Username: account.username })));
      } else {
        await call(email, () => cognito.send(new AdminDisableUserCommand({ UserPoolId: userPoolId, Username: account.username })));
        try {
          await cognito.send(new AdminUserGlobalSignOutCommand({ UserPoolId: userPoolId, Username: account.username }));
        } catch (error) {
          // The local demo's emulator has no global sign-out; the tills here drop the session themselves.
          if (!(deps.delivery.kind === 'screen' && isEmulatorGap(error))) {
            await undo([() => cognito.send(new AdminEnableUserCommand({ UserPoolId: userPoolId, Username: account.username }))]);
            throw cognitoRefusal(error, email);
          }
        }
      }
      return staffMember({ ...account.member, enabled });
    },

    /**
     * AWS: Cognito emails a reset code and their next sign-in asks for it ("Forgot password?").
     * Local demo: a new temporary password, shown once; their next sign-in asks for a new one.
     */
    async resetPassword(rawEmail: unknown, actor: Actor): Promise<ResetPasswordResult> {
      const email = parse(staffEmailSchema, rawEmail, 'email');
      refuseSelf('resetPassword', actor, email);
      const account = await staffAccount(email);
      const { delivery } = deps;
      try {
        await cognito.send(new AdminResetUserPasswordCommand({ UserPoolId: userPoolId, Username: account.username }));
      } catch (error) {
        if (!(delivery.kind === 'screen' && isEmulatorGap(error))) throw cognitoRefusal(error, email);
      }
      if (delivery.kind === 'email') return { email, delivery: 'email' };
      const password = temporaryPassword();
      await call(email, () => delivery.setTemporaryPassword(account.username, password));
      return { email, delivery: 'screen', temporaryPassword: password };
    },

    /** Checks a PIN reset is allowed; the PIN itself lives only in the till's memory (AuthService). */
    checkResetPin(rawEmail: unknown, actor: Actor): string {
      const email = parse(staffEmailSchema, rawEmail, 'email');
      refuseSelf('resetPin', actor, email);
      return email;
    },
  };
}

export type StaffService = ReturnType<typeof createStaffService>;
