import type { Channel } from '../../shared/contract';
import { AppError } from '../../shared/result';
import type { AuthService } from '../auth/service';
import type { HandlerContext, Handlers } from '../ipc/router';
import type { Actor, StaffService } from './service';

export type StaffChannel = Extract<Channel, `staff.${string}`>;

/** The contract's `access` keeps these to managers (the router); the service checks again, by who acts. */
function manager(ctx: HandlerContext): NonNullable<Actor> {
  if (ctx.session?.role !== 'Admin') throw new AppError('FORBIDDEN', 'Only a manager can manage staff.');
  return { email: ctx.session.email, name: ctx.session.name };
}

/**
 * The Staff screen. A change that should take effect now also reaches the tills of this app: a
 * disabled person, or one moved to another group (their session still carries the old group), is
 * taken off the lock screen, and a PIN reset does the same, since the PIN lives only there.
 */
export function createStaffHandlers({ staff, auth }: { staff: StaffService; auth: Pick<AuthService, 'endSessions'> }): Pick<Handlers, StaffChannel> {
  return {
    'staff.list': async (_input, ctx) => {
      manager(ctx);
      return staff.list();
    },
    'staff.invite': (input, ctx) => staff.invite(input, manager(ctx)),
    'staff.setGroup': async ({ email, group }, ctx) => {
      const member = await staff.setGroup(email, group, manager(ctx));
      auth.endSessions(email);
      return member;
    },
    'staff.setEnabled': async ({ email, enabled }, ctx) => {
      const member = await staff.setEnabled(email, enabled, manager(ctx));
      if (!enabled) auth.endSessions(email);
      return member;
    },
    'staff.resetPassword': (input, ctx) => staff.resetPassword(input.email, manager(ctx)),
    'staff.resetPin': async ({ email }, ctx) => {
      const target = staff.checkResetPin(email, manager(ctx));
      return { email: target, signedOutHere: auth.endSessions(target) };
    },
  };
}
