import { CognitoIdentityProviderClient } from '@aws-sdk/client-cognito-identity-provider';
import type { AuthService } from '../auth/service';
import type { BackendConfig } from '../config';
import { LOCAL_CREDENTIALS } from '../local/stack';
import { callerOf, staffCredentials } from './staff-credentials';

export type CognitoAdmin = Pick<CognitoIdentityProviderClient, 'send'>;

/**
 * Cognito's admin API as the Staff screen calls it. Locally: the emulator, with its dummy keys.
 * On AWS: with the signed-in manager's own temporary credentials, so the Admin role's grants
 * (infra/stack.ts) are the only thing that lets these calls through; no till holds owner keys.
 */
export function createCognitoAdmin(config: BackendConfig, auth: Pick<AuthService, 'member'>): CognitoAdmin {
  if (config.mode === 'local') {
    return new CognitoIdentityProviderClient({ region: config.region, endpoint: config.cognitoEndpoint, credentials: LOCAL_CREDENTIALS, maxAttempts: 2 });
  }
  const credentialsFor = staffCredentials(config, auth);
  const perStaff = new Map<string, CognitoIdentityProviderClient>();
  return {
    send(command: Parameters<CognitoIdentityProviderClient['send']>[0]) {
      const userId = callerOf();
      let client = perStaff.get(userId);
      if (!client) {
        client = new CognitoIdentityProviderClient({
          region: config.region,
          ...(config.cognitoEndpoint && { endpoint: config.cognitoEndpoint }),
          credentials: credentialsFor(userId),
          maxAttempts: 2,
        });
        perStaff.set(userId, client);
      }
      return client.send(command);
    },
  } as CognitoAdmin;
}
