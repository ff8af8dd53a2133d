import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { AuthService } from '../auth/service';
import type { BackendConfig } from '../config';
import { createDocumentClient } from '../data/client';
import { callerOf, staffCredentials } from './staff-credentials';
import { LOCAL_CREDENTIALS } from '../local/stack';
import type { Connectivity } from '../sync/connectivity';

/**
 * The document client the services use. Locally: one client with the emulator's dummy keys. On
 * AWS: the same interface, but each call goes out with the calling staff member's temporary
 * credentials from the identity pool, so IAM enforces their group's role on every request.
 */
export function createDb(config: BackendConfig, auth: Pick<AuthService, 'member'>, connectivity?: Connectivity): DynamoDBDocumentClient {
  if (config.mode === 'local') {
    return createDocumentClient({ region: config.region, endpoint: config.dynamoEndpoint, credentials: LOCAL_CREDENTIALS }, connectivity);
  }
  const credentialsFor = staffCredentials(config, auth);
  const perStaff = new Map<string, DynamoDBDocumentClient>();

  function clientFor(userId: string): DynamoDBDocumentClient {
    let client = perStaff.get(userId);
    if (!client) {
      client = createDocumentClient(
        { region: config.region, ...(config.dynamoEndpoint && { endpoint: config.dynamoEndpoint }), credentials: credentialsFor(userId) },
        connectivity,
      );
      perStaff.set(userId, client);
    }
    return client;
  }

  const routed = {
    send(command: Parameters<DynamoDBDocumentClient['send']>[0]) {
      return clientFor(callerOf()).send(command);
    },
  };
  return routed as unknown as DynamoDBDocumentClient;
}
