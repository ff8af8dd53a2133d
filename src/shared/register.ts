// The register's pure rules: what the search box means, option letters, usual choices, cash typos.
// Pure, so the unit tests check the same functions the register runs.
import type { ModifierGroup, Product } from './menu';
import type { Cents } from './money';
import { defaultSelection, MAX_LINE_QUANTITY, priceLine, type Selection } from './pricing';

export const ALL = 'All';

/** What the search box holds: an optional leading quantity ("3*latte", "3 latte", "3latte") and the text. */
export interface SearchInput {
  quantity: number;
  text: string;
}

export function parseSearch(query: string): SearchInput {
  const match = /^\s*(\d{1,2})\s*(?:\*|x\b|×)?\s*(.*)$/i.exec(query);
  if (!match) return { quantity: 1, text: query.trim() };
  const quantity = Math.min(MAX_LINE_QUANTITY, Number(match[1]));
  return { quantity: Math.max(1, quantity), text: match[2]!.trim() };
}

/**
 * Best match first: exact name, then names starting with the text, then a word starting with it,
 * then containing it. Typed text searches the whole menu: the category only narrows an empty search,
 * so a "latte" after a muffin sale still finds the latte.
 */
export function searchMenu(products: readonly Product[], text: string, category: string): Product[] {
  const needle = text.trim().toLowerCase();
  if (!needle) return category === ALL ? [...products] : products.filter((p) => p.category === category);
  const rank = (p: Product) => {
    const name = p.name.toLowerCase();
    return name === needle ? 0 : name.startsWith(needle) ? 1 : name.split(/\s+/).some((w) => w.startsWith(needle)) ? 2 : name.includes(needle) ? 3 : 9;
  };
  return products.filter((p) => rank(p) < 9).toSorted((a, b) => rank(a) - rank(b));
}

/**
 * One letter per option in a choices dialog, shown underlined in its name: "L" for Large, "O" for
 * Oat. Each option takes the first letter of its name no earlier option took, so the letters are
 * stable for a product and unique within the dialog; an option with none left has no letter.
 */
export function optionHotkeys(groups: readonly ModifierGroup[]): Map<string, { key: string; at: number }> {
  const taken = new Set<string>();
  const keys = new Map<string, { key: string; at: number }>();
  for (const group of groups) {
    for (const option of group.options) {
      const letters = [...option.name].map((c, at) => ({ key: c.toLowerCase(), at, wordStart: at === 0 || /\s/.test(option.name[at - 1]!) }));
      // Starts of words first ("Oat Milk" → O, then M), then any letter of the name.
      const pick = [...letters.filter((l) => l.wordStart), ...letters].find((l) => /[a-z]/.test(l.key) && !taken.has(l.key));
      if (!pick) continue;
      taken.add(pick.key);
      keys.set(optionKey(group.groupId, option.optionId), { key: pick.key, at: pick.at });
    }
  }
  return keys;
}

export const optionKey = (groupId: string, optionId: string) => `${groupId}/${optionId}`;

/**
 * A product's usual choices (its defaults), named for a button: "Small, Whole". Null when the
 * defaults alone can't be sold (a required choice has no default), so the dialog must ask.
 */
export function usualChoices(product: Product): { selection: Selection; label: string } | null {
  const selection = defaultSelection(product);
  try {
    priceLine({ product, quantity: 1, selection });
  } catch {
    return null;
  }
  const names = product.modifierGroups.flatMap((g) => (selection[g.groupId] ?? []).map((id) => g.options.find((o) => o.optionId === id)?.name ?? id));
  return { selection, label: names.join(', ') || 'No extras' };
}

/** The largest note a customer is likely to hand over for a small order. */
const LARGEST_NOTE_CENTS = 10_000;

/**
 * Cash that is more likely a typo than a note: "2000" for a $9.83 order. More than ten times what
 * is due and more than a $100 note over it; a $100 note for a $3.24 espresso is normal.
 */
export function cashLooksWrong(dueCents: Cents, cashCents: Cents): boolean {
  return cashCents > Math.max(dueCents * 10, dueCents + LARGEST_NOTE_CENTS);
}
