import type { StaffStamp } from '../../shared/orders';

/** Who did something, as orders, refunds and drawer records carry it. */
export function stampOf(session: { sub: string; name: string; email: string }): StaffStamp {
  return { userId: session.sub, name: session.name, email: session.email };
}
