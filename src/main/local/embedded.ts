import { CognitoIdentityProviderClient } from '@aws-sdk/client-cognito-identity-provider';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { BackendConfig } from '../config';
import { createDocumentClient } from '../data/client';
import { tableNames } from '../data/schema';
import { createUserPool, ensureTables, userPoolExists } from './provision';
import { seedDemoCafe } from './seed';
import { LOCAL_CREDENTIALS, startLocalStack, type LocalStack, type LocalStackOptions } from './stack';

export function localClients(stack: Pick<LocalStack, 'dynamoEndpoint' | 'cognitoEndpoint' | 'region'>) {
  const common = { region: stack.region, credentials: LOCAL_CREDENTIALS };
  const dynamo = new DynamoDBClient({ ...common, endpoint: stack.dynamoEndpoint });
  return {
    dynamo,
    doc: createDocumentClient({ ...common, endpoint: stack.dynamoEndpoint }),
    cognito: new CognitoIdentityProviderClient({ ...common, endpoint: stack.cognitoEndpoint }),
  };
}

/** Creates tables and a user pool under a fresh name and seeds the demo café into them. */
export async function provisionDemoCafe(
  stack: Pick<LocalStack, 'dynamoEndpoint' | 'cognitoEndpoint' | 'region'>,
  prefix: string,
): Promise<BackendConfig> {
  const { dynamo, doc, cognito } = localClients(stack);
  const tables = tableNames(prefix);
  await ensureTables(dynamo, tables);
  const { userPoolId, clientId } = await createUserPool(cognito, prefix);
  await seedDemoCafe({ doc, cognito, tables, userPoolId });
  return {
    mode: 'local',
    region: stack.region,
    tables,
    userPoolId,
    clientId,
    authFlow: 'USER_PASSWORD_AUTH',
    dynamoEndpoint: stack.dynamoEndpoint,
    cognitoEndpoint: stack.cognitoEndpoint,
  };
}

interface ProvisionedState {
  prefix: string;
  userPoolId: string;
  clientId: string;
  seededAt: string;
}

const STATE_FILE = 'local-stack.json';

/**
 * Starts the emulators and, the first time (or after `npm run reset`), provisions and seeds the demo
 * café. Later runs reuse what is in the data directory.
 */
export async function startEmbeddedBackend(
  options: Omit<LocalStackOptions, 'persist'> & { persist?: boolean },
): Promise<{ stack: LocalStack; config: BackendConfig; seeded: boolean }> {
  const persist = options.persist ?? true;
  const stack = await startLocalStack({ ...options, persist });
  try {
    const statePath = path.join(options.dataDir, STATE_FILE);
    if (persist && existsSync(statePath)) {
      const state = JSON.parse(readFileSync(statePath, 'utf8')) as ProvisionedState;
      const { dynamo, cognito } = localClients(stack);
      if (await userPoolExists(cognito, state.userPoolId)) {
        const tables = tableNames(state.prefix);
        await ensureTables(dynamo, tables);
        const config: BackendConfig = {
          mode: 'local',
          region: stack.region,
          tables,
          userPoolId: state.userPoolId,
          clientId: state.clientId,
          authFlow: 'USER_PASSWORD_AUTH',
          dynamoEndpoint: stack.dynamoEndpoint,
          cognitoEndpoint: stack.cognitoEndpoint,
        };
        return { stack, config, seeded: false };
      }
    }
    const prefix = 'coffee-cloud-local';
    const config = await provisionDemoCafe(stack, prefix);
    if (persist) {
      const state: ProvisionedState = {
        prefix,
        userPoolId: config.userPoolId,
        clientId: config.clientId,
        seededAt: new Date().toISOString(),
      };
      writeFileSync(`${statePath}.tmp`, JSON.stringify(state, null, 2));
      renameSync(`${statePath}.tmp`, statePath);
    }
    return { stack, config, seeded: true };
  } catch (error) {
    await stack.stop();
    throw error;
  }
}
