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
} from '@aws-sdk/client-dynamodb';
import { COGNITO_PASSWORD_POLICY } from '../../shared/password-policy';
import { GROUPS } from '../../shared/roles';
import { createTableInput, TABLE_KEYS, type TableNames } from '../data/schema';

/** Creates any missing table from the schema module and waits until all are ACTIVE. */
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
    for (let attempt = 0; ; attempt++) {
      const { Table } = await client.send(new DescribeTableCommand({ TableName: tables[key] }));
      if (Table?.TableStatus === 'ACTIVE') break;
      if (attempt > 100) throw new Error(`Table ${tables[key]} did not become active`);
      await new Promise((r) => setTimeout(r, 100));
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
