import { CognitoIdentityProviderClient } from '@aws-sdk/client-cognito-identity-provider';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { existsSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
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
/** Where the running emulators listen, for tools such as the admin CLI; removed on stop. */
export const RUNNING_FILE = 'running.json';

export interface RunningState {
  pid: number;
  dynamoEndpoint: string;
  cognitoEndpoint: string;
  region: string;
  userPoolId: string;
  clientId: string;
  tablePrefix: string;
  /** DynamoDB Local's and cognito-local's processes. */
  emulatorPids: number[];
}

function announce(dataDir: string, stack: LocalStack, config: BackendConfig, prefix: string): LocalStack {
  const file = path.join(dataDir, RUNNING_FILE);
  const state: RunningState = {
    pid: process.pid,
    dynamoEndpoint: stack.dynamoEndpoint,
    cognitoEndpoint: stack.cognitoEndpoint,
    region: stack.region,
    userPoolId: config.userPoolId,
    clientId: config.clientId,
    tablePrefix: prefix,
    emulatorPids: stack.pids,
  };
  writeFileSync(file, JSON.stringify(state, null, 2));
  return {
    ...stack,
    async stop() {
      rmSync(file, { force: true });
      await stack.stop();
    },
  };
}

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
        return { stack: announce(options.dataDir, stack, config, state.prefix), config, seeded: false };
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
    return { stack: persist ? announce(options.dataDir, stack, config, prefix) : stack, config, seeded: true };
  } catch (error) {
    await stack.stop();
    throw error;
  }
}
