import { useMemo, useState, type FormEvent, type KeyboardEvent } from 'react';
import type { ModifierGroup, Product } from '../../../../shared/menu';
import { formatCents } from '../../../../shared/money';
import { defaultSelection, priceLine, PricingError, SIZE_GROUP_ID, type Selection } from '../../../../shared/pricing';
import { Modal } from '../../../ui/Modal';
import { optionHotkeys, optionKey } from '../../../../shared/register';

function groupHint(group: ModifierGroup): string {
  if (group.minChoices === group.maxChoices) return `choose ${group.minChoices}`;
  if (group.minChoices === 0) return `up to ${group.maxChoices}`;
  return `${group.minChoices}–${group.maxChoices}`;
}

/** The option's name with its letter underlined; the name read out stays the plain name. */
function withHotkey(name: string, at: number | undefined) {
  if (at === undefined) return name;
  return (
    <>
      {name.slice(0, at)}
      <span className="hotkey">{name[at]}</span>
      {name.slice(at + 1)}
    </>
  );
}

/**
 * Choices for one product: defaults preselected, deltas shown for the size chosen now. Each option
 * has a letter: "L O ⏎" is a large oat latte.
 */
export function ModifierDialog({
  product,
  quantity = 1,
  format,
  onAdd,
  onClose,
}: {
  product: Product;
  quantity?: number;
  format: (cents: number) => string;
  onAdd: (selection: Selection) => void;
  onClose: () => void;
}) {
  const [selection, setSelection] = useState<Selection>(() => defaultSelection(product));
  const hotkeys = useMemo(() => optionHotkeys(product.modifierGroups), [product.modifierGroups]);
  const sizeId = selection[SIZE_GROUP_ID]?.[0];

  let price: { cents: number } | { problem: string };
  try {
    price = { cents: priceLine({ product, quantity: 1, selection }).unitPriceCents };
  } catch (error) {
    price = { problem: error instanceof PricingError ? error.message : 'Can’t be priced.' };
  }

  const toggle = (group: ModifierGroup, optionId: string, checked: boolean) => {
    setSelection((current) => {
      const chosen = current[group.groupId] ?? [];
      if (group.maxChoices === 1) return { ...current, [group.groupId]: checked ? [optionId] : [] };
      return { ...current, [group.groupId]: checked ? [...chosen, optionId] : chosen.filter((id) => id !== optionId) };
    });
  };

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if ('cents' in price) onAdd(selection);
  };

  // Enter on a radio or checkbox adds the drink: the keyboard path never needs to reach the button.
  const onKeyDown = (event: KeyboardEvent<HTMLFormElement>) => {
    if (event.key === 'Enter' && event.target instanceof HTMLInputElement) {
      event.preventDefault();
      event.currentTarget.requestSubmit();
      return;
    }
    if (event.key.length !== 1 || event.ctrlKey || event.metaKey || event.altKey) return;
    const letter = event.key.toLowerCase();
    for (const group of product.modifierGroups) {
      const option = group.options.find((o) => hotkeys.get(optionKey(group.groupId, o.optionId))?.key === letter);
      if (!option) continue;
      event.preventDefault();
      const input = event.currentTarget.querySelector<HTMLInputElement>(`input[name="${CSS.escape(group.groupId)}"][value="${CSS.escape(option.optionId)}"]`);
      if (input?.disabled) return;
      toggle(group, option.optionId, group.maxChoices === 1 || !(selection[group.groupId] ?? []).includes(option.optionId));
      input?.focus();
      return;
    }
  };

  return (
    <Modal title={product.name} onClose={onClose}>
      <form onSubmit={submit} onKeyDown={onKeyDown} className="modifier-form">
        {product.modifierGroups.map((group, groupIndex) => {
          const chosen = selection[group.groupId] ?? [];
          const full = chosen.length >= group.maxChoices;
          return (
            <fieldset key={group.groupId} className="modifier-group">
              <legend>
                {group.name} <span className="muted">({groupHint(group)})</span>
              </legend>
              <div className="option-grid">
                {group.options.map((option, optionIndex) => {
                  const delta = (sizeId !== undefined ? option.deltaBySizeCents?.[sizeId] : undefined) ?? option.priceDeltaCents;
                  const checked = chosen.includes(option.optionId);
                  return (
                    <label key={option.optionId} className="option">
                      <input
                        type={group.maxChoices === 1 ? 'radio' : 'checkbox'}
                        name={group.groupId}
                        value={option.optionId}
                        checked={checked}
                        disabled={!checked && full && group.maxChoices > 1}
                        data-autofocus={groupIndex === 0 && (checked || (chosen.length === 0 && optionIndex === 0)) ? true : undefined}
                        onChange={(e) => toggle(group, option.optionId, e.target.checked)}
                      />
                      <span>{withHotkey(option.name, hotkeys.get(optionKey(group.groupId, option.optionId))?.at)}</span>
                      <span className="option-delta">{delta ? `+${format(delta)}` : ''}</span>
                    </label>
                  );
                })}
              </div>
            </fieldset>
          );
        })}
        {'problem' in price && <p className="field-error">{price.problem}</p>}
        <div className="modal-actions">
          <button type="button" className="btn btn-quiet" onClick={onClose}>
            Cancel
          </button>
          <button type="submit" className="btn btn-primary" disabled={!('cents' in price)}>
            {'cents' in price ? (quantity > 1 ? `Add ${quantity} for ${format(price.cents * quantity)}` : `Add ${format(price.cents)}`) : 'Add'}
          </button>
        </div>
      </form>
    </Modal>
  );
}

export const formatFor = (currency = 'USD', locale = 'en-US') => (cents: number) => formatCents(cents, currency, locale);
