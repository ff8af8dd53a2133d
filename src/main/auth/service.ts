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
import { cognitoError, DISABLED_MESSAGE, type AuthStep } from './cognito-errors';
import { Till, type TillMember } from './till';
import type { TillView } from '../../shared/contract';

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

export interface AuthOptions {
  /**
   * The demo café's PINs by email (local mode only): a demo account signing in without choosing
   * a PIN gets the one the README lists. Never set against AWS.
   */
  demoPins?: Readonly<Record<string, string>>;
  /**
   * Local mode only: cognito-local lets a disabled account sign in, where Cognito refuses it
   * itself; this asks the emulator so the demo refuses it too. Never set against AWS.
   */
  isDisabled?: (email: string) => Promise<boolean>;
}

export class AuthService {
  /** Each till (a window or tab, by session key): everyone signed in on it and who is active. */
  private tills = new Map<string, Till>();
  /** Sign-ins waiting for the user to choose a new password (NEW_PASSWORD_REQUIRED). */
  private challenges = new Map<string, { user: CognitoUser; email: string; pin?: string }>();
  private refreshing = new Map<TillMember, Promise<StaffSession | null>>();

  constructor(
    private readonly settings: CognitoSettings,
    private readonly now: () => number = Date.now,
    private readonly options: AuthOptions = {},
  ) {}

  private tillOf(key: string): Till {
    let till = this.tills.get(key);
    if (!till) this.tills.set(key, (till = new Till()));
    return till;
  }

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

  private async refuseDisabled(email: string, user: CognitoUser): Promise<void> {
    if (!(await this.options.isDisabled?.(email))) return;
    user.signOut();
    throw new AppError('UNAUTHENTICATED', DISABLED_MESSAGE);
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
    await this.refuseDisabled(email, outcome.user);
    if (outcome.kind === 'newPassword') {
      throw new AppError('UNAUTHENTICATED', 'That account still has a temporary password. Sign in with it once first.');
    }
    const session = this.toSession(outcome.user, outcome.session, await this.nameOf(outcome.user, outcome.session));
    outcome.user.signOut();
    return { sub: session.sub, email: session.email, name: session.name, role: session.role };
  }

  /**
   * Adds a person to this till (others stay signed in behind the lock screen) and makes them the
   * one at the keyboard. The PIN is hashed only once the password proved who they are. It is never
   * compared with anyone else's: the lock screen asks whose session to open before the PIN, so two
   * people may share one, and a "that PIN is taken" answer would tell the asker someone's PIN.
   */
  async signIn(key: string, email: string, password: string, pin?: string): Promise<SignInResult> {
    this.challenges.delete(key);
    // Whoever was at the keyboard isn't now: a failed attempt leaves the till locked, not theirs.
    this.lock(key);
    const chosen = pin ?? this.options.demoPins?.[email];
    const outcome = await this.authenticate(email, password, 'signIn');
    await this.refuseDisabled(email, outcome.user);
    if (outcome.kind === 'newPassword') {
      this.challenges.set(key, { user: outcome.user, email, ...(chosen && { pin: chosen }) });
      return { status: 'NEW_PASSWORD_REQUIRED', email };
    }
    const session = this.toSession(outcome.user, outcome.session, await this.nameOf(outcome.user, outcome.session));
    await this.admit(key, session, chosen);
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
    await this.admit(key, session, challenge.pin);
    return session.view;
  }

  private async admit(key: string, session: StaffSession, pin: string | undefined): Promise<void> {
    this.signedInOnce = true;
    const till = this.tillOf(key);
    // Signing in again (after a lock-out, or a new PIN) replaces their old session here.
    const previous = till.members.get(session.sub);
    await till.add(session, pin);
    if (previous && previous.session.user !== session.user) previous.session.user.signOut();
  }

  private signedInOnce = false;

  /** Whether anyone has signed in here since main started (a fresh demo till is fresh until then). */
  everSignedIn(): boolean {
    return this.signedInOnce;
  }

  /** Who is signed in on this till and whether it is locked; no secrets, for the lock screen. */
  till(key: string): TillView {
    return this.tills.get(key)?.view() ?? { locked: false, active: null, members: [] };
  }

  /** The lock screen: the session stays held, nobody's calls are signed until someone unlocks. */
  lock(key: string): TillView {
    const till = this.tills.get(key);
    if (till) till.active = null;
    return this.till(key);
  }

  /** Makes a person already signed in here the active one, by PIN. Works offline: nothing leaves main. */
  async unlock(key: string, email: string, pin: string): Promise<SessionView> {
    const till = this.tills.get(key);
    if (!till) throw new AppError('UNAUTHENTICATED', 'Nobody is signed in on this till. Sign in with your email and password.');
    const member = await till.checkPin(email, pin, (m) => this.remove(key, m));
    till.active = member.session.sub;
    return member.session.view;
  }

  /** The lock screen's PIN as it is typed (Till.prepare): answered the same whoever and whatever it is. */
  preparePin(key: string, email: string, pin: string): void {
    this.tills.get(key)?.prepare(email, pin);
  }

  /**
   * A manager's PIN at someone else's turn on this till (an approval): the same attempt limit as
   * the lock screen, and the active person stays active.
   */
  async verifyPin(key: string, email: string, pin: string): Promise<{ sub: string; email: string; name: string; role: StaffRole }> {
    const till = this.tills.get(key);
    const member = till?.byEmail(email);
    if (!till || !member) {
      throw new AppError('UNAUTHENTICATED', 'That manager isn’t signed in on this till. Use their password instead.', {
        fields: [{ path: 'email', message: 'Not signed in on this till.' }],
      });
    }
    const { session } = await till.checkPin(email, pin, (m) => this.remove(key, m));
    return { sub: session.sub, email: session.email, name: session.name, role: session.role };
  }

  private remove(key: string, member: TillMember): void {
    const till = this.tills.get(key);
    if (!till || till.members.get(member.session.sub) !== member) return;
    till.members.delete(member.session.sub);
    if (till.active === member.session.sub) till.active = null;
    this.refreshing.delete(member);
    if (till.members.size === 0) this.tills.delete(key);
    member.session.user.signOut();
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

  /** Signs the active person out of this till for good; the others stay, behind the lock screen. */
  signOut(key: string): void {
    this.challenges.delete(key);
    const member = this.tills.get(key)?.activeMember;
    if (member) this.remove(key, member);
  }

  /**
   * Takes someone off every till of this app (a manager disabled them, moved them to another
   * group, or reset their PIN): their session and PIN are gone from the lock screen, so they come
   * back only through a password sign-in, if Cognito still lets them. Returns how many tills.
   */
  endSessions(email: string): number {
    let ended = 0;
    for (const [key, till] of [...this.tills]) {
      const member = till.byEmail(email.toLowerCase());
      if (member) {
        this.remove(key, member);
        ended++;
      }
    }
    for (const [key, challenge] of [...this.challenges]) if (challenge.email === email) this.challenges.delete(key);
    return ended;
  }

  /** Everyone off this till (its window closed, or its tab left idle). */
  signOutAll(key: string): void {
    this.challenges.delete(key);
    for (const member of [...(this.tills.get(key)?.members.values() ?? [])]) this.remove(key, member);
  }

  /**
   * A signed-in staff member the sync worker can send the journal as (AWS mode needs someone's
   * credentials): a manager or barista, whose role may write orders. Orders keep their own createdBy.
   */
  async someone(shipperToo = false): Promise<{ sessionKey: string; session: StaffSession } | null> {
    // A shipper's role can't write orders (IAM would refuse every send): with only a shipper
    // signed in, the journal waits for someone who can. Anyone signed in on a till counts, locked
    // or not: orders keep their own createdBy, so whose credentials carry them doesn't change them.
    const candidates = [...this.tills.entries()].flatMap(([sessionKey, till]) =>
      [...till.members.values()].filter((m) => shipperToo || m.session.role !== 'Shipper').map((member) => ({ sessionKey, member })),
    );
    for (const { sessionKey, member } of candidates) {
      const session = await this.fresh(sessionKey, member);
      if (session) return { sessionKey, session };
    }
    return null;
  }

  /** Who is signed in on this till, with their ids (no secrets): the time clock finds a person by email. */
  members(key: string): { sub: string; email: string; name: string; role: StaffRole; roleLabel: string }[] {
    return [...(this.tills.get(key)?.members.values() ?? [])].map(({ session }) => ({ sub: session.sub, email: session.email, name: session.name, role: session.role, roleLabel: session.view.roleLabel }));
  }

  /** One person's session if they are signed in on any till here (locked or not): their punches go with their own credentials. */
  async member(sub: string): Promise<{ sessionKey: string; session: StaffSession } | null> {
    for (const [sessionKey, till] of this.tills) {
      const member = till.members.get(sub);
      if (!member) continue;
      const session = await this.fresh(sessionKey, member);
      if (session) return { sessionKey, session };
    }
    return null;
  }

  /** The active person's session on this till, refreshed first when its tokens are about to expire; null when locked or signed out. */
  async current(key: string): Promise<StaffSession | null> {
    const member = this.tills.get(key)?.activeMember;
    return member ? this.fresh(key, member) : null;
  }

  private fresh(key: string, member: TillMember): Promise<StaffSession | null> {
    if (member.session.expiresAt - this.now() > REFRESH_MARGIN_MS) return Promise.resolve(member.session);
    let pending = this.refreshing.get(member);
    if (!pending) {
      pending = this.refresh(key, member).finally(() => this.refreshing.delete(member));
      this.refreshing.set(member, pending);
    }
    return pending;
  }

  private async refresh(key: string, member: TillMember): Promise<StaffSession | null> {
    const session = member.session;
    try {
      const cognito = await new Promise<CognitoUserSession>((resolve, reject) => {
        session.user.refreshSession(session.cognito.getRefreshToken(), (error, result: CognitoUserSession) =>
          error ? reject(cognitoError(error, 'refresh')) : resolve(result),
        );
      });
      const refreshed = this.toSession(session.user, cognito, await this.nameOf(session.user, cognito, session.name));
      if (member.session === session) member.session = refreshed;
      return refreshed;
    } catch (error) {
      if (error instanceof AppError && error.code === 'OFFLINE') {
        // Offline: keep the session so the next call can refresh. The till keeps selling into its
        // journal for whoever signed in, even past the token's hour; nothing reaches AWS without a
        // fresh token anyway.
        return session;
      }
      if (member.session === session) this.remove(key, member);
      return null;
    }
  }
}
