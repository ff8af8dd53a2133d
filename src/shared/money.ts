/** Money is integer cents everywhere; only formatting ever sees a decimal point. */
export type Cents = number;

const formatters = new Map<string, Intl.NumberFormat>();

export function formatCents(cents: Cents, currency = 'USD', locale = 'en-US'): string {
  const key = `${locale}|${currency}`;
  let formatter = formatters.get(key);
  if (!formatter) {
    formatter = new Intl.NumberFormat(locale, { style: 'currency', currency });
    formatters.set(key, formatter);
  }
  return formatter.format(cents / 100);
}

export function isCents(value: unknown): value is Cents {
  return typeof value === 'number' && Number.isSafeInteger(value);
}
