import type { TillMemberView, TillView } from '../../shared/contract';
import { attemptsLeft, lockedOutMessage, tryPin, wrongPinMessage, type PinAttempts } from '../../shared/pin';
import { AppError } from '../../shared/result';
import { hashPin, PreparedPin, type PinHash } from './pin-hash';
import type { StaffSession } from './service';

/** One person signed in on this till: their Cognito session (held only here) and their PIN. */
export interface TillMember {
  session: StaffSession;
  /** Null when they signed in without one: they come back with their password. */
  pin: PinHash | null;
  attempts: PinAttempts;
}

/**
 * Everyone signed in on one till (a window or a web tab) and who is at the keyboard now. The PIN
 * only chooses among sessions already held here: it never signs anyone in, never reaches Cognito
 * and never yields AWS credentials by itself.
 */
export class Till {
  readonly members = new Map<string, TillMember>();
  /** Whose session signs the calls; null while the till is locked. */
  active: string | null = null;
  /** The PIN being typed on this till, its hash already started (pin-hash.ts). */
  private readonly typed = new PreparedPin();

  get activeMember(): TillMember | null {
    return this.active ? (this.members.get(this.active) ?? null) : null;
  }

  byEmail(email: string): TillMember | null {
    for (const member of this.members.values()) if (member.session.email === email) return member;
    return null;
  }

  view(): TillView {
    const members: TillMemberView[] = [...this.members.values()].map(({ session, pin, attempts }) => ({
      email: session.email,
      name: session.name,
      role: session.role,
      roleLabel: session.view.roleLabel,
      hasPin: pin !== null,
      attemptsLeft: attemptsLeft(attempts),
    }));
    return { locked: this.active === null, active: this.activeMember?.session.view ?? null, members };
  }

  async add(session: StaffSession, pin: string | undefined): Promise<void> {
    const hashed = pin ? await hashPin(pin) : null;
    this.members.set(session.sub, { session, pin: hashed, attempts: { failures: 0 } });
    this.active = session.sub;
  }

  /**
   * A PIN still being typed: its hash starts now, so the submit doesn't wait for it. Nothing is
   * checked or answered, for anyone: the lock screen learns only on submit, where the try counts.
   */
  prepare(email: string, pin: string): void {
    const member = this.byEmail(email);
    if (member?.pin && attemptsLeft(member.attempts) > 0) this.typed.prepare(pin, member.pin);
  }

  /**
   * Checks one person's PIN. The try is counted before the hash runs, so two tries sent at once
   * can't both slip under the limit; after the last wrong one the person is removed (`onLockedOut`
   * signs their Cognito session out) and must use their password.
   */
  async checkPin(email: string, pin: string, onLockedOut: (member: TillMember) => void): Promise<TillMember> {
    const member = this.byEmail(email);
    if (!member) {
      throw new AppError('UNAUTHENTICATED', 'That person isn’t signed in on this till. Sign in with your email and password.');
    }
    const name = member.session.name;
    if (!member.pin) {
      throw new AppError('UNAUTHENTICATED', `${name} signed in without a PIN on this till. Sign in with your email and password.`);
    }
    if (attemptsLeft(member.attempts) === 0) {
      onLockedOut(member);
      throw new AppError('UNAUTHENTICATED', lockedOutMessage(name));
    }
    // Counted as wrong until the hash says otherwise.
    const before = member.attempts;
    member.attempts = { failures: before.failures + 1 };
    const outcome = tryPin(before, await this.typed.matches(pin, member.pin));
    // A try sent at the same moment may have used the last attempt and removed them: its word stands.
    if (this.members.get(member.session.sub) !== member) throw new AppError('UNAUTHENTICATED', lockedOutMessage(name));
    if (outcome.kind === 'unlocked') {
      member.attempts = outcome.state;
      return member;
    }
    const left = attemptsLeft(member.attempts);
    if (left === 0) {
      onLockedOut(member);
      throw new AppError('UNAUTHENTICATED', lockedOutMessage(name), { fields: [{ path: 'pin', message: 'Locked out.' }] });
    }
    throw new AppError('UNAUTHENTICATED', wrongPinMessage(name, left), { fields: [{ path: 'pin', message: `${left} tries left.` }] });
  }
}
