import { z } from 'zod';

/**
 * What the customer-facing display shows: the sale as the barista rings it, or an idle screen.
 * The register sends it to main, main hands it to the display; nothing here names a staff member
 * or any customer but the one on this sale (first name only).
 */
const cents = z.number().int().min(-100_000_000).max(100_000_000);
const text = (max: number) => z.string().max(max);

export const displayViewSchema = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('idle') }),
  z.strictObject({
    kind: z.literal('sale'),
    lines: z
      .array(z.strictObject({ key: text(200), name: text(120), detail: text(300), quantity: z.number().int().min(1).max(999), totalCents: cents }))
      .max(200),
    subtotalCents: cents,
    discountCents: cents,
    /** A delivery's fee, when there is one: the total has it, so the customer sees it. */
    feeCents: cents.optional(),
    taxCents: cents,
    /** Prices include the tax (the shop's setting): the tax row is part of the total, not added to it. */
    taxIncluded: z.boolean().optional(),
    totalCents: cents,
    /** Once the customer has paid: what they handed over and their change. */
    paid: z.strictObject({ tenderedCents: cents, changeCents: cents }).optional(),
    /** Placed to be paid in cash at the door: nothing was paid here, and nothing is owed here. */
    onDelivery: z.literal(true).optional(),
    loyalty: z
      .strictObject({
        firstName: text(60),
        /**
         * Null while the till is still reading the balance. Below zero when a refund took back
         * points already spent: refused, every frame of her sale would leave the display frozen.
         */
        points: z.number().int().min(-100_000_000).max(100_000_000).nullable(),
        earns: z.number().int().min(0).max(100_000_000),
        /** The reward they could redeem on this order, in words ("60 points = $2.00 off"). */
        reward: text(120).nullable(),
      })
      .optional(),
  }),
]);

export type DisplayView = z.infer<typeof displayViewSchema>;

/** What the display receives: the view, numbered so it can wait for the next one. */
export interface DisplayFrame {
  version: number;
  view: DisplayView;
  shopName: string;
  currency: string;
  locale: string;
}

/** The first word of a customer's name: all the room behind the counter needs to see. */
export const firstName = (name: string) => name.trim().split(/\s+/)[0] ?? '';
