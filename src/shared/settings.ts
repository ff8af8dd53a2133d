import { z } from 'zod';
import type { ShopSettings } from './menu';

/**
 * The one schema for a shop's settings: the admin CLI checks a menu file with it, the catalogue
 * reads the stored item through it, and the menu editor's settings are saved through it. Every
 * message names the field and, where a unit is easy to get wrong, says what the value means.
 */

const missingOr = (field: string, kind: string) => (issue: { input?: unknown }) =>
  issue.input === undefined ? `${field} is missing.` : `${field} must be ${kind}, not ${JSON.stringify(issue.input)}.`;

const wholeNumber = (field: string) => z.number({ error: missingOr(field, 'a whole number') }).refine(Number.isSafeInteger, { error: (i) => `${field} ${String(i.input)} isn’t a whole number.` });

const percent = (bps: number) => `${(bps / 100).toLocaleString('en-US', { maximumFractionDigits: 2 })}%`;

/**
 * A rate in basis points. 1–99 (under 1%) is refused: it is what a percentage typed as such
 * looks like ("8" meant as 8% is 0.08%), and no shop's tax or discount rule is that small.
 */
function basisPoints(field: string, max: number, example: number) {
  const hint = `basis points: ${example} = ${percent(example)}`;
  return z.number({ error: missingOr(field, 'a whole number of basis points') }).superRefine((bps, ctx) => {
    if (!Number.isSafeInteger(bps)) ctx.addIssue({ code: 'custom', message: `${field} ${bps} isn’t a whole number of basis points (${hint}).` });
    else if (bps < 0) ctx.addIssue({ code: 'custom', message: `${field} can’t be negative (${hint}).` });
    else if (bps > 0 && bps < 100) ctx.addIssue({ code: 'custom', message: `${field} ${bps} is ${percent(bps)}; it is in ${hint}.` });
    else if (bps > max) ctx.addIssue({ code: 'custom', message: `${field} ${bps} is ${percent(bps)}, more than ${percent(max)} (${hint}).` });
  });
}

/** An amount in cents, at least `min`: smaller is what an amount typed in dollars looks like. */
function cents(field: string, min: number, example: number) {
  const hint = `cents: ${example} = ${(example / 100).toFixed(2)}`;
  return wholeNumber(field).superRefine((value, ctx) => {
    if (value < min) ctx.addIssue({ code: 'custom', message: value <= 0 ? `${field} must be more than 0 (${hint}).` : `${field} ${value} is ${(value / 100).toFixed(2)}; it is in ${hint}.` });
  });
}

let currencies: Set<string> | undefined;
function isCurrency(code: string): boolean {
  currencies ??= new Set(Intl.supportedValuesOf('currency'));
  return currencies.has(code);
}

function isLocale(tag: string): boolean {
  try {
    return Intl.getCanonicalLocales(tag).length === 1;
  } catch {
    return false;
  }
}

const unknownKeys = (where: string) => (issue: { code?: string; keys?: string[] }) =>
  issue.code === 'unrecognized_keys' ? `${where}: ${issue.keys?.join(', ')} ${issue.keys?.length === 1 ? 'isn’t a setting' : 'aren’t settings'} the app knows.` : undefined;

export const shopSettingsSchema = z.strictObject(
  {
    shopName: z
      .string({ error: missingOr('shopName', 'text') })
      .trim()
      .min(1, 'shopName is empty: it prints on every receipt.')
      .max(80, 'shopName is longer than 80 characters.'),
    currency: z.string({ error: missingOr('currency', 'a currency code') }).refine(isCurrency, { error: (i) => `currency ${JSON.stringify(i.input)} isn’t a currency code like USD or EUR.` }),
    locale: z.string({ error: missingOr('locale', 'a locale') }).refine(isLocale, { error: (i) => `locale ${JSON.stringify(i.input)} isn’t a locale like en-US.` }),
    taxRateBps: basisPoints('taxRateBps', 5_000, 800),
    taxInclusive: z.boolean({ error: missingOr('taxInclusive', 'true or false') }),
    discountApprovalThresholdBps: basisPoints('discountApprovalThresholdBps', 10_000, 2_000),
    priceCapCents: cents('priceCapCents', 100, 100_000),
    // The board flags a ticket as late past this many minutes (5 when unset).
    boardLateMinutes: wholeNumber('boardLateMinutes')
      .refine((n) => n >= 1 && n <= 120, 'boardLateMinutes must be between 1 and 120 minutes.')
      .optional(),
    // The till locks itself after this many idle minutes (unset: never by itself).
    autoLockMinutes: wholeNumber('autoLockMinutes')
      .refine((n) => n >= 1 && n <= 240, 'autoLockMinutes must be between 1 and 240 minutes.')
      .optional(),
    lockAfterSale: z.boolean({ error: missingOr('lockAfterSale', 'true or false') }).optional(),
    // A close whose count is off by more than this, either way, needs a reason (500 when unset).
    varianceThresholdCents: wholeNumber('varianceThresholdCents')
      .refine((n) => n >= 0 && n <= 100_000, 'varianceThresholdCents must be between 0 and 100000 (cents: 500 = 5.00).')
      .optional(),
    // What a delivery order adds to the bill, priced by main at checkout (never taken from the till's screen).
    delivery: z
      .strictObject(
        {
          feeCents: wholeNumber('delivery.feeCents').refine((n) => n >= 0 && n <= 10_000, 'delivery.feeCents must be between 0 and 10000 (cents: 200 = 2.00).'),
          taxed: z.boolean({ error: missingOr('delivery.taxed', 'true or false') }),
        },
        { error: (issue) => unknownKeys('delivery')(issue) ?? missingOr('delivery', 'an object')(issue) },
      )
      .optional(),
    loyalty: z.strictObject(
      {
        earnPointsPerDollar: wholeNumber('loyalty.earnPointsPerDollar').refine((n) => n >= 0 && n <= 100, 'loyalty.earnPointsPerDollar must be between 0 and 100.'),
        redeemBlockPoints: wholeNumber('loyalty.redeemBlockPoints').refine((n) => n >= 1, 'loyalty.redeemBlockPoints must be at least 1.'),
        redeemBlockValueCents: cents('loyalty.redeemBlockValueCents', 1, 200),
      },
      { error: (issue) => unknownKeys('loyalty')(issue) ?? missingOr('loyalty', 'an object')(issue) },
    ),
  },
  { error: (issue) => unknownKeys('settings')(issue) ?? missingOr('settings', 'an object')(issue) },
) satisfies z.ZodType<ShopSettings>;

/** Attributes the settings item carries besides the settings themselves. */
const STORED_ONLY = ['productId', 'updatedAt', 'updatedBy', 'version'] as const;

/** What the settings editor opens with: the stored fields as they are, even when they are wrong. */
export interface SettingsForEditor {
  settings: Partial<ShopSettings>;
  version: number;
  problems: string[];
}

export type SettingsCheck = { ok: true; settings: ShopSettings; version: number } | { ok: false; problems: string[] };

/** Every problem in a settings object, one sentence each (the field is named in it). */
export function settingsProblems(error: z.ZodError): string[] {
  return [...new Set(error.issues.map((i) => i.message))];
}

/** The stored settings item, checked: what the catalogue prices with. */
export function readStoredSettings(item: Record<string, unknown>): SettingsCheck {
  const fields = Object.fromEntries(Object.entries(item).filter(([k]) => !(STORED_ONLY as readonly string[]).includes(k)));
  const parsed = shopSettingsSchema.safeParse(fields);
  if (!parsed.success) return { ok: false, problems: settingsProblems(parsed.error) };
  return { ok: true, settings: parsed.data, version: typeof item.version === 'number' ? item.version : 0 };
}

/** The variance a close may have without a reason when the shop hasn't set one: $5.00. */
export const DEFAULT_VARIANCE_THRESHOLD_CENTS = 500;
