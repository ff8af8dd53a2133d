import {
  AdminAddUserToGroupCommand,
  AdminCreateUserCommand,
  AdminSetUserPasswordCommand,
  type CognitoIdentityProviderClient,
} from '@aws-sdk/client-cognito-identity-provider';
import { BatchWriteCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { CATEGORIES_ID, MENU_ACTIVE, SETTINGS_ID, type TableNames } from '../data/schema';
import { emailKey, phoneKey } from '../loyalty/service';
import { nameKey } from '../menu/admin';
import { DEMO_CATEGORIES, DEMO_CUSTOMERS, DEMO_PASSWORD, DEMO_PRODUCTS, DEMO_SETTINGS, DEMO_STAFF } from './demo-data';

export interface CognitoUserSpec {
  email: string;
  name: string;
  group: string;
  password: string;
  /** Leave the password temporary, so the first sign-in must choose a new one. */
  temporary?: boolean;
}

/** Creates a Cognito user in a group; returns its `sub`. */
export async function createCognitoUser(
  cognito: CognitoIdentityProviderClient,
  userPoolId: string,
  spec: CognitoUserSpec,
): Promise<string> {
  const { User } = await cognito.send(
    new AdminCreateUserCommand({
      UserPoolId: userPoolId,
      Username: spec.email,
      MessageAction: 'SUPPRESS',
      TemporaryPassword: spec.password,
      UserAttributes: [
        { Name: 'email', Value: spec.email },
        { Name: 'email_verified', Value: 'true' },
        { Name: 'name', Value: spec.name },
      ],
    }),
  );
  if (!spec.temporary) {
    await cognito.send(
      new AdminSetUserPasswordCommand({ UserPoolId: userPoolId, Username: spec.email, Password: spec.password, Permanent: true }),
    );
  }
  await cognito.send(new AdminAddUserToGroupCommand({ UserPoolId: userPoolId, Username: spec.email, GroupName: spec.group }));
  const sub = User?.Attributes?.find((a) => a.Name === 'sub')?.Value ?? User?.Username;
  if (!sub) throw new Error(`AdminCreateUser returned no id for ${spec.email}`);
  return sub;
}

async function batchPut(doc: DynamoDBDocumentClient, table: string, items: Record<string, unknown>[]): Promise<void> {
  for (let i = 0; i < items.length; i += 25) {
    let requests = { [table]: items.slice(i, i + 25).map((Item) => ({ PutRequest: { Item } })) };
    for (let attempt = 0; Object.keys(requests).length > 0; attempt++) {
      if (attempt > 10) throw new Error(`Seeding ${table}: writes kept coming back unprocessed`);
      const { UnprocessedItems } = await doc.send(new BatchWriteCommand({ RequestItems: requests }));
      requests = (UnprocessedItems ?? {}) as typeof requests;
      if (Object.keys(requests).length > 0) await new Promise((r) => setTimeout(r, 50 * 2 ** attempt));
    }
  }
}

export interface SeedTarget {
  doc: DynamoDBDocumentClient;
  cognito: CognitoIdentityProviderClient;
  tables: TableNames;
  userPoolId: string;
  now?: Date;
}

/** Seeds the demo café: settings, menu, staff and customer accounts, customers with points. */
export async function seedDemoCafe({ doc, cognito, tables, userPoolId, now = new Date() }: SeedTarget): Promise<void> {
  const at = now.toISOString();

  await batchPut(doc, tables.Products, [
    { productId: SETTINGS_ID, ...DEMO_SETTINGS, updatedAt: at },
    { productId: CATEGORIES_ID, categories: DEMO_CATEGORIES, updatedAt: at },
    ...DEMO_PRODUCTS.map((p, index) => ({
      productId: p.productId,
      name: p.name,
      description: p.description,
      category: p.category,
      priceCents: p.priceCents,
      modifierGroups: p.modifierGroups ?? [],
      available: p.available ?? true,
      sortOrder: (index + 1) * 10,
      menuStatus: MENU_ACTIVE,
      menuSort: String((index + 1) * 10).padStart(6, '0'),
      version: 1,
      updatedAt: at,
      updatedBy: 'seed',
      priceHistory: [],
    })),
    ...DEMO_PRODUCTS.map((p) => ({ productId: nameKey(p.category, p.name), owner: p.productId })),
  ]);

  const staffItems: Record<string, unknown>[] = [];
  for (const staff of DEMO_STAFF) {
    const sub = await createCognitoUser(cognito, userPoolId, { ...staff, password: DEMO_PASSWORD });
    staffItems.push({ userId: sub, email: staff.email, name: staff.name, role: staff.group, createdAt: at });
  }

  await batchPut(doc, tables.Users, [
    ...staffItems,
    ...DEMO_CUSTOMERS.flatMap((c) => [
      { userId: c.userId, name: c.name, email: c.email, phone: c.phone, ...(c.address && { address: c.address }), role: 'Customer', points: c.points, createdAt: at, createdBy: 'seed' },
      { userId: phoneKey(c.phone), customerId: c.userId },
      { userId: emailKey(c.email), customerId: c.userId },
    ]),
  ]);

  // The balance is always the sum of the ledger, so opening balances are ledger entries too.
  await batchPut(
    doc,
    tables.Points,
    DEMO_CUSTOMERS.flatMap((c) => [
      { customerId: c.userId, entryId: 'BALANCE', balance: c.points, version: 1, updatedAt: at },
      ...(c.points === 0
        ? []
        : [{ customerId: c.userId, entryId: `TXN#${at}#opening`, delta: c.points, reason: 'Opening balance', actor: 'seed', createdAt: at }]),
    ]),
  );
}
