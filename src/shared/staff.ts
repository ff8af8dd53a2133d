import { z } from 'zod';
import { ROLE_LABEL, STAFF_ROLES, type StaffRole } from './roles';

/**
 * Staff management's rules, shared by the Staff screen's channels and `npm run admin`: one schema
 * per field, so the CLI and the screen refuse the same input with the same words.
 */

export const staffEmailSchema = z
  .string({ error: 'Enter the staff member’s email address.' })
  .trim()
  .min(1, 'Enter the staff member’s email address.')
  .max(254, 'That email address is too long.')
  .transform((value) => value.toLowerCase())
  .pipe(z.email({ error: (issue) => `“${String(issue.input)}” isn’t an email address. Check it for typos.` }));

export const staffGroupSchema = z.enum(['Admin', 'Barista', 'Shipper'] as const satisfies readonly StaffRole[], {
  error: (issue) =>
    issue.input === undefined ? `Choose a staff group: ${STAFF_ROLES.join(', ')}.` : `“${String(issue.input)}” isn’t a staff group. Choose one of ${STAFF_ROLES.join(', ')}.`,
});

export const staffNameSchema = z
  .string({ error: 'Enter the staff member’s name.' })
  .trim()
  .min(1, 'Enter the staff member’s name.')
  .max(80, 'That name is too long (80 characters at most).');

export const inviteSchema = z.strictObject({ email: staffEmailSchema, name: staffNameSchema, group: staffGroupSchema });
export type InviteInput = z.infer<typeof inviteSchema>;

/** Cognito's account states, as a manager reads them. */
export const STATUS_LABEL: Record<string, string> = {
  FORCE_CHANGE_PASSWORD: 'Invited: must choose a password',
  CONFIRMED: 'Active',
  RESET_REQUIRED: 'Password reset sent',
  UNCONFIRMED: 'Email not confirmed',
  EXTERNAL_PROVIDER: 'External sign-in',
};

export interface StaffMember {
  email: string;
  name: string;
  group: StaffRole;
  groupLabel: string;
  enabled: boolean;
  /** Cognito's UserStatus, e.g. FORCE_CHANGE_PASSWORD. */
  status: string;
  statusLabel: string;
}

/**
 * How a new password reaches the person: Cognito's own email (AWS), or this screen (the local
 * demo, whose cognito-local sends no email). `temporaryPassword` is set only on screen.
 */
export interface PasswordDelivery {
  delivery: 'email' | 'screen';
  temporaryPassword?: string;
}

export type InviteResult = { member: StaffMember } & PasswordDelivery;
export type ResetPasswordResult = { email: string } & PasswordDelivery;

export function staffMember(input: { email: string; name: string; group: StaffRole; enabled: boolean; status: string }): StaffMember {
  return {
    ...input,
    groupLabel: ROLE_LABEL[input.group],
    statusLabel: input.enabled ? (STATUS_LABEL[input.status] ?? input.status) : 'Disabled',
  };
}

export type StaffAction = 'disable' | 'setGroup' | 'resetPin' | 'enable' | 'resetPassword';

/**
 * What a manager may not do to their own account: lock themselves out (disable), give up the role
 * that lets them undo it (group), or reset their own PIN here (they sign in again to choose one).
 * Null when the action is fine. `actorEmail` null: the owner's CLI, which acts as nobody on staff.
 */
export function selfRefusal(action: StaffAction, actorEmail: string | null, targetEmail: string, group?: StaffRole): string | null {
  if (!actorEmail || actorEmail.toLowerCase() !== targetEmail.toLowerCase()) return null;
  if (action === 'disable') return 'You can’t disable your own account. Ask another manager.';
  if (action === 'setGroup' && group !== 'Admin') return 'You can’t take yourself out of the managers: another manager has to.';
  if (action === 'resetPin') return 'To change your own PIN, sign out and sign in again with your password, choosing a new PIN.';
  return null;
}
