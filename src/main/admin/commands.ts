import { AdminSetUserPasswordCommand, CognitoIdentityProviderClient } from '@aws-sdk/client-cognito-identity-provider';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { z } from 'zod';
import { contract } from '../../shared/contract';
import { shopSettingsSchema } from '../../shared/settings';
import type { TableNames } from '../data/schema';
import { createStaffService, type StaffService } from '../staff/service';
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

/**
 * The staff service with the owner's credentials: the same one the Staff screen uses. On AWS,
 * Cognito emails invitations and reset codes; on the embedded stack (no email) the temporary
 * password is printed once.
 */
export function staffAdmin(target: AdminTarget, mode: 'aws' | 'local'): StaffService {
  return createStaffService({
    cognito: target.cognito,
    doc: target.doc,
    userPoolId: target.userPoolId,
    tables: target.tables,
    delivery:
      mode === 'aws'
        ? { kind: 'email' }
        : {
            kind: 'screen',
            setTemporaryPassword: async (email, password) => {
              await target.cognito.send(new AdminSetUserPasswordCommand({ UserPoolId: target.userPoolId, Username: email, Password: password, Permanent: false }));
            },
          },
  });
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
