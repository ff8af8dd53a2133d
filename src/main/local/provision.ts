import {
  CognitoIdentityProviderClient,
  CreateGroupCommand,
  CreateUserPoolClientCommand,
  CreateUserPoolCommand,
  DescribeUserPoolCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import {
  CreateTableCommand,
  DescribeTableCommand,
  DynamoDBClient,
  ResourceNotFoundException,
  UpdateTableCommand,
} from '@aws-sdk/client-dynamodb';
import { COGNITO_PASSWORD_POLICY } from '../../shared/password-policy';
import { GROUPS } from '../../shared/roles';
import { createTableInput, TABLE_KEYS, type TableNames } from '../data/schema';

async function waitActive(client: DynamoDBClient, name: string): Promise<string[]> {
  for (let attempt = 0; ; attempt++) {
    const { Table } = await client.send(new DescribeTableCommand({ TableName: name }));
    const indexes = Table?.GlobalSecondaryIndexes ?? [];
    if (Table?.TableStatus === 'ACTIVE' && indexes.every((i) => i.IndexStatus === 'ACTIVE')) return indexes.map((i) => i.IndexName ?? '');
    if (attempt > 300) throw new Error(`Table ${name} did not become active`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/**
 * Creates any missing table from the schema module, adds any index a newer schema has to a table
 * kept from an older version (the demo café's data folder), and waits until all are ACTIVE.
 */
export async function ensureTables(client: DynamoDBClient, tables: TableNames): Promise<void> {
  for (const key of TABLE_KEYS) {
    try {
      await client.send(new DescribeTableCommand({ TableName: tables[key] }));
    } catch (error) {
      if (!(error instanceof ResourceNotFoundException)) throw error;
      await client.send(new CreateTableCommand(createTableInput(key, tables[key])));
    }
  }
  for (const key of TABLE_KEYS) {
    const existing = await waitActive(client, tables[key]);
    const wanted = createTableInput(key, tables[key]);
    // DynamoDB adds one index per update.
    for (const index of wanted.GlobalSecondaryIndexes ?? []) {
      if (existing.includes(index.IndexName!)) continue;
      await client.send(
        new UpdateTableCommand({
          TableName: tables[key],
          AttributeDefinitions: wanted.AttributeDefinitions,
          GlobalSecondaryIndexUpdates: [{ Create: { IndexName: index.IndexName, KeySchema: index.KeySchema, Projection: index.Projection } }],
        }),
      );
      await waitActive(client, tables[key]);
    }
  }
}

export interface UserPoolIds {
  userPoolId: string;
  clientId: string;
}

/** Group precedence: lower wins when Cognito has to pick one group's role. */
const GROUP_PRECEDENCE: Record<(typeof GROUPS)[number], number> = { Admin: 1, Barista: 2, Shipper: 3, Customer: 10 };

export async function createUserPool(client: CognitoIdentityProviderClient, name: string): Promise<UserPoolIds> {
  const { UserPool } = await client.send(
    new CreateUserPoolCommand({
      PoolName: name,
      UsernameAttributes: ['email'],
      AutoVerifiedAttributes: ['email'],
      Policies: { PasswordPolicy: COGNITO_PASSWORD_POLICY },
      AdminCreateUserConfig: { AllowAdminCreateUserOnly: true },
      Schema: [
        { Name: 'email', AttributeDataType: 'String', Required: true, Mutable: true },
        { Name: 'name', AttributeDataType: 'String', Required: false, Mutable: true },
      ],
    }),
  );
  const userPoolId = UserPool?.Id;
  if (!userPoolId) throw new Error('CreateUserPool returned no id');
  const { UserPoolClient } = await client.send(
    new CreateUserPoolClientCommand({
      UserPoolId: userPoolId,
      ClientName: `${name}-pos`,
      GenerateSecret: false,
      ExplicitAuthFlows: ['ALLOW_USER_SRP_AUTH', 'ALLOW_USER_PASSWORD_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'],
      EnableTokenRevocation: true,
    }),
  );
  const clientId = UserPoolClient?.ClientId;
  if (!clientId) throw new Error('CreateUserPoolClient returned no id');
  for (const group of GROUPS) {
    await client.send(
      new CreateGroupCommand({ UserPoolId: userPoolId, GroupName: group, Precedence: GROUP_PRECEDENCE[group] }),
    );
  }
  return { userPoolId, clientId };
}

export async function userPoolExists(client: CognitoIdentityProviderClient, userPoolId: string): Promise<boolean> {
  try {
    await client.send(new DescribeUserPoolCommand({ UserPoolId: userPoolId }));
    return true;
  } catch {
    return false;
  }
}
