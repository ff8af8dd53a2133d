import { fromCognitoIdentityPool } from '@aws-sdk/credential-providers';
import type { AwsCredentialIdentityProvider } from '@smithy/types';
import { AppError } from '../../shared/result';
import type { AuthService } from '../auth/service';
import type { BackendConfig } from '../config';
import { requestContext } from '../ipc/request-context';

/**
 * AWS mode: a staff member's temporary credentials from the identity pool, for every AWS client
 * (DynamoDB, and Cognito's admin API for a manager), so IAM enforces their group's role on every
 * request. One provider per person, refreshed by the SDK before it expires with a fresh ID token:
 * that person's own, wherever they are signed in, never that of whoever is at the keyboard (on a
 * shared till the sync worker sends a barista's punch while the manager is at it, or nobody is).
 */
export function staffCredentials(config: BackendConfig, auth: Pick<AuthService, 'member'>): (userId: string) => AwsCredentialIdentityProvider {
  const identityPoolId: string | undefined = config.identityPoolId;
  if (!identityPoolId) throw new Error('AWS mode needs the identity pool id.');
  const poolId: string = identityPoolId;
  const provider = `cognito-idp.${config.region}.amazonaws.com/${config.userPoolId}`;
  const clientConfig = { region: config.region, ...(config.cognitoIdentityEndpoint && { endpoint: config.cognitoIdentityEndpoint }) };
  const perStaff = new Map<string, AwsCredentialIdentityProvider>();
  return (userId) => {
    let credentials = perStaff.get(userId);
    if (!credentials) {
      credentials = fromCognitoIdentityPool({
        clientConfig,
        identityPoolId: poolId,
        logins: {
          [provider]: async () => {
            const held = await auth.member(userId);
            if (!held) throw new AppError('UNAUTHENTICATED', 'Your session has ended. Please sign in again.');
            return held.session.idToken;
          },
        },
      });
      perStaff.set(userId, credentials);
    }
    return credentials;
  };
}

/** Whose request is under way; AWS mode has no credentials but a signed-in person's. */
export function callerOf(): string {
  const context = requestContext.getStore();
  if (!context?.session) throw new AppError('UNAUTHENTICATED', 'Please sign in first.');
  return context.session.sub;
}
