import { AdminGetUserCommand, AdminSetUserPasswordCommand, CognitoIdentityProviderClient } from '@aws-sdk/client-cognito-identity-provider';
import type { BackendConfig } from '../config';
import { LOCAL_CREDENTIALS } from './stack';

/**
 * What real Cognito does by itself and cognito-local (5.3) doesn't, done here for the local demo
 * only, with the emulator's own keys (like seeding: no call AWS mode makes, so not recorded):
 * - a disabled account can still sign in there: Cognito answers "User is disabled.";
 * - it has no AdminResetUserPassword: Cognito emails a reset code; the demo shows a new
 *   temporary password instead (the next sign-in then asks for a new password).
 */
export function localCognitoGaps(config: BackendConfig) {
  const client = new CognitoIdentityProviderClient({ region: config.region, endpoint: config.cognitoEndpoint, credentials: LOCAL_CREDENTIALS, maxAttempts: 1 });
  return {
    async isDisabled(email: string): Promise<boolean> {
      try {
        const user = await client.send(new AdminGetUserCommand({ UserPoolId: config.userPoolId, Username: email }));
        return user.Enabled === false;
      } catch {
        // Unknown to the emulator, or it hiccuped: the sign-in's own answer stands.
        return false;
      }
    },
    async setTemporaryPassword(email: string, password: string): Promise<void> {
      await client.send(new AdminSetUserPasswordCommand({ UserPoolId: config.userPoolId, Username: email, Password: password, Permanent: false }));
    },
  };
}
