import { z } from 'zod';
import { normalizePhone, type CustomerView, type LedgerEntry } from './customers';
import type { AdminProduct, Category, Menu, Product, ShopSettings } from './menu';
import { ORDER_STATUSES, type Order, type OrderSummary } from './orders';
import { MAX_LINE_QUANTITY } from './pricing';
import { printerConfigSchema, type PrinterConfig, type PrinterStatus } from './printer';
import type { Result } from './result';
import { shopSettingsSchema, type SettingsForEditor } from './settings';
import { TERMINAL_ID, TERMINAL_ID_RULE, type SyncStatus } from './sync';
import type { Screen, StaffRole } from './roles';
import { displayViewSchema, type DisplayFrame } from './display';
import { PIN_PATTERN, PIN_RULE } from './pin';
import type { ShiftCurrent, ShiftReport } from './shift';
import { rangeProblem, type SalesReportView } from './reports';
import { PUNCH_KINDS, type ClockState, type Punch, type Timecard } from './timecards';
import { inviteSchema, staffEmailSchema, staffGroupSchema, type InviteResult, type ResetPasswordResult, type StaffMember } from './staff';
import type { ZReportsView } from './z-reports';
import { DELIVERY_MOVES, type DeliveryAction, type DeliveryView, type ShipperCash } from './delivery';

/**
 * The IPC contract: every channel main answers, its input schema, who may call it, and (as a type)
 * what it returns. Main registers exactly these channels, the preload exposes exactly these
 * functions, and the renderer's hooks are typed by them.
 */

const email = z
  .string({ error: 'Enter your email address.' })
  .trim()
  .min(1, 'Enter your email address.')
  .max(254, 'That email address is too long.')
  .pipe(z.email({ error: 'That email address doesn’t look right. Check it for typos.' }))
  .transform((value) => value.toLowerCase());

const password = z
  .string({ error: 'Enter your password.' })
  .min(1, 'Enter your password.')
  .max(256, 'That password is too long.');

const newPassword = z
  .string({ error: 'Choose a new password.' })
  .min(1, 'Choose a new password.')
  .max(256, 'That password is too long.');

const pin = z
  .string({ error: 'Enter your PIN.' })
  .trim()
  .min(1, 'Enter your PIN.')
  .regex(PIN_PATTERN, PIN_RULE);

/** At sign-in a PIN left empty is not given (the demo café then uses its README PIN). */
const chosenPin = z.preprocess((v) => (v === '' ? undefined : v), z.string().trim().regex(PIN_PATTERN, `Choose a PIN for this till: ${PIN_RULE.toLowerCase()}`).optional());

const resetCode = z
  .string({ error: 'Enter the code from the email.' })
  .trim()
  .regex(/^\d{6}$/, 'The code is the 6 digits from the email.');

const businessDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'Dates look like 2026-11-25.');

const empty = z.strictObject({});

const reportDate = (which: string) => z.string({ error: `Choose the ${which} date.` }).regex(/^\d{4}-\d{2}-\d{2}$/, `The ${which} date must look like 2026-11-25.`);
const reportRange = z
  .strictObject({
    from: reportDate('start'),
    to: reportDate('end'),
    terminalId: z.string().trim().toUpperCase().regex(TERMINAL_ID, `A till id is ${TERMINAL_ID_RULE}.`).optional(),
  })
  .superRefine(({ from, to }, ctx) => {
    const problem = rangeProblem(from, to);
    if (problem) ctx.addIssue({ code: 'custom', path: ['to'], message: problem });
  });

const timecardRange = z
  .strictObject({ from: reportDate('start'), to: reportDate('end') })
  .superRefine(({ from, to }, ctx) => {
    const problem = rangeProblem(from, to);
    if (problem) ctx.addIssue({ code: 'custom', path: ['to'], message: problem });
  });

const customerId = z.string({ error: 'Choose a customer.' }).regex(/^cust-[a-z0-9-]{1,40}$/, 'That customer id isn’t valid.');

const phone = z
  .string()
  .trim()
  .transform((value, ctx) => {
    const e164 = normalizePhone(value);
    if (!e164) {
      ctx.addIssue({ code: 'custom', message: 'That phone number doesn’t look right: use 10 digits, or + and the country code.' });
      return z.NEVER;
    }
    return e164;
  });

/** What a barista types to find a customer: an email if it has an @, else a phone number. */
const customerQuery = z
  .string({ error: 'Type a phone number or an email address.' })
  .trim()
  .min(1, 'Type a phone number or an email address.')
  .max(254, 'That’s too long for a phone number or an email address.')
  .transform((value, ctx): { phone: string } | { email: string } => {
    if (value.includes('@')) {
      if (!z.email().safeParse(value).success) {
        ctx.addIssue({ code: 'custom', message: 'That email address doesn’t look right. Check it for typos.' });
        return z.NEVER;
      }
      return { email: value.toLowerCase() };
    }
    const e164 = normalizePhone(value);
    if (!e164) {
      ctx.addIssue({ code: 'custom', message: 'That isn’t a phone number or an email address.' });
      return z.NEVER;
    }
    return { phone: e164 };
  });

/** Order ids are ULIDs made on the terminal, so a retry carries the same id. */
const orderId = z
  .string({ error: 'Missing order number.' })
  .regex(/^[0-9A-HJKMNP-TV-Z]{26}$/, 'That order number isn’t valid.');

const cents = (what: string, max = 10_000_000) =>
  z
    .number({ error: `${what} must be an amount in cents.` })
    .int(`${what} must be whole cents.`)
    .min(0, `${what} can’t be negative.`)
    .max(max, `${what} is too large.`);

const discount = z.discriminatedUnion(
  'kind',
  [
    z.strictObject({
      kind: z.literal('percent'),
      bps: z.number().int('A percentage discount is whole hundredths of a percent.').min(1, 'A discount must be more than 0%.').max(10_000, 'A discount can’t be more than 100%.'),
    }),
    z.strictObject({ kind: z.literal('amount'), cents: cents('A discount', 1_000_000).min(1, 'A discount must be more than $0.00.') }),
  ],
  { error: 'A discount is a percentage or an amount.' },
);

const reason = (what: string) =>
  z
    .string({ error: `Give a reason for the ${what}.` })
    .trim()
    .min(3, `Give a reason for the ${what} (at least 3 characters).`)
    .max(200, 'Keep the reason under 200 characters.');

const cartLine = z.strictObject({
  productId: z.string().min(1).max(64),
  quantity: z
    .number({ error: 'Quantity must be a number.' })
    .int('Quantity must be a whole number.')
    .min(1, 'Quantity must be at least 1.')
    .max(MAX_LINE_QUANTITY, `Quantity can’t be more than ${MAX_LINE_QUANTITY}.`),
  selection: z.record(z.string().max(64), z.array(z.string().max(64)).max(20)),
  note: z.string().trim().max(140, 'Keep line notes under 140 characters.').optional(),
  discount: discount.optional(),
  /** What the barista saw; main refuses the cart if the catalogue now says otherwise. */
  unitPriceCents: cents('A price'),
});

const tender = z.discriminatedUnion(
  'kind',
  [
    z.strictObject({ kind: z.literal('cash'), amountCents: cents('A cash payment').min(1, 'A cash payment must be more than $0.00.') }),
    z.strictObject({
      kind: z.literal('card'),
      amountCents: cents('A card payment').min(1, 'A card payment must be more than $0.00.'),
      reference: z.string().trim().max(40, 'Keep the card reference under 40 characters.').optional(),
    }),
  ],
  { error: 'A payment is cash or card.' },
);

/**
 * Cash counted: by bills and coins ({ "2000": 3, "25": 4 }: counts per denomination in cents), or
 * a typed total, or both (then they must agree: main checks against the shop's currency).
 */
const cashCount = z
  .strictObject({
    totalCents: cents('The total').optional(),
    count: z
      .record(z.string().regex(/^\d{1,6}$/, 'A denomination is its value in cents.'), z.number().int('Count whole bills and coins.').min(0, 'A count can’t be negative.').max(100_000, 'That is too many to count.'))
      .refine((count) => Object.keys(count).length > 0, 'Count at least one kind of bill or coin, or type the total.')
      .optional(),
  })
  .refine((c) => c.totalCents !== undefined || c.count !== undefined, 'Count the cash: by bills and coins, or type the total.');

/** How a refund's money goes back: cash, card, or both. */
const refundBack = z
  .array(z.strictObject({ kind: z.enum(['cash', 'card'], { error: 'Money goes back as cash or card.' }), amountCents: cents('A refund part').min(1, 'Each part of a refund must be more than $0.00.') }))
  .min(1, 'Say how the money goes back.')
  .max(4);

/**
 * The refund's own id, made by the screen once per refund it asks for: a retry after an answer that
 * never came (the write landed, the reply was lost) finds it on the order and refunds nothing twice.
 */
const REFUND_ID = /^[0-9a-f]{16}$/;
const refundId = z.string().regex(REFUND_ID, 'That refund’s id isn’t valid. Update the app and try again.');

const shiftId = z.string({ error: 'Choose a shift.' }).regex(/^[a-z0-9-]{8,40}$/, 'That shift id isn’t valid.');

const contactName = (what: string) =>
  z
    .string({ error: `Enter the name of the customer ${what}.` })
    .trim()
    .min(1, `Enter the name of the customer ${what}.`)
    .max(80, 'Keep the name under 80 characters.');

/**
 * The order's type and, for pickup and delivery, what the café needs to hand it over. A delivery
 * can't go out without somewhere to go and someone to call: each gap gets its own message.
 */
export const fulfilmentSchema = z.discriminatedUnion(
  'type',
  [
    z.strictObject({ type: z.literal('forHere') }),
    z.strictObject({ type: z.literal('toGo') }),
    z.strictObject({
      type: z.literal('pickup'),
      name: contactName('picking it up'),
      time: z.string({ error: 'Choose a pickup time.' }).regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'Choose a pickup time like 14:30.'),
    }),
    z.strictObject({
      type: z.literal('delivery'),
      name: contactName('it goes to'),
      phone: z
        .string({ error: 'A delivery needs a phone number for the shipper to call.' })
        .trim()
        .min(1, 'A delivery needs a phone number for the shipper to call.')
        .pipe(phone),
      address: z
        .string({ error: 'A delivery needs an address.' })
        .trim()
        .min(5, 'A delivery needs an address: street and number at least.')
        .max(200, 'Keep the address under 200 characters.'),
      notes: z.string().trim().max(200, 'Keep delivery notes under 200 characters.').optional(),
      // The shipper takes the money at the door: no payment now, the shipper records the cash.
      payOnDelivery: z.boolean().optional(),
    }),
  ],
  { error: 'An order is for here, to go, pickup or delivery.' },
);

const checkout = z
  .strictObject({
    orderId,
    // A sale is one DynamoDB item (400 KB at most) whatever its length; 60 lines of ordinary drinks
    // (~0.5 KB each) stay far below that, and no café ticket is longer.
    lines: z.array(cartLine).min(1, 'The order is empty. Add an item first.').max(60, 'An order can have at most 60 lines.'),
    orderDiscount: discount.optional(),
    discountReason: z.string().trim().max(200).optional(),
    approvalId: z.string().max(64).optional(),
    customerId: customerId.optional(),
    redeemBlocks: z.number().int('Redeem whole rewards.').min(0, 'Rewards can’t be negative.').max(50, 'At most 50 rewards on one order.').optional(),
    // Empty only for a $0.00 order (a full comp, a reward covering it): main checks the total is covered.
    tenders: z.array(tender).max(10, 'At most 10 payments per order.'),
    expectedTotalCents: cents('The total'),
    /** The opening float, when cash is taken and no shift is open on this till: it opens one first. */
    openShift: cashCount.optional(),
    /** For here when unsaid. */
    fulfilment: fulfilmentSchema.optional(),
  })
  .superRefine((value, ctx) => {
    if (value.fulfilment?.type === 'delivery' && value.fulfilment.payOnDelivery && value.tenders.length > 0) {
      ctx.addIssue({ code: 'custom', path: ['tenders'], message: 'Cash on delivery is paid to the shipper: take no payment now.' });
    }
    if (value.redeemBlocks && !value.customerId) {
      ctx.addIssue({ code: 'custom', path: ['redeemBlocks'], message: 'Attach a customer to redeem points.' });
    }
    const discounted = value.orderDiscount || value.lines.some((l) => l.discount);
    if (discounted && (value.discountReason ?? '').length < 3) {
      ctx.addIssue({ code: 'custom', path: ['discountReason'], message: 'Give a reason for the discount.' });
    }
  });
export type CheckoutInput = z.output<typeof checkout>;

/** Ids inside a product (modifier groups, options): short, lower-case, stable. */
const slug = (what: string) =>
  z
    .string({ error: `Each ${what} needs an id.` })
    .regex(/^[a-z0-9][a-z0-9-]{0,39}$/, `A ${what} id is lower-case letters, digits and dashes.`);

const productId = z.string({ error: 'Choose a product.' }).regex(/^[a-z0-9][a-z0-9-]{0,63}$/, 'That product id isn’t valid.');
const version = z.number({ error: 'Missing the version you edited.' }).int().min(1);

const deltaCents = z
  .number({ error: 'A price change must be an amount in cents.' })
  .int('A price change must be whole cents.')
  .min(-100_000, 'That price change is too large.')
  .max(100_000, 'That price change is too large.');

const modifierOption = z.strictObject({
  optionId: slug('option'),
  name: z.string().trim().min(1, 'Every option needs a name.').max(40, 'Keep option names under 40 characters.'),
  priceDeltaCents: deltaCents,
  deltaBySizeCents: z.record(slug('size'), deltaCents).optional(),
});

const modifierGroup = z
  .strictObject({
    groupId: slug('modifier group'),
    name: z.string().trim().min(1, 'Every modifier group needs a name.').max(40, 'Keep group names under 40 characters.'),
    minChoices: z.number().int('Choices are whole numbers.').min(0, 'Min choices can’t be negative.').max(20),
    maxChoices: z.number().int('Choices are whole numbers.').min(1, 'Max choices must be at least 1.').max(20),
    defaultOptionIds: z.array(slug('option')).max(20),
    options: z.array(modifierOption).min(1, 'A modifier group needs at least one option.').max(30, 'At most 30 options in a group.'),
  })
  .superRefine((g, ctx) => {
    if (g.minChoices > g.maxChoices) {
      ctx.addIssue({ code: 'custom', path: ['minChoices'], message: `${g.name}: min choices (${g.minChoices}) can’t be more than max (${g.maxChoices}).` });
      return; // the other checks would only restate this
    }
    if (g.minChoices > g.options.length) {
      ctx.addIssue({ code: 'custom', path: ['minChoices'], message: `${g.name}: asks for ${g.minChoices} choices but has ${g.options.length} options.` });
    }
    const ids = g.options.map((o) => o.optionId);
    if (new Set(ids).size !== ids.length) ctx.addIssue({ code: 'custom', path: ['options'], message: `${g.name}: two options have the same id.` });
    const names = g.options.map((o) => o.name.toLowerCase());
    if (new Set(names).size !== names.length) ctx.addIssue({ code: 'custom', path: ['options'], message: `${g.name}: two options have the same name.` });
    if (g.defaultOptionIds.some((d) => !ids.includes(d))) {
      ctx.addIssue({ code: 'custom', path: ['defaultOptionIds'], message: `${g.name}: a default isn’t one of its options.` });
    }
    if (g.defaultOptionIds.length > g.maxChoices || g.defaultOptionIds.length < Math.min(g.minChoices, 1)) {
      ctx.addIssue({ code: 'custom', path: ['defaultOptionIds'], message: `${g.name}: choose ${g.minChoices === g.maxChoices ? g.minChoices : `${g.minChoices}–${g.maxChoices}`} default option(s).` });
    }
  });

const productDraft = z
  .strictObject({
    name: z.string({ error: 'Enter a name.' }).trim().min(1, 'Enter a name.').max(60, 'Keep names under 60 characters.'),
    description: z.string().trim().max(200, 'Keep the description under 200 characters.'),
    category: z.string({ error: 'Choose a category.' }).trim().min(1, 'Choose a category.').max(40),
    priceCents: cents('The price'),
    modifierGroups: z.array(modifierGroup).max(10, 'At most 10 modifier groups.'),
    available: z.boolean(),
    favourite: z.boolean().optional(),
    sortOrder: z.number().int('Sort order is a whole number.').min(0).max(1_000_000),
  })
  .superRefine((p, ctx) => {
    const ids = p.modifierGroups.map((g) => g.groupId);
    if (new Set(ids).size !== ids.length) ctx.addIssue({ code: 'custom', path: ['modifierGroups'], message: 'Two modifier groups have the same id.' });
  });

const category = z.strictObject({
  categoryId: slug('category'),
  name: z.string().trim().min(1, 'Every category needs a name.').max(40, 'Keep category names under 40 characters.'),
  sortOrder: z.number().int().min(0).max(1_000_000),
});

const printJobId = z.string({ error: 'Missing the print to retry.' }).regex(/^[0-9A-HJKMNP-TV-Z]{26}$/, 'That print isn’t one this till knows.');

const status = z.enum(ORDER_STATUSES, { error: 'That isn’t an order status.' });



export interface SessionView {
  email: string;
  name: string;
  role: StaffRole;
  roleLabel: string;
  screens: readonly Screen[];
}

export interface SetupStatus {
  /** local: the embedded emulators; aws: the shop's account; unconfigured: an AWS config that needs fixing. */
  mode: 'local' | 'aws' | 'unconfigured';
  configPath: string;
  /**
   * Never set up: the embedded demo café was created at this start, or the saved AWS configuration
   * is broken (so the till runs nothing). Anyone at the sign-in screen may connect a fresh till;
   * any other change of account needs a manager signed in at this till.
   */
  fresh: boolean;
  problem?: { message: string; fields: { path: string; message: string }[] };
}

/** Someone signed in on this till, as the lock screen lists them. */
export interface TillMemberView {
  email: string;
  name: string;
  role: StaffRole;
  roleLabel: string;
  /** False: they signed in without a PIN and come back with their password. */
  hasPin: boolean;
  attemptsLeft: number;
}

/** Where someone signed in on this till stands on the time clock. */
export interface ClockView {
  email: string;
  name: string;
  roleLabel: string;
  state: ClockState;
  since: string | null;
}

export interface TillView {
  locked: boolean;
  active: SessionView | null;
  members: TillMemberView[];
}

export type SignInResult =
  | { status: 'SIGNED_IN'; session: SessionView }
  | { status: 'NEW_PASSWORD_REQUIRED'; email: string };

/**
 * 'public' channels run without a session; 'display' ones only for the customer display, which can
 * call nothing else; the others list the staff roles allowed.
 */
export type Access = 'public' | 'display' | readonly StaffRole[];

const ALL_STAFF: readonly StaffRole[] = ['Admin', 'Barista', 'Shipper'];

interface ChannelDef<S extends z.ZodType, O> {
  input: S;
  access: Access;
  /** Phantom: carries the output type only. */
  output?: O;
}

const channel =
  <O>() =>
  <S extends z.ZodType>(def: { input: S; access: Access }): ChannelDef<S, O> =>
    def;

export const contract = {
  'setup.status': channel<SetupStatus>()({ input: empty, access: 'public' }),
  'setup.saveAws': channel<{ saved: true; configPath: string; restartRequired: true }>()({
    input: z.strictObject({
      outputs: z.string({ error: 'Paste the stack outputs.' }).trim().min(2, 'Paste the stack outputs.').max(20_000, 'That’s too long for stack outputs.'),
    }),
    access: 'public',
  }),
  'auth.session': channel<SessionView | null>()({ input: empty, access: 'public' }),
  'auth.signIn': channel<SignInResult>()({
    input: z.strictObject({ email, password, pin: chosenPin }),
    access: 'public',
  }),
  // The lock screen: who is signed in on this till. Public: it is shown while nobody is active.
  'auth.till': channel<TillView>()({ input: empty, access: 'public' }),
  'auth.lock': channel<TillView>()({ input: empty, access: ALL_STAFF }),
  'auth.unlock': channel<SessionView>()({ input: z.strictObject({ email, pin }), access: 'public' }),
  /** The PIN so far, from its 4th digit: main starts its hash so Unlock doesn't wait for it. Says nothing back. */
  'auth.preparePin': channel<{ received: true }>()({ input: z.strictObject({ email, pin }), access: 'public' }),
  'auth.completeNewPassword': channel<SessionView>()({
    input: z.strictObject({ newPassword }),
    access: 'public',
  }),
  'auth.forgotPassword': channel<{ destination: string }>()({
    input: z.strictObject({ email }),
    access: 'public',
  }),
  'auth.confirmForgotPassword': channel<{ reset: true }>()({
    input: z.strictObject({ email, code: resetCode, newPassword }),
    access: 'public',
  }),
  // `everyone`: the whole till (its tab closed or idle), not only the person at the keyboard.
  'auth.signOut': channel<{ signedOut: true }>()({ input: z.strictObject({ everyone: z.boolean().optional() }), access: 'public' }),
  'settings.get': channel<ShopSettings>()({ input: empty, access: ALL_STAFF }),
  'menu.list': channel<Menu>()({ input: empty, access: ['Admin', 'Barista'] }),
  // The editor opens the stored settings as they are, wrong ones included, so they can be put right.
  'settings.edit': channel<SettingsForEditor>()({ input: empty, access: ['Admin'] }),
  'settings.save': channel<{ settings: ShopSettings; version: number }>()({
    input: z.strictObject({ expectedVersion: z.number().int().min(0), settings: shopSettingsSchema }),
    access: ['Admin'],
  }),
  /** The day's board; with `since` (when the caller last asked), only what changed from then on. */
  // The counter's board: lines and totals. Shippers have their own list (delivery.list) instead.
  'orders.board': channel<OrderSummary[]>()({
    input: z.strictObject({ businessDate: businessDate.optional(), since: z.iso.datetime({ offset: true, error: 'Give `since` as an ISO time.' }).optional() }),
    access: ['Admin', 'Barista'],
  }),
  'orders.get': channel<Order>()({ input: z.strictObject({ orderId }), access: ['Admin', 'Barista'] }),
  'orders.checkout': channel<Order>()({ input: checkout, access: ['Admin', 'Barista'] }),
  // One approval covers one discount on one sale: this order id, at most this much off.
  'orders.approveDiscount': channel<{ approvalId: string; approverName: string; expiresAt: string; discountCents: number }>()({
    input: z
      .strictObject({ orderId, discountCents: cents('The discount').min(1, 'There is no discount to approve.'), email, password: password.optional(), pin: pin.optional() })
      .superRefine((value, ctx) => {
        if (!value.password === !value.pin) ctx.addIssue({ code: 'custom', path: ['pin'], message: 'The manager enters their PIN or their password.' });
      }),
    access: ['Admin', 'Barista'],
  }),
  'orders.advance': channel<OrderSummary>()({ input: z.strictObject({ orderId, from: status }), access: ['Admin', 'Barista'] }),
  'orders.cancel': channel<Order>()({ input: z.strictObject({ orderId, reason: reason('cancellation'), back: refundBack.optional(), refundId: refundId.optional() }), access: ['Admin'] }),
  'orders.refund': channel<Order>()({
    input: z.strictObject({
      orderId,
      reason: reason('refund'),
      lines: z
        .array(z.strictObject({ lineId: z.string().min(1).max(8), quantity: z.number().int('Refund whole items.').min(1, 'Refund at least 1.').max(MAX_LINE_QUANTITY) }))
        // Left out, the whole order is refunded; an empty choice is a mistake, never "everything".
        .min(1, 'Choose at least one item to refund, or refund the whole order.')
        .max(100)
        .optional(),
      // Unsaid: the one tender the order was paid by. A split payment must say.
      back: refundBack.optional(),
      refundId: refundId.optional(),
    }),
    access: ['Admin'],
  }),
  // This till's shift and cash drawer (src/main/shifts). A barista counts blind: main never sends
  // them expected cash or the variance, and shows them only their own shift's X.
  'shift.current': channel<ShiftCurrent>()({ input: empty, access: ['Admin', 'Barista'] }),
  'shift.open': channel<ShiftReport>()({ input: z.strictObject({ float: cashCount }), access: ['Admin', 'Barista'] }),
  'shift.movement': channel<ShiftReport>()({
    input: z
      .strictObject({
        kind: z.enum(['payIn', 'payOut', 'drop', 'noSale'], { error: 'A drawer movement is a pay in, pay out, drop or no sale.' }),
        amountCents: cents('The amount'),
        reason: reason('drawer movement'),
      }),
    access: ['Admin', 'Barista'],
  }),
  'shift.close': channel<ShiftReport>()({
    input: z.strictObject({ shiftId: shiftId.optional(), count: cashCount, reason: z.string().trim().max(200, 'Keep the reason under 200 characters.').optional() }),
    access: ['Admin', 'Barista'],
  }),
  /** X of the open shift, or a Z (reprint) by its shift id. */
  'shift.report': channel<ShiftReport>()({ input: z.strictObject({ shiftId: shiftId.optional() }), access: ['Admin', 'Barista'] }),
  'sync.status': channel<SyncStatus>()({ input: empty, access: ALL_STAFF }),
  'sync.now': channel<SyncStatus>()({ input: empty, access: ALL_STAFF }),
  'sync.retryParked': channel<SyncStatus>()({ input: empty, access: ['Admin'] }),
  // A manager renames this till; main claims the id in the cloud first. `takeOver`: the till that
  // holds it is gone for good (a reinstall).
  'sync.setTerminalId': channel<SyncStatus>()({
    input: z.strictObject({
      terminalId: z.string({ error: 'Enter the till’s id.' }).trim().toUpperCase().regex(TERMINAL_ID, `A till id is ${TERMINAL_ID_RULE}.`),
      takeOver: z.boolean().optional(),
    }),
    access: ['Admin'],
  }),
  'receipts.print': channel<{ printed: boolean }>()({ input: empty, access: ALL_STAFF }),
  /** The register shows the sale on the customer display. */
  'display.show': channel<{ version: number }>()({ input: displayViewSchema, access: ['Admin', 'Barista'] }),
  /** Opens the customer display: a window on the second screen, or (browser) the link for one. */
  'display.open': channel<{ url: string | null }>()({ input: empty, access: ['Admin', 'Barista'] }),
  /** The display waits for the next thing to show. */
  'display.watch': channel<DisplayFrame>()({ input: z.strictObject({ after: z.number().int().min(0) }), access: 'display' }),
  'customers.lookup': channel<CustomerView[]>()({ input: z.strictObject({ query: customerQuery }), access: ['Admin', 'Barista'] }),
  'customers.get': channel<CustomerView>()({ input: z.strictObject({ customerId }), access: ['Admin', 'Barista'] }),
  'customers.enrol': channel<CustomerView>()({
    input: z
      .strictObject({
        name: z.string({ error: 'Enter the customer’s name.' }).trim().min(1, 'Enter the customer’s name.').max(80, 'Keep the name under 80 characters.'),
        // A field left empty on the form is simply not given.
        phone: z.preprocess((v) => (v === '' ? undefined : v), phone.optional()),
        email: z.preprocess((v) => (v === '' ? undefined : v), email.optional()),
      })
      .superRefine((value, ctx) => {
        if (!value.phone && !value.email) {
          ctx.addIssue({ code: 'custom', path: ['phone'], message: 'Give a phone number or an email address.' });
        }
      }),
    access: ['Admin', 'Barista'],
  }),
  'menu.adminList': channel<{ products: AdminProduct[]; categories: Category[]; categoriesVersion: number }>()({ input: empty, access: ['Admin'] }),
  'menu.create': channel<AdminProduct>()({ input: z.strictObject({ product: productDraft }), access: ['Admin'] }),
  'menu.update': channel<AdminProduct>()({ input: z.strictObject({ productId, expectedVersion: version, product: productDraft }), access: ['Admin'] }),
  'menu.setAvailable': channel<Product>()({ input: z.strictObject({ productId, available: z.boolean() }), access: ['Admin', 'Barista'] }),
  'menu.archive': channel<AdminProduct>()({ input: z.strictObject({ productId, expectedVersion: version }), access: ['Admin'] }),
  'menu.rollbackPrice': channel<AdminProduct>()({
    input: z.strictObject({ productId, expectedVersion: version, toPriceCents: cents('The price') }),
    access: ['Admin'],
  }),
  'menu.schedulePrice': channel<AdminProduct>()({
    input: z.strictObject({
      productId,
      expectedVersion: version,
      schedule: z
        .strictObject({
          priceCents: cents('The price'),
          effectiveAt: z.iso.datetime({ offset: true, error: 'Choose a date and time for the new price.' }),
        })
        .nullable(),
    }),
    access: ['Admin'],
  }),
  'menu.saveCategories': channel<{ categories: Category[]; categoriesVersion: number }>()({
    input: z.strictObject({
      expectedVersion: z.number().int().min(0),
      categories: z
        .array(category)
        .min(1, 'Keep at least one category.')
        .max(30, 'At most 30 categories.')
        .superRefine((list, ctx) => {
          const names = list.map((c) => c.name.toLowerCase());
          if (new Set(names).size !== names.length) ctx.addIssue({ code: 'custom', message: 'Two categories have the same name.' });
          const ids = list.map((c) => c.categoryId);
          if (new Set(ids).size !== ids.length) ctx.addIssue({ code: 'custom', message: 'Two categories have the same id.' });
        }),
    }),
    access: ['Admin'],
  }),
  'loyalty.history': channel<{ customer: CustomerView; entries: LedgerEntry[]; nextCursor: string | null; recentOrders: OrderSummary[] }>()({
    input: z.strictObject({ customerId, cursor: z.string().max(512).optional() }),
    access: ['Admin', 'Barista'],
  }),
  'loyalty.adjust': channel<CustomerView>()({
    input: z.strictObject({
      customerId,
      delta: z
        .number({ error: 'Enter the points to add or take away.' })
        .int('Points are whole numbers.')
        .refine((d) => d !== 0, 'Enter a change other than 0.')
        .refine((d) => Math.abs(d) <= 100_000, 'That’s more points than any adjustment should be.'),
      reason: reason('adjustment'),
    }),
    access: ['Admin'],
  }),
  // This till's receipt printer and cash drawer (src/main/printer): settings for managers, prints for the counter.
  'printer.config': channel<PrinterConfig>()({ input: empty, access: ['Admin'] }),
  'printer.save': channel<PrinterConfig>()({ input: printerConfigSchema, access: ['Admin'] }),
  'printer.testPage': channel<{ printed: true } | { printed: false; reason: string }>()({ input: empty, access: ['Admin'] }),
  'printer.status': channel<PrinterStatus>()({ input: empty, access: ALL_STAFF }),
  'printer.receipt': channel<{ queued: true }>()({ input: z.strictObject({ orderId }), access: ['Admin', 'Barista'] }),
  /** The open shift's X, or a Z (reprint) by shift id, on the thermal printer; who sees what is as for shift.report. */
  'printer.shiftReport': channel<{ queued: true }>()({ input: z.strictObject({ shiftId: shiftId.optional() }), access: ['Admin', 'Barista'] }),
  'printer.retry': channel<PrinterStatus>()({ input: z.strictObject({ jobId: printJobId }), access: ['Admin', 'Barista'] }),
  'printer.dismiss': channel<PrinterStatus>()({ input: z.strictObject({ jobId: printJobId }), access: ALL_STAFF }),
  // Delivery (src/main/delivery): the shipper's list and trip steps; the counter takes their cash in.
  'delivery.list': channel<DeliveryView[]>()({ input: empty, access: ['Admin', 'Shipper'] }),
  'delivery.move': channel<DeliveryView>()({
    input: z
      .strictObject({
        orderId,
        action: z.enum(Object.keys(DELIVERY_MOVES) as [DeliveryAction, ...DeliveryAction[]], { error: 'A delivery step is claim, out, delivered or failed.' }),
        reason: z.string().trim().min(3, 'Say why it couldn’t be delivered (at least 3 characters).').max(200, 'Keep the reason under 200 characters.').optional(),
        cashCents: cents('The cash collected').optional(),
      })
      .superRefine((value, ctx) => {
        if (value.action === 'failed' && !value.reason) ctx.addIssue({ code: 'custom', path: ['reason'], message: 'Say why it couldn’t be delivered.' });
      }),
    access: ['Admin', 'Shipper'],
  }),
  // What each shipper collected on today's cash-on-delivery orders and hasn't handed in yet.
  'delivery.owed': channel<ShipperCash[]>()({ input: empty, access: ['Admin', 'Barista'] }),
  // A shipper hands in the cash they collected: it goes into this till's drawer as a pay-in.
  'delivery.settle': channel<{ settledCents: number; tickets: string[]; report: ShiftReport }>()({
    input: z.strictObject({ shipperId: z.string({ error: 'Choose the shipper.' }).min(1, 'Choose the shipper.').max(128) }),
    access: ['Admin', 'Barista'],
  }),
  // Managers' sales reports (src/main/reports): business days from–to (at most 31), one till or all.
  'reports.sales': channel<SalesReportView>()({ input: reportRange, access: ['Admin'] }),
  'reports.ordersCsv': channel<{ filename: string; csv: string; rows: number }>()({ input: reportRange, access: ['Admin'] }),
  'timeclock.status': channel<ClockView[]>()({ input: empty, access: 'public' }),
  'timeclock.punch': channel<{ punch: Punch; message: string; status: ClockView[] }>()({
    input: z.strictObject({
      email,
      pin,
      kind: z.enum(PUNCH_KINDS, { error: 'Choose clock in, start break, end break or clock out.' }),
      despiteOpenShift: z.boolean().optional(),
    }),
    access: 'public',
  }),
  'timecards.list': channel<Timecard[]>()({ input: timecardRange, access: ['Admin'] }),
  'timecards.edit': channel<Timecard>()({
    input: z.strictObject({
      workDate: businessDate,
      userId: z.string({ error: 'Choose whose timecard.' }).min(1, 'Choose whose timecard.').max(128, 'That person’s id is too long.'),
      punchId: z.string({ error: 'Choose a punch to edit.' }).regex(/^[a-z0-9]{1,12}-[0-9a-f]{12}$/, 'That punch id isn’t valid.'),
      at: z.iso.datetime({ offset: true, error: 'Choose the punch’s new date and time.' }),
      reason: reason('change'),
    }),
    access: ['Admin'],
  }),
  // A punch someone forgot (a clock-out, a break), added to their card for a day with a reason.
  'timecards.add': channel<Timecard>()({
    input: z.strictObject({
      workDate: businessDate,
      userId: z.string({ error: 'Choose whose timecard.' }).min(1, 'Choose whose timecard.').max(128, 'That person’s id is too long.'),
      kind: z.enum(PUNCH_KINDS, { error: 'Choose clock in, start break, end break or clock out.' }),
      at: z.iso.datetime({ offset: true, error: 'Choose the punch’s date and time.' }),
      reason: reason('added punch'),
    }),
    access: ['Admin'],
  }),
  // Managers' staff management (src/main/staff): Cognito accounts, their group, and this till's PINs.
  'staff.list': channel<StaffMember[]>()({ input: empty, access: ['Admin'] }),
  'staff.invite': channel<InviteResult>()({ input: inviteSchema, access: ['Admin'] }),
  'staff.setGroup': channel<StaffMember>()({ input: z.strictObject({ email: staffEmailSchema, group: staffGroupSchema }), access: ['Admin'] }),
  'staff.setEnabled': channel<StaffMember>()({ input: z.strictObject({ email: staffEmailSchema, enabled: z.boolean() }), access: ['Admin'] }),
  'staff.resetPassword': channel<ResetPasswordResult>()({ input: z.strictObject({ email: staffEmailSchema }), access: ['Admin'] }),
  'staff.resetPin': channel<{ email: string; signedOutHere: number }>()({ input: z.strictObject({ email: staffEmailSchema }), access: ['Admin'] }),
  /** Every till's shifts of the range with their Z (number, expected, counted, variance), from the cloud. */
  'reports.zReports': channel<ZReportsView>()({ input: reportRange, access: ['Admin'] }),
} as const;

export type Contract = typeof contract;
export type Channel = keyof Contract;
export const CHANNELS = Object.keys(contract) as Channel[];

export type InputOf<C extends Channel> = z.input<Contract[C]['input']>;
export type ParsedInputOf<C extends Channel> = z.output<Contract[C]['input']>;
export type OutputOf<C extends Channel> = Contract[C] extends ChannelDef<z.ZodType, infer O> ? O : never;

export function isChannel(name: unknown): name is Channel {
  return typeof name === 'string' && Object.hasOwn(contract, name);
}

type DomainOf<C> = C extends `${infer D}.${string}` ? D : never;
type VerbOf<C, D extends string> = C extends `${D}.${infer V}` ? V : never;

/** window.pos: one async function per channel, grouped by domain (`pos.auth.signIn(...)`). */
export type PosApi = {
  [D in DomainOf<Channel>]: {
    [C in Channel as VerbOf<C, D>]: (input: InputOf<C>) => Promise<Result<OutputOf<C>>>;
  };
};

/** The IPC channel name Electron uses for a contract channel. */
export const ipcChannelName = (c: Channel): string => `pos:${c}`;
