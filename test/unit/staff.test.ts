import { describe, expect, it } from 'vitest';
import { inviteSchema, selfRefusal, staffEmailSchema, staffGroupSchema, staffMember } from '../../src/shared/staff';

const messageOf = (result: { success: boolean; error?: { issues: { message: string }[] } }) => result.error?.issues[0]?.message;

describe('staff management’s rules', () => {
  it('normalises an email and names a bad one', () => {
    expect(staffEmailSchema.parse('  Riley.Park@CoffeeCloud.DEV ')).toBe('riley.park@coffeecloud.dev');
    expect(messageOf(staffEmailSchema.safeParse('riley@'))).toBe('“riley@” isn’t an email address. Check it for typos.');
    expect(messageOf(staffEmailSchema.safeParse(''))).toBe('Enter the staff member’s email address.');
  });

  it('accepts only staff groups, naming the one refused', () => {
    for (const group of ['Admin', 'Barista', 'Shipper']) expect(staffGroupSchema.parse(group)).toBe(group);
    expect(messageOf(staffGroupSchema.safeParse('Customer'))).toBe('“Customer” isn’t a staff group. Choose one of Admin, Barista, Shipper.');
    expect(messageOf(staffGroupSchema.safeParse(undefined))).toBe('Choose a staff group: Admin, Barista, Shipper.');
  });

  it('an invitation needs a name and nothing else but email, name and group', () => {
    expect(messageOf(inviteSchema.safeParse({ email: 'a@b.co', name: '  ', group: 'Barista' }))).toBe('Enter the staff member’s name.');
    expect(inviteSchema.safeParse({ email: 'a@b.co', name: 'A', group: 'Barista', password: 'x' }).success).toBe(false);
    expect(inviteSchema.parse({ email: 'A@B.co', name: ' Ada ', group: 'Shipper' })).toEqual({ email: 'a@b.co', name: 'Ada', group: 'Shipper' });
  });

  it('a manager can’t disable themselves, leave the managers or reset their own PIN here; the CLI (nobody) can', () => {
    const me = 'morgan@coffeecloud.dev';
    expect(selfRefusal('disable', me, 'Morgan@CoffeeCloud.dev')).toBe('You can’t disable your own account. Ask another manager.');
    expect(selfRefusal('setGroup', me, me, 'Barista')).toBe('You can’t take yourself out of the managers: another manager has to.');
    expect(selfRefusal('setGroup', me, me, 'Admin')).toBeNull();
    expect(selfRefusal('resetPin', me, me)).toMatch(/^To change your own PIN, sign out/);
    expect(selfRefusal('resetPassword', me, me)).toBeNull();
    for (const action of ['disable', 'setGroup', 'resetPin'] as const) {
      expect(selfRefusal(action, me, 'jamie@coffeecloud.dev', 'Barista')).toBeNull();
      expect(selfRefusal(action, null, me, 'Barista')).toBeNull();
    }
  });

  it('labels a member’s state as a manager reads it', () => {
    expect(staffMember({ email: 'a@b.co', name: 'A', group: 'Admin', enabled: true, status: 'FORCE_CHANGE_PASSWORD' })).toMatchObject({ groupLabel: 'Manager', statusLabel: 'Invited: must choose a password' });
    expect(staffMember({ email: 'a@b.co', name: 'A', group: 'Barista', enabled: false, status: 'CONFIRMED' }).statusLabel).toBe('Disabled');
  });
});

describe('a disabled account at sign-in (AWS: Cognito itself says so)', () => {
  it('reads as disabled, not as a wrong password', async () => {
    const { cognitoError, DISABLED_MESSAGE } = await import('../../src/main/auth/cognito-errors');
    expect(cognitoError({ name: 'NotAuthorizedException', code: 'NotAuthorizedException', message: 'User is disabled.' }, 'signIn')).toMatchObject({ code: 'UNAUTHENTICATED', message: DISABLED_MESSAGE });
    expect(cognitoError({ name: 'NotAuthorizedException', code: 'NotAuthorizedException', message: 'Incorrect username or password.' }, 'signIn').message).toBe('Incorrect email or password.');
  });
});
