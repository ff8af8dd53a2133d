import type { Cents } from './money';
import type { ShopSettings } from './menu';
import type { Totals } from './pricing';

/**
 * Phone numbers as people type them ("555-010-0100", "(555) 010-0100", "+44 20 7946 0958") to
 * E.164. Ten digits are a North American number; anything else needs its country code with "+".
 * A "(0)" after the country code ("+44 (0)20 7946 0958") is the trunk prefix dialled only at
 * home: kept, the same customer would be a second one.
 */
export function normalizePhone(input: string): string | null {
  const trimmed = input.trim().replace(/^(\+\d{1,3})\s*\(0\)/, '$1');
  if (!/^\+?[\d\s().\-/]+$/.test(trimmed)) return null;
  const digits = trimmed.replace(/\D/g, '');
  if (trimmed.startsWith('+')) return digits.length >= 8 && digits.length <= 15 && digits[0] !== '0' ? `+${digits}` : null;
  if (digits.length === 10 && /^[2-9]/.test(digits)) return `+1${digits}`;
  if (digits.length === 11 && digits.startsWith('1') && /^[2-9]/.test(digits.slice(1))) return `+${digits}`;
  return null;
}

/** +15550100100 → +1 555 010 0100, for people to read. */
export function formatPhone(e164: string): string {
  const m = /^\+1(\d{3})(\d{3})(\d{4})$/.exec(e164);
  return m ? `+1 ${m[1]} ${m[2]} ${m[3]}` : e164;
}

export interface CustomerView {
  customerId: string;
  name: string;
  phone?: string;
  email?: string;
  /** Where a delivery to them goes, when they have given it. */
  address?: string;
  points: number;
}

export interface LedgerEntry {
  entryId: string;
  at: string;
  delta: number;
  reason: string;
  orderId?: string;
  ticket?: string;
  actor: string;
}

export type LoyaltyRules = ShopSettings['loyalty'];

/** Points earned on an order: per whole dollar of what was paid for the goods before tax, after every discount (Totals.earningCents). */
export function pointsEarned(totals: Pick<Totals, 'earningCents'>, rules: LoyaltyRules): number {
  return Math.floor(Math.max(0, totals.earningCents) / 100) * rules.earnPointsPerDollar;
}

/**
 * The most reward blocks a customer can redeem on an order: limited by their points and by the
 * order, since a reward can't take the pre-tax total below zero.
 */
export function maxRedeemBlocks(points: number, preTaxCents: Cents, rules: LoyaltyRules): number {
  if (rules.redeemBlockPoints <= 0 || rules.redeemBlockValueCents <= 0) return 0;
  return Math.max(0, Math.min(Math.floor(points / rules.redeemBlockPoints), Math.floor(preTaxCents / rules.redeemBlockValueCents)));
}
