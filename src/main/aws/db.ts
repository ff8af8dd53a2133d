import { fromCognitoIdentityPool } from '@aws-sdk/credential-providers';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { AppError } from '../../shared/result';
import type { AuthService } from '../auth/service';
import type { BackendConfig } from '../config';
import { createDocumentClient } from '../data/client';
import { requestContext } from '../ipc/request-context';
import { LOCAL_CREDENTIALS } from '../local/stack';
import type { Connectivity } from '../sync/connectivity';

/**
 * The document client the services use. Locally: one client with the emulator's dummy keys. On
 * AWS: the same interface, but each call goes out with the calling staff member's temporary
 * credentials from the identity pool, so IAM enforces their group's role on every request.
 */
export function createDb(config: BackendConfig, auth: Pick<AuthService, 'current'>, connectivity?: Connectivity): DynamoDBDocumentClient {
  if (config.mode === 'local') {
    return createDocumentClient({ region: config.region, endpoint: config.dynamoEndpoint, credentials: LOCAL_CREDENTIALS }, connectivity);
  }
  const identityPoolId: string | undefined = config.identityPoolId;
  if (!identityPoolId) throw new Error('AWS mode needs the identity pool id.');
  const poolId: string = identityPoolId;
  const provider = `cognito-idp.${config.region}.amazonaws.com/${config.userPoolId}`;
  const identityClientConfig = { region: config.region, ...(config.cognitoIdentityEndpoint && { endpoint: config.cognitoIdentityEndpoint }) };
  const perStaff = new Map<string, DynamoDBDocumentClient>();

  function clientFor(sessionKey: string, userId: string): DynamoDBDocumentClient {
    let client = perStaff.get(userId);
    if (!client) {
      client = createDocumentClient({
        region: config.region,
        ...(config.dynamoEndpoint && { endpoint: config.dynamoEndpoint }),
        // The SDK refreshes these before they expire, asking for the ID token afresh each time,
        // which AuthService refreshes in turn.
        credentials: fromCognitoIdentityPool({
          clientConfig: identityClientConfig,
          identityPoolId: poolId,
          logins: {
            [provider]: async () => {
              const session = await auth.current(sessionKey);
              if (!session) throw new AppError('UNAUTHENTICATED', 'Your session has ended. Please sign in again.');
              return session.idToken;
            },
          },
        }),
      }, connectivity);
      perStaff.set(userId, client);
    }
    return client;
  }

  const routed = {
    send(command: Parameters<DynamoDBDocumentClient['send']>[0]) {
      const context = requestContext.getStore();
      if (!context?.session) throw new AppError('UNAUTHENTICATED', 'Please sign in first.');
      return clientFor(context.sessionKey, context.session.sub).send(command);
    },
  };
  return routed as unknown as DynamoDBDocumentClient;
}
