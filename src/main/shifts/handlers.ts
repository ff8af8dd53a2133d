import type { Channel } from '../../shared/contract';
import { AppError } from '../../shared/result';
import type { Handlers, HandlerContext } from '../ipc/router';
import type { ShiftService } from './service';

export type ShiftChannel = Extract<Channel, `shift.${string}`>;

function staff(ctx: HandlerContext) {
  if (!ctx.session) throw new AppError('UNAUTHENTICATED', 'Please sign in first.');
  return ctx.session;
}

/** The shift and drawer channels; who sees expected cash is decided in the service, by role. */
export function createShiftHandlers({ shifts }: { shifts: ShiftService }): Pick<Handlers, ShiftChannel> {
  return {
    'shift.current': () => shifts.current(),
    'shift.open': ({ float }, ctx) => shifts.open(float, staff(ctx)),
    'shift.movement': (input, ctx) => shifts.movement(input, staff(ctx)),
    'shift.close': ({ shiftId, count, reason }, ctx) => shifts.close({ ...count, ...(shiftId && { shiftId }), ...(reason && { reason }) }, staff(ctx)),
    'shift.report': ({ shiftId }, ctx) => shifts.report(shiftId, staff(ctx)),
  };
}
