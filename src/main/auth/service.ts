import {
  AuthenticationDetails,
  CognitoUser,
  CognitoUserPool,
  type CognitoUserSession,
  type ICognitoStorage,
} from 'amazon-cognito-identity-js';
import type { SessionView, SignInResult } from '../../shared/contract';
import { unmetPasswordRules } from '../../shared/password-policy';
import { AppError } from '../../shared/result';
import { ROLE_LABEL, SCREENS_BY_ROLE, staffRoleOf, type StaffRole } from '../../shared/roles';
import { cognitoError, type AuthStep } from './cognito-errors';

export interface CognitoSettings {
  userPoolId: string;
  clientId: string;
  /** cognito-local's URL; unset for real AWS. */
  endpoint?: string;
  /** USER_PASSWORD_AUTH for cognito-local (it has no SRP); USER_SRP_AUTH against AWS. */
  authFlow: 'USER_PASSWORD_AUTH' | 'USER_SRP_AUTH';
}

/** A signed-in staff member. Lives only in main: nothing here is sent to the renderer but `view`. */
export interface StaffSession {
  sub: string;
  email: string;
  name: string;
  role: StaffRole;
  view: SessionView;
  idToken: string;
  accessToken: string;
  /** Epoch ms when the ID/access tokens expire. */
  expiresAt: number;
  refreshedAt: number;
  user: CognitoUser;
  cognito: CognitoUserSession;
}

/** Refresh this long before expiry so a call never goes out with a token about to lapse. */
export const REFRESH_MARGIN_MS = 5 * 60 * 1000;

/** Tokens stay in memory, one store per session, so two signed-in tills never share a token. */
class MemoryStorage implements ICognitoStorage {
  private items = new Map<string, string>();
  setItem(key: string, value: string) {
    this.items.set(key, value);
  }
  getItem(key: string) {
    return this.items.get(key) ?? null;
  }
  removeItem(key: string) {
    this.items.delete(key);
  }
  clear() {
    this.items.clear();
  }
}

function passwordRuleError(password: string): AppError | null {
  const unmet = unmetPasswordRules(password);
  if (unmet.length === 0) return null;
  return new AppError(
    'VALIDATION',
    `The new password needs: ${unmet.map((rule) => rule.label[0]!.toLowerCase() + rule.label.slice(1)).join('; ')}.`,
    { fields: unmet.map((rule) => ({ path: 'newPassword', message: rule.label })) },
  );
}

export class AuthService {
  private sessions = new Map<string, StaffSession>();
  /** Sign-ins waiting for the user to choose a new password (NEW_PASSWORD_REQUIRED). */
  private challenges = new Map<string, { user: CognitoUser; email: string }>();
  private refreshing = new Map<string, Promise<StaffSession | null>>();

  constructor(
    private readonly settings: CognitoSettings,
    private readonly now: () => number = Date.now,
  ) {}

  private cognitoUser(email: string): CognitoUser {
    const pool = new CognitoUserPool({
      UserPoolId: this.settings.userPoolId,
      ClientId: this.settings.clientId,
      ...(this.settings.endpoint && { endpoint: `${this.settings.endpoint.replace(/\/$/, '')}/` }),
      Storage: new MemoryStorage(),
    });
    const user = new CognitoUser({ Username: email, Pool: pool, Storage: new MemoryStorage() });
    user.setAuthenticationFlowType(this.settings.authFlow);
    return user;
  }

  /** Authenticates without touching any session; for sign-in and for a manager's approval. */
  private authenticate(
    email: string,
    password: string,
    step: AuthStep,
  ): Promise<{ kind: 'session'; user: CognitoUser; session: CognitoUserSession } | { kind: 'newPassword'; user: CognitoUser }> {
    const user = this.cognitoUser(email);
    return new Promise((resolve, reject) => {
      user.authenticateUser(new AuthenticationDetails({ Username: email, Password: password }), {
        onSuccess: (session) => resolve({ kind: 'session', user, session }),
        onFailure: (error) => reject(cognitoError(error, step)),
        newPasswordRequired: () => resolve({ kind: 'newPassword', user }),
      });
    });
  }

  /** The display name: from the ID token when the pool puts it there, else from the user's attributes. */
  private async nameOf(user: CognitoUser, cognito: CognitoUserSession, known?: string): Promise<string | undefined> {
    const fromToken = cognito.getIdToken().decodePayload().name;
    if (typeof fromToken === 'string' && fromToken) return fromToken;
    if (known) return known;
    return new Promise((resolve) => {
      user.getUserAttributes((error, attributes) =>
        resolve(error ? undefined : attributes?.find((a) => a.getName() === 'name')?.getValue()),
      );
    });
  }

  private toSession(user: CognitoUser, cognito: CognitoUserSession, displayName?: string): StaffSession {
    const id = cognito.getIdToken();
    const payload = id.decodePayload() as Record<string, unknown>;
    const groups = Array.isArray(payload['cognito:groups']) ? (payload['cognito:groups'] as string[]) : [];
    const role = staffRoleOf(groups);
    const email = String(payload.email ?? user.getUsername());
    if (!role) {
      user.signOut();
      throw new AppError(
        'FORBIDDEN',
        groups.includes('Customer')
          ? 'This is a customer account. Only café staff can sign in to the POS.'
          : 'This account isn’t set up as staff yet. Ask your manager to add you to a staff group.',
      );
    }
    const name = displayName || email;
    return {
      sub: String(payload.sub),
      email,
      name,
      role,
      view: { email, name, role, roleLabel: ROLE_LABEL[role], screens: SCREENS_BY_ROLE[role] },
      idToken: id.getJwtToken(),
      accessToken: cognito.getAccessToken().getJwtToken(),
      expiresAt: Math.min(id.getExpiration(), cognito.getAccessToken().getExpiration()) * 1000,
      refreshedAt: this.now(),
      user,
      cognito,
    };
  }

  /**
   * Checks someone else's credentials at this till (a manager approving a discount) without
   * touching the signed-in session.
   */
  async verify(email: string, password: string): Promise<{ sub: string; email: string; name: string; role: StaffRole }> {
    const outcome = await this.authenticate(email, password, 'verify');
    if (outcome.kind === 'newPassword') {
      throw new AppError('UNAUTHENTICATED', 'That account still has a temporary password. Sign in with it once first.');
    }
    const session = this.toSession(outcome.user, outcome.session, await this.nameOf(outcome.user, outcome.session));
    outcome.user.signOut();
    return { sub: session.sub, email: session.email, name: session.name, role: session.role };
  }

  async signIn(key: string, email: string, password: string): Promise<SignInResult> {
    this.signOut(key);
    const outcome = await this.authenticate(email, password, 'signIn');
    if (outcome.kind === 'newPassword') {
      this.challenges.set(key, { user: outcome.user, email });
      return { status: 'NEW_PASSWORD_REQUIRED', email };
    }
    const session = this.toSession(outcome.user, outcome.session, await this.nameOf(outcome.user, outcome.session));
    this.sessions.set(key, session);
    return { status: 'SIGNED_IN', session: session.view };
  }

  async completeNewPassword(key: string, newPassword: string): Promise<SessionView> {
    const challenge = this.challenges.get(key);
    if (!challenge) {
      throw new AppError('UNAUTHENTICATED', 'Sign in with your temporary password first.');
    }
    const ruleError = passwordRuleError(newPassword);
    if (ruleError) throw ruleError;
    const cognito = await new Promise<CognitoUserSession>((resolve, reject) => {
      challenge.user.completeNewPasswordChallenge(newPassword, {}, {
        onSuccess: resolve,
        onFailure: (error) => reject(cognitoError(error, 'newPassword')),
      });
    });
    this.challenges.delete(key);
    const session = this.toSession(challenge.user, cognito, await this.nameOf(challenge.user, cognito));
    this.sessions.set(key, session);
    return session.view;
  }

  async forgotPassword(email: string): Promise<{ destination: string }> {
    const user = this.cognitoUser(email);
    const details = await new Promise<{ CodeDeliveryDetails?: { Destination?: string } }>((resolve, reject) => {
      user.forgotPassword({
        onSuccess: resolve,
        onFailure: (error) => reject(cognitoError(error, 'forgotPassword')),
        inputVerificationCode: resolve,
      });
    });
    return { destination: details?.CodeDeliveryDetails?.Destination ?? email };
  }

  async confirmForgotPassword(email: string, code: string, newPassword: string): Promise<{ reset: true }> {
    const ruleError = passwordRuleError(newPassword);
    if (ruleError) throw ruleError;
    const user = this.cognitoUser(email);
    await new Promise<void>((resolve, reject) => {
      user.confirmPassword(code, newPassword, {
        onSuccess: () => resolve(),
        onFailure: (error) => reject(cognitoError(error, 'confirmForgotPassword')),
      });
    });
    return { reset: true };
  }

  signOut(key: string): void {
    this.challenges.delete(key);
    const session = this.sessions.get(key);
    this.sessions.delete(key);
    this.refreshing.delete(key);
    session?.user.signOut();
  }

  /**
   * A signed-in staff member the sync worker can send the journal as (AWS mode needs someone's
   * credentials): a manager or barista, whose role may write orders. Orders keep their own createdBy.
   */
  async someone(): Promise<{ sessionKey: string; session: StaffSession } | null> {
    // A shipper's role can't write orders (IAM would refuse every send): with only a shipper
    // signed in, the journal waits for someone who can.
    const keys = [...this.sessions.entries()].filter(([, s]) => s.role !== 'Shipper').map(([key]) => key);
    for (const sessionKey of keys) {
      const session = await this.current(sessionKey);
      if (session) return { sessionKey, session };
    }
    return null;
  }

  /** The caller's session, refreshed first when its tokens are about to expire; null when signed out. */
  async current(key: string): Promise<StaffSession | null> {
    const session = this.sessions.get(key);
    if (!session) return null;
    if (session.expiresAt - this.now() > REFRESH_MARGIN_MS) return session;
    let pending = this.refreshing.get(key);
    if (!pending) {
      pending = this.refresh(key, session).finally(() => this.refreshing.delete(key));
      this.refreshing.set(key, pending);
    }
    return pending;
  }

  private async refresh(key: string, session: StaffSession): Promise<StaffSession | null> {
    try {
      const cognito = await new Promise<CognitoUserSession>((resolve, reject) => {
        session.user.refreshSession(session.cognito.getRefreshToken(), (error, result: CognitoUserSession) =>
          error ? reject(cognitoError(error, 'refresh')) : resolve(result),
        );
      });
      const refreshed = this.toSession(session.user, cognito, await this.nameOf(session.user, cognito, session.name));
      if (this.sessions.get(key) === session) this.sessions.set(key, refreshed);
      return refreshed;
    } catch (error) {
      if (error instanceof AppError && error.code === 'OFFLINE') {
        // Offline: keep the session so the next call can refresh. The till keeps selling into its
        // journal for whoever signed in, even past the token's hour; nothing reaches AWS without a
        // fresh token anyway.
        return session;
      }
      if (this.sessions.get(key) === session) this.sessions.delete(key);
      return null;
    }
  }
}
