import {
  AdminDisableUserCommand,
  AdminUserGlobalSignOutCommand,
  CognitoIdentityProviderClient,
  ListUsersInGroupCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import { PutCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { randomBytes, randomInt } from 'node:crypto';
import { z } from 'zod';
import { contract } from '../../shared/contract';
import { unmetPasswordRules } from '../../shared/password-policy';
import { STAFF_ROLES, type StaffRole } from '../../shared/roles';
import { shopSettingsSchema } from '../../shared/settings';
import type { TableNames } from '../data/schema';
import { createCognitoUser } from '../local/seed';
import { createMenuAdmin } from '../menu/admin';
import { createMenuService } from '../menu/service';
import { createSettingsAdmin } from '../menu/settings';

/**
 * The owner's admin tasks, against the local stack or AWS alike: they run with the owner's own
 * credentials (IAM for AWS), not a barista's, so they live outside the POS and its roles.
 */
export interface AdminTarget {
  cognito: CognitoIdentityProviderClient;
  doc: DynamoDBDocumentClient;
  userPoolId: string;
  tables: TableNames;
}

/** A temporary password that meets the pool's policy; the new staff member replaces it at first sign-in. */
export function temporaryPassword(): string {
  const pick = (set: string) => set[randomInt(set.length)]!;
  const body = randomBytes(9).toString('base64url');
  const password = `${pick('ABCDEFGHJKLMNPQRSTUVWXYZ')}${pick('abcdefghijkmnpqrstuvwxyz')}${pick('23456789')}${pick('#!@$%')}${body}`;
  if (unmetPasswordRules(password).length > 0) return temporaryPassword();
  return password;
}

export async function createStaff(target: AdminTarget, input: { email: string; name: string; group: string }, now = new Date()) {
  const email = z.email({ error: `“${input.email}” isn’t an email address.` }).parse(input.email.trim().toLowerCase());
  if (!STAFF_ROLES.includes(input.group as StaffRole)) throw new Error(`--group must be one of ${STAFF_ROLES.join(', ')}.`);
  if (!input.name.trim()) throw new Error('--name is required.');
  const password = temporaryPassword();
  const sub = await createCognitoUser(target.cognito, target.userPoolId, { email, name: input.name.trim(), group: input.group, password, temporary: true });
  await target.doc.send(
    new PutCommand({ TableName: target.tables.Users, Item: { userId: sub, email, name: input.name.trim(), role: input.group, createdAt: now.toISOString() } }),
  );
  return { email, temporaryPassword: password };
}

export async function listStaff(target: AdminTarget) {
  const staff: { email: string; name: string; group: string; enabled: boolean; status: string }[] = [];
  for (const group of STAFF_ROLES) {
    let NextToken: string | undefined;
    do {
      const page = await target.cognito.send(new ListUsersInGroupCommand({ UserPoolId: target.userPoolId, GroupName: group, NextToken }));
      for (const u of page.Users ?? []) {
        const attr = (n: string) => u.Attributes?.find((a) => a.Name === n)?.Value ?? '';
        staff.push({ email: attr('email'), name: attr('name'), group, enabled: u.Enabled !== false, status: u.UserStatus ?? '' });
      }
      NextToken = page.NextToken;
    } while (NextToken);
  }
  return staff.toSorted((a, b) => a.group.localeCompare(b.group) || a.email.localeCompare(b.email));
}

export async function disableStaff(target: AdminTarget, email: string) {
  await target.cognito.send(new AdminDisableUserCommand({ UserPoolId: target.userPoolId, Username: email }));
  // Refresh tokens already handed out stop working too.
  await target.cognito.send(new AdminUserGlobalSignOutCommand({ UserPoolId: target.userPoolId, Username: email })).catch(() => {});
}

const menuFile = z.strictObject({
  settings: shopSettingsSchema.optional(),
  categories: contract['menu.saveCategories'].input.shape.categories.optional(),
  products: z.array(contract['menu.create'].input.shape.product),
});

/**
 * Loads a menu from JSON: the same validation as the editor, product by product, reporting each.
 * The whole file is checked first, so a file with a bad setting writes nothing at all.
 */
export async function seedMenu(target: AdminTarget, json: unknown, actor = 'admin CLI') {
  const parsed = menuFile.safeParse(json);
  if (!parsed.success) {
    // Settings messages name their own field ("taxRateBps 8 is 0.08%…").
    throw new Error([...new Set(parsed.error.issues.map((i) => (i.path[0] === 'settings' ? `settings: ${i.message}` : `${i.path.join('.')}: ${i.message}`)))].join('\n'));
  }
  const file = parsed.data;
  if (file.settings) await createSettingsAdmin({ doc: target.doc, tables: target.tables }).save('latest', file.settings, actor);
  const menu = createMenuService(target.doc, target.tables);
  await menu.settings().catch(() => {
    throw new Error('The shop has no settings yet: include "settings" in the menu file.');
  });
  const admin = createMenuAdmin({ doc: target.doc, tables: target.tables, settings: () => menu.settings() });
  if (file.categories) {
    const { categoriesVersion } = await admin.list();
    await admin.saveCategories(categoriesVersion, file.categories, actor);
  }
  const results: { name: string; ok: boolean; message?: string }[] = [];
  for (const product of file.products) {
    try {
      await admin.create(product, actor);
      results.push({ name: product.name, ok: true });
    } catch (error) {
      results.push({ name: product.name, ok: false, message: error instanceof Error ? error.message : String(error) });
    }
  }
  return results;
}
