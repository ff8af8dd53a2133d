import fc from 'fast-check';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { contract, CHANNELS, isChannel } from '../../src/shared/contract';
import { CONTENT_SECURITY_POLICY } from '../../src/shared/csp';
import { centsToInput, formatCents, parseMoneyInput } from '../../src/shared/money';
import { PASSWORD_RULES, unmetPasswordRules } from '../../src/shared/password-policy';
import { staffRoleOf, STAFF_ROLES } from '../../src/shared/roles';
import { formatPhone, normalizePhone } from '../../src/shared/customers';
import { atTime, nextPriceChangeAt, type Product } from '../../src/shared/menu';
import { settingsProblems, shopSettingsSchema } from '../../src/shared/settings';
import { DEMO_SETTINGS } from '../../src/main/local/demo-data';
import { cognitoError } from '../../src/main/auth/cognito-errors';
import { defaultDataDir } from '../../src/main/config';

describe('the contract', () => {
  it('opens only sign-in, first-run setup and the lock screen’s time clock to callers without a session', () => {
    const open = CHANNELS.filter((c) => contract[c].access === 'public');
    // The time clock is the lock screen's, like auth.unlock: a punch needs a PIN of someone signed in on this till.
    expect(open.filter((c) => !c.startsWith('auth.') && !c.startsWith('setup.'))).toEqual(['timeclock.status', 'timeclock.punch']);
    for (const c of CHANNELS) {
      const access = contract[c].access;
      if (access !== 'public' && access !== 'display') expect(access.every((r) => STAFF_ROLES.includes(r)), c).toBe(true);
    }
  });

  it('normalises an email: trimmed and lower-case', () => {
    expect(contract['auth.signIn'].input.parse({ email: '  Ada@Example.COM ', password: 'x' })).toEqual({ email: 'ada@example.com', password: 'x' });
  });

  it('accepts a reset code of exactly six digits', () => {
    const parse = (code: string) => contract['auth.confirmForgotPassword'].input.safeParse({ email: 'a@b.co', code, newPassword: 'x' }).success;
    expect(parse('123456')).toBe(true);
    expect(parse(' 123456 ')).toBe(true);
    for (const bad of ['12345', '1234567', 'abcdef', '']) expect(parse(bad), bad).toBe(false);
  });

  it('knows its own channels and nothing inherited', () => {
    expect(CHANNELS.every(isChannel)).toBe(true);
    expect(isChannel('toString')).toBe(false);
    expect(isChannel('__proto__')).toBe(false);
  });
});

describe('roles', () => {
  it('takes the highest staff group and refuses customers and strangers', () => {
    expect(staffRoleOf(['Barista', 'Admin'])).toBe('Admin');
    expect(staffRoleOf(['Shipper'])).toBe('Shipper');
    expect(staffRoleOf(['Customer'])).toBeNull();
    expect(staffRoleOf([])).toBeNull();
  });
});

describe('the password policy', () => {
  it('accepts any password with a character of each kind and 8+ characters', () => {
    const upper = fc.constantFrom(...'ABCDEFGHIJKLMNOPQRSTUVWXYZ');
    const lower = fc.constantFrom(...'abcdefghijklmnopqrstuvwxyz');
    const digit = fc.constantFrom(...'0123456789');
    const symbol = fc.constantFrom(...'^$*.[]{}()?"!@#%&/\\,><\':;|_~`=+- ');
    fc.assert(
      fc.property(upper, lower, digit, symbol, fc.string({ minLength: 4 }), (u, l, d, s, rest) => {
        expect(unmetPasswordRules(u + l + d + s + rest)).toEqual([]);
      }),
    );
  });

  it('names each rule a password misses', () => {
    const ids = (p: string) => unmetPasswordRules(p).map((r) => r.id);
    expect(ids('')).toEqual(PASSWORD_RULES.map((r) => r.id));
    expect(ids('CoffeeCloud#2026')).toEqual([]);
    expect(ids('coffeecloud#2026')).toEqual(['upper']);
    expect(ids('COFFEECLOUD#2026')).toEqual(['lower']);
    expect(ids('CoffeeCloud#')).toEqual(['digit']);
    expect(ids('CoffeeCloud2026')).toEqual(['symbol']);
    expect(ids('Cc#1')).toEqual(['length']);
  });
});

describe('Cognito errors', () => {
  it('reads a wrong password the same whichever way Cognito names it', () => {
    for (const name of ['NotAuthorizedException', 'InvalidPasswordException', 'UserNotFoundException']) {
      const error = cognitoError({ code: name, message: 'x' }, 'signIn');
      expect([error.code, error.message], name).toEqual(['UNAUTHENTICATED', 'Incorrect email or password.']);
    }
  });

  it('reads InvalidPasswordException on a new password as a policy failure', () => {
    expect(cognitoError({ code: 'InvalidPasswordException' }, 'newPassword').code).toBe('VALIDATION');
  });

  it('says OFFLINE for a network failure and INTERNAL for anything unknown', () => {
    expect(cognitoError(new Error('Network error'), 'signIn').code).toBe('OFFLINE');
    expect(cognitoError({ code: 'ResourceNotFoundException' }, 'signIn').code).toBe('INTERNAL');
    expect(cognitoError({ code: 'TooManyRequestsException' }, 'signIn').code).toBe('RATE_LIMITED');
  });
});

describe('money', () => {
  it('formats integer cents exactly, for any amount', () => {
    fc.assert(
      fc.property(fc.integer({ min: -10_000_000, max: 10_000_000 }), (cents) => {
        const text = formatCents(cents);
        const parsed = Math.round(Number(text.replace(/[^0-9.-]/g, '')) * 100);
        expect(parsed).toBe(cents);
        expect(text).toMatch(/^-?\$[\d,]+\.\d{2}$/);
      }),
    );
  });
});

describe('the renderer’s CSP', () => {
  it('is the same in index.html (Electron) and in the web bridge’s header', () => {
    const html = readFileSync('src/renderer/index.html', 'utf8');
    const meta = /http-equiv="Content-Security-Policy"\s+content="([^"]+)"/.exec(html)?.[1];
    expect(meta).toBe(CONTENT_SECURITY_POLICY);
    expect(CONTENT_SECURITY_POLICY).not.toMatch(/unsafe-(inline|eval)/);
  });
});

describe('the data directory', () => {
  it('follows COFFEE_CLOUD_DATA_DIR, else the platform’s app-data folder', () => {
    expect(defaultDataDir({ COFFEE_CLOUD_DATA_DIR: '/srv/pos' }, 'linux')).toBe('/srv/pos');
    expect(defaultDataDir({ XDG_CONFIG_HOME: '/home/b/.cfg' }, 'linux')).toBe('/home/b/.cfg/Coffee Cloud POS');
    expect(defaultDataDir({}, 'darwin')).toMatch(/Library\/Application Support\/Coffee Cloud POS$/);
    expect(defaultDataDir({ APPDATA: '/c/Users/b/AppData/Roaming' }, 'win32')).toMatch(/Roaming[/\\]Coffee Cloud POS$/);
  });
});

describe('amounts typed by a barista', () => {
  it('reads dollars and cents without floating point', () => {
    expect(parseMoneyInput('20')).toBe(2000);
    expect(parseMoneyInput('9.83')).toBe(983);
    expect(parseMoneyInput('9.8')).toBe(980);
    expect(parseMoneyInput('.5')).toBe(50);
    expect(parseMoneyInput('$1,000.50')).toBe(100050);
    expect(parseMoneyInput(' 7. ')).toBe(700);
    for (const bad of ['', '.', 'abc', '1.234', '-5', '1,00', '12a', '$']) expect(parseMoneyInput(bad), bad).toBeNull();
  });

  it('round-trips every amount through the input format', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 100_000_000 }), (cents) => {
        expect(parseMoneyInput(centsToInput(cents))).toBe(cents);
        expect(parseMoneyInput(formatCents(cents))).toBe(cents);
      }),
    );
  });
});

describe('phone numbers', () => {
  it('reads a North American number however it is typed', () => {
    const digits = fc.tuple(fc.integer({ min: 2, max: 9 }), fc.array(fc.integer({ min: 0, max: 9 }), { minLength: 9, maxLength: 9 }));
    fc.assert(
      fc.property(digits, fc.constantFrom('plain', 'dashes', 'parens', 'dots', 'plus1', 'spaced'), ([first, rest], style) => {
        const d = `${first}${rest.join('')}`;
        const [a, b, c] = [d.slice(0, 3), d.slice(3, 6), d.slice(6)];
        const typed = { plain: d, dashes: `${a}-${b}-${c}`, parens: `(${a}) ${b}-${c}`, dots: `${a}.${b}.${c}`, plus1: `+1 ${a} ${b} ${c}`, spaced: ` 1 ${a} ${b} ${c} ` }[style];
        expect(normalizePhone(typed)).toBe(`+1${d}`);
      }),
    );
  });

  it('takes other countries with +, and refuses what is not a number', () => {
    expect(normalizePhone('+44 20 7946 0958')).toBe('+442079460958');
    // The same London number with its trunk "(0)": one customer, not two.
    for (const typed of ['+44 (0)20 7946 0958', '+44(0)20-7946-0958', '+44 (0) 20 7946 0958']) expect(normalizePhone(typed), typed).toBe('+442079460958');
    for (const bad of ['555-0100', '0123456789', '+0 123 456 789', 'call me', '555-010-0100 ext 5', '+1234567890123456']) {
      expect(normalizePhone(bad), bad).toBeNull();
    }
    expect(formatPhone('+15550100100')).toBe('+1 555 010 0100');
  });
});

describe('scheduled prices', () => {
  const base: Product = { productId: 'muffin', name: 'Muffin', description: '', category: 'Bakery', priceCents: 325, modifierGroups: [], available: true, sortOrder: 1, version: 3, updatedAt: '', updatedBy: '' };
  const at = Date.parse('2026-12-01T10:00:00Z');
  const muffin = { ...base, scheduledPrice: { priceCents: 350, effectiveAt: new Date(at).toISOString(), setBy: 'Morgan Lee' } };

  it('sell at the old price before their moment, and from it the new price is the price (the schedule is gone)', () => {
    expect(atTime(muffin, at - 1)).toBe(muffin);
    expect(atTime(muffin, at)).toEqual({ ...base, priceCents: 350 });
  });

  it('the register’s clock wakes at the next change still ahead, and not at all when none is', () => {
    const later = { ...muffin, scheduledPrice: { ...muffin.scheduledPrice, effectiveAt: new Date(at + 60_000).toISOString() } };
    expect(nextPriceChangeAt([base, later, muffin], at - 5)).toBe(at);
    expect(nextPriceChangeAt([base, later, muffin], at)).toBe(at + 60_000);
    expect(nextPriceChangeAt([base, later, muffin], at + 60_000)).toBeNull();
  });
});

describe('shop settings', () => {
  const problems = (change: Record<string, unknown>) => {
    const parsed = shopSettingsSchema.safeParse({ ...DEMO_SETTINGS, ...change });
    return parsed.success ? [] : settingsProblems(parsed.error);
  };

  it('accept the demo café’s', () => {
    expect(problems({})).toEqual([]);
  });

  it('say what a rate or an amount in the wrong unit means, naming the field', () => {
    expect(problems({ taxRateBps: 8 })).toEqual(['taxRateBps 8 is 0.08%; it is in basis points: 800 = 8%.']);
    expect(problems({ taxRateBps: 0.08 })).toEqual(['taxRateBps 0.08 isn’t a whole number of basis points (basis points: 800 = 8%).']);
    expect(problems({ taxRateBps: 8000 })).toEqual(['taxRateBps 8000 is 80%, more than 50% (basis points: 800 = 8%).']);
    expect(problems({ discountApprovalThresholdBps: 20 })).toEqual(['discountApprovalThresholdBps 20 is 0.2%; it is in basis points: 2000 = 20%.']);
    expect(problems({ priceCapCents: 50 })).toEqual(['priceCapCents 50 is 0.50; it is in cents: 100000 = 1000.00.']);
    expect(problems({ taxRateBps: 0 })).toEqual([]);
  });

  it('name a missing, mistyped or unknown field', () => {
    expect(problems({ taxRateBps: undefined })).toEqual(['taxRateBps is missing.']);
    expect(problems({ taxRateBps: '800', taxInclusive: 'no' })).toEqual(['taxRateBps must be a whole number of basis points, not "800".', 'taxInclusive must be true or false, not "no".']);
    expect(problems({ taxRate: 8 })).toEqual(['settings: taxRate isn’t a setting the app knows.']);
    expect(problems({ currency: 'usd', locale: 'en_US!' })).toEqual(['currency "usd" isn’t a currency code like USD or EUR.', 'locale "en_US!" isn’t a locale like en-US.']);
    expect(problems({ loyalty: { ...DEMO_SETTINGS.loyalty, redeemBlockValueCents: 0 } })).toEqual(['loyalty.redeemBlockValueCents must be more than 0 (cents: 200 = 2.00).']);
  });
});
