import fc from 'fast-check';

// Counted, not changed: which PINs were hashed, to tell the hash made while typing from one made on submit.
vi.mock('node:crypto', async (original) => {
  const real = await original<typeof import('node:crypto')>();
  return { ...real, scrypt: vi.fn(real.scrypt) };
});
import * as crypto from 'node:crypto';
import { describe, expect, it, vi } from 'vitest';
import { hashPin, pinMatches, PreparedPin } from '../../src/main/auth/pin-hash';
import { attemptsLeft, MAX_PIN_ATTEMPTS, PIN_PATTERN, tryPin, wrongPinMessage, type PinAttempts } from '../../src/shared/pin';

describe('the PIN attempt limit', () => {
  it('locks out after exactly 5 wrong PINs in a row, whatever right ones came before', () => {
    fc.assert(
      fc.property(fc.array(fc.boolean(), { maxLength: 40 }), (tries) => {
        let state: PinAttempts = { failures: 0 };
        let wrongInARow = 0;
        for (const correct of tries) {
          const outcome = tryPin(state, correct);
          if (wrongInARow >= MAX_PIN_ATTEMPTS) {
            // Once out, a right PIN doesn't bring them back: only their password does.
            expect(outcome.kind).toBe('lockedOut');
            continue;
          }
          wrongInARow = correct ? 0 : wrongInARow + 1;
          expect(outcome.kind).toBe(correct ? 'unlocked' : wrongInARow >= MAX_PIN_ATTEMPTS ? 'lockedOut' : 'wrong');
          if (outcome.kind === 'wrong') expect(outcome.attemptsLeft).toBe(MAX_PIN_ATTEMPTS - wrongInARow);
          state = outcome.state;
          expect(attemptsLeft(state)).toBe(Math.max(0, MAX_PIN_ATTEMPTS - wrongInARow));
        }
      }),
    );
  });

  it('says how many tries are left and what happens after', () => {
    expect(wrongPinMessage('Jamie Cruz', 3)).toBe('Wrong PIN. 3 tries left, then Jamie Cruz must sign in with their password.');
    expect(wrongPinMessage('Jamie Cruz', 1)).toBe('Wrong PIN. 1 try left, then Jamie Cruz must sign in with their password.');
  });

  it('accepts 4 to 6 digits only', () => {
    for (const ok of ['1357', '97531', '246800']) expect(PIN_PATTERN.test(ok)).toBe(true);
    for (const bad of ['123', '1234567', '12a4', ' 1234', '']) expect(PIN_PATTERN.test(bad)).toBe(false);
  });
});

describe('the PIN hash', () => {
  // A cheap cost keeps the property fast; the real cost is measured in the bench.
  const cheap = { N: 2 ** 8, r: 8, p: 1 };

  it('matches its own PIN and no other, with a fresh salt each time', async () => {
    await fc.assert(
      fc.asyncProperty(fc.stringMatching(/^\d{4,6}$/), fc.stringMatching(/^\d{4,6}$/), async (pin, other) => {
        const stored = await hashPin(pin, cheap);
        expect(await pinMatches(pin, stored, cheap)).toBe(true);
        expect(await pinMatches(other, stored, cheap)).toBe(pin === other);
      }),
      { numRuns: 40 },
    );
    const [a, b] = [await hashPin('1357', cheap), await hashPin('1357', cheap)];
    expect(a.salt.equals(b.salt)).toBe(false);
    expect(a.hash.equals(b.hash)).toBe(false);
  });

  it('is slow on purpose at the real cost: a 4-digit PIN is 10,000 guesses', async () => {
    const started = performance.now();
    const stored = await hashPin('2468');
    expect(await pinMatches('2468', stored)).toBe(true);
    // Not a timing assertion on speed: only that the real cost is not accidentally the cheap one.
    expect(performance.now() - started).toBeGreaterThan(5);
  });
});

describe('a PIN hashed while it is typed', () => {
  // Cheap settings: what is tested is which hash answers, not how slow it is.
  const FAST = { N: 2 ** 10, r: 8, p: 1 };

  it('gives the same answer as hashing on submit, for the PIN typed or any other', async () => {
    const stored = await hashPin('1357', FAST);
    for (const [typed, submitted, right] of [
      ['1357', '1357', true],
      ['1357', '13579', false],
      ['0000', '1357', true],
      ['1357', '0000', false],
      ['13579', '1357', true],
    ] as const) {
      const prepared = new PreparedPin(FAST);
      prepared.prepare(typed, stored);
      expect(await prepared.matches(submitted, stored), `${typed} typed, ${submitted} submitted`).toBe(right);
    }
  });

  it('saves the hash on submit when the PIN submitted is the one typed, and is used up by it', async () => {
    const stored = await hashPin('1357', FAST);
    const hashed = () => vi.mocked(crypto.scrypt).mock.calls.map(([pin]) => String(pin));
    vi.mocked(crypto.scrypt).mockClear();
    const prepared = new PreparedPin(FAST);
    prepared.prepare('1357', stored);
    expect(await prepared.matches('1357', stored)).toBe(true);
    expect(hashed()).toEqual(['1357']);
    // Used up: the same PIN again is hashed again, and nothing typed is kept.
    expect(await prepared.matches('1357', stored)).toBe(true);
    expect(hashed()).toEqual(['1357', '1357']);
  });

  it('is not used for a PIN changed meanwhile', async () => {
    const before = await hashPin('1357', FAST);
    const prepared = new PreparedPin(FAST);
    // Typed against the old PIN's salt; then a manager resets the PIN to the one being typed.
    prepared.prepare('2468', before);
    const after = await hashPin('2468', FAST);
    expect(await prepared.matches('2468', after)).toBe(true);
  });
});
