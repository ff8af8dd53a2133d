import { useId, useState } from 'react';
import type { ShopSettings } from '../../../../shared/menu';
import { centsToInput, formatCents, parseMoneyInput, type Cents } from '../../../../shared/money';
import type { Order } from '../../../../shared/orders';
import { refundLeft, refundParts, suggestRefund, type RefundChoice, type RefundPart } from '../../../../shared/refund-tenders';
import { Field } from '../../../ui/forms';

const CHOICES: { choice: RefundChoice; label: string }[] = [
  { choice: 'cash', label: 'Cash' },
  { choice: 'card', label: 'Card' },
  { choice: 'split', label: 'Split' },
];

/** The first thing main said about how the money goes back (`back` or one of its parts). */
export function backError(fields: Record<string, string> | undefined): string | undefined {
  return Object.entries(fields ?? {}).find(([path]) => path === 'back' || path.startsWith('back.'))?.[1];
}

/**
 * A refund's id (the contract's REFUND_ID), made once per form: asking again after an answer that
 * never came is the same refund, so it can't go back twice.
 */
export const newRefundId = (): string => Array.from(crypto.getRandomValues(new Uint8Array(8)), (b) => b.toString(16).padStart(2, '0')).join('');

/**
 * How a refund or cancel gives the money back: cash, card or a split, starting from how the order
 * was paid. `parts()` is what to send, or null (with the problem shown) when a split amount can't be read.
 */
export function useRefundTenders(order: Order, amountCents: Cents, settings: ShopSettings | undefined, serverError: string | undefined) {
  const id = useId();
  const money = (cents: Cents) => formatCents(cents, settings?.currency, settings?.locale);
  const left = refundLeft(order);
  const suggestion = suggestRefund(amountCents, left);
  const [picked, setPicked] = useState<RefundChoice | null>(null);
  // The typed split belongs to the amount it was typed for: choosing other lines starts it afresh.
  const [typed, setTyped] = useState<{ forCents: Cents; cash: string; card: string } | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const choice = picked ?? suggestion.choice;
  const split =
    typed?.forCents === amountCents
      ? typed
      : { forCents: amountCents, cash: centsToInput(part(suggestion.parts, 'cash')), card: centsToInput(part(suggestion.parts, 'card')) };

  /** Typing one side of the split fills the other with the rest, so the parts add up as staff type. */
  const type = (kind: 'cash' | 'card', text: string) => {
    const cents = parseMoneyInput(text);
    const other = kind === 'cash' ? 'card' : 'cash';
    const rest = cents !== null && cents <= amountCents ? centsToInput(amountCents - cents) : split[other];
    setTyped({ ...split, [kind]: text, [other]: rest });
    setProblem(null);
  };

  const parts = (): RefundPart[] | null => {
    if (amountCents === 0) return [];
    if (choice !== 'split') return refundParts(amountCents, choice, { cash: 0, card: 0 });
    const cash = parseMoneyInput(split.cash);
    const card = parseMoneyInput(split.card);
    if (cash === null || card === null) {
      setProblem(`Type the ${cash === null ? 'cash' : 'card'} part as an amount, like 1.50.`);
      return null;
    }
    return refundParts(amountCents, 'split', { cash, card });
  };

  const shown = problem ?? serverError;
  const fields =
    amountCents === 0 ? null : (
      <fieldset className="refund-tenders" aria-describedby={`${id}-left${shown ? ` ${id}-error` : ''}`}>
        <legend>How the {money(amountCents)} goes back</legend>
        <div className="segmented">
          {CHOICES.map(({ choice: c, label }) => (
            <label key={c} className="chip">
              <input
                type="radio"
                name={`${id}-back`}
                checked={choice === c}
                onChange={() => {
                  setPicked(c);
                  setProblem(null);
                }}
              />
              {label}
            </label>
          ))}
        </div>
        <p id={`${id}-left`} className="field-hint">
          Can still go back: cash {money(left.cash)}, card {money(left.card)}.
        </p>
        {choice === 'split' && (
          <div className="two-up">
            <Field label="Cash part" inputMode="decimal" autoComplete="off" value={split.cash} onChange={(e) => type('cash', e.target.value)} />
            <Field label="Card part" inputMode="decimal" autoComplete="off" value={split.card} onChange={(e) => type('card', e.target.value)} />
          </div>
        )}
        {shown && (
          <p id={`${id}-error`} className="field-error" role="alert">
            {shown}
          </p>
        )}
      </fieldset>
    );

  return { parts, fields };
}

function part(parts: readonly RefundPart[], kind: RefundPart['kind']): Cents {
  return parts.find((p) => p.kind === kind)?.amountCents ?? 0;
}
