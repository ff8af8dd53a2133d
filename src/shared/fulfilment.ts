import { fulfilmentSchema } from './contract';
import { ORDER_TYPES, type Fulfilment, type OrderType } from './orders';

/** The register's order-type rules, pure so they are tested apart from React. */

/** The loyalty customer on the cart, as far as a delivery needs them. */
export interface CartCustomer {
  customerId: string;
  name: string;
  phone?: string;
  address?: string;
}

/** A type's blank details, filled from the loyalty customer where they have them. */
export function fulfilmentFor(type: OrderType, customer: CartCustomer | undefined, previous?: Fulfilment): Fulfilment {
  if (previous?.type === type) return previous;
  const name = customer?.name ?? (previous && 'name' in previous ? previous.name : '');
  if (type === 'pickup') return { type, name, time: '' };
  if (type === 'delivery') {
    return {
      type,
      name,
      phone: customer?.phone ?? (previous?.type === 'delivery' ? previous.phone : ''),
      address: customer?.address ?? '',
    };
  }
  return { type };
}

/** Why the order's type isn't ready to sell yet (the contract's own messages), or null. */
export function fulfilmentProblems(fulfilment: Fulfilment): Record<string, string> | null {
  const parsed = fulfilmentSchema.safeParse(fulfilment);
  if (parsed.success) return null;
  const problems: Record<string, string> = {};
  for (const issue of parsed.error.issues) problems[String(issue.path[0] ?? 'type')] ??= issue.message;
  return problems;
}

/** The next type round the picker (Alt+T). */
export const nextOrderType = (type: OrderType): OrderType => ORDER_TYPES[(ORDER_TYPES.indexOf(type) + 1) % ORDER_TYPES.length]!;

/** A known customer fills what the delivery or pickup doesn't have yet, never over what was typed. */
export function fillFromCustomer(f: Fulfilment, c: CartCustomer | undefined): Fulfilment {
  if (c && f.type === 'delivery') return { ...f, name: f.name || c.name, phone: f.phone || (c.phone ?? ''), address: f.address || (c.address ?? '') };
  if (c && f.type === 'pickup') return { ...f, name: f.name || c.name };
  return f;
}
