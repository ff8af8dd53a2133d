import type { Channel } from '../../shared/contract';
import { AppError } from '../../shared/result';
import type { Handlers } from '../ipc/router';
import type { TimeclockService } from './service';

export type TimeclockChannel = Extract<Channel, `timeclock.${string}` | `timecards.${string}`>;

/**
 * The time clock (public like the lock screen: the PIN, checked in the service, says who is
 * punching) and the managers' timecards (Admin-only by the contract's `access`, in the router).
 */
export function createTimeclockHandlers({ timeclock }: { timeclock: TimeclockService }): Pick<Handlers, TimeclockChannel> {
  return {
    'timeclock.status': async (_input, ctx) => timeclock.status(ctx.sessionKey),
    'timeclock.punch': (input, ctx) => timeclock.punch(ctx.sessionKey, input),
    'timecards.list': (range) => timeclock.list(range),
    'timecards.edit': (input, ctx) => {
      if (!ctx.session) throw new AppError('UNAUTHENTICATED', 'Please sign in first.');
      const { sub, name, email } = ctx.session;
      return timeclock.edit(input, { userId: sub, name, email });
    },
    'timecards.add': (input, ctx) => {
      if (!ctx.session) throw new AppError('UNAUTHENTICATED', 'Please sign in first.');
      const { sub, name, email } = ctx.session;
      return timeclock.add(input, { userId: sub, name, email });
    },
  };
}
