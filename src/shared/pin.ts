/**
 * PIN rules shared by the lock screen and main: the format, and how wrong tries are counted.
 * Pure, so the attempt limit is property-tested without a clock or a hash.
 */

/** The shortest PIN: from this many digits on, what is typed so far may be the whole PIN. */
export const PIN_MIN_DIGITS = 4;
const PIN_MAX_DIGITS = 6;
export const PIN_PATTERN = new RegExp(`^\\d{${PIN_MIN_DIGITS},${PIN_MAX_DIGITS}}$`);
export const PIN_RULE = `A PIN is ${PIN_MIN_DIGITS} to ${PIN_MAX_DIGITS} digits.`;

/** Wrong PINs in a row before the person must sign in with their password again. */
export const MAX_PIN_ATTEMPTS = 5;

export interface PinAttempts {
  /** Wrong PINs in a row since the last right one (or since sign-in). */
  failures: number;
}

export type PinOutcome =
  | { kind: 'unlocked'; state: PinAttempts }
  | { kind: 'wrong'; state: PinAttempts; attemptsLeft: number }
  | { kind: 'lockedOut'; state: PinAttempts };

/** What one try does to the count. A right PIN after the limit still counts as locked out. */
export function tryPin(state: PinAttempts, correct: boolean, max = MAX_PIN_ATTEMPTS): PinOutcome {
  if (state.failures >= max) return { kind: 'lockedOut', state };
  if (correct) return { kind: 'unlocked', state: { failures: 0 } };
  const failures = state.failures + 1;
  if (failures >= max) return { kind: 'lockedOut', state: { failures } };
  return { kind: 'wrong', state: { failures }, attemptsLeft: max - failures };
}

export function attemptsLeft(state: PinAttempts, max = MAX_PIN_ATTEMPTS): number {
  return Math.max(0, max - state.failures);
}

/** The lock screen's words for a wrong PIN: how many tries remain before the password is needed. */
export function wrongPinMessage(name: string, left: number): string {
  return left === 1
    ? `Wrong PIN. 1 try left, then ${name} must sign in with their password.`
    : `Wrong PIN. ${left} tries left, then ${name} must sign in with their password.`;
}

export function lockedOutMessage(name: string): string {
  return `Wrong PIN ${MAX_PIN_ATTEMPTS} times: ${name} was signed out of this till. Sign in with your email and password.`;
}
