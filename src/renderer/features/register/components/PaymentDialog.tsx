import { useId, useLayoutEffect, useRef, useState, type FormEvent, type KeyboardEvent } from 'react';
import { centsToInput, parseMoneyInput } from '../../../../shared/money';
import { settle, PricingError, type Tender } from '../../../../shared/pricing';
import { describeError, ErrorBanner, Field } from '../../../ui/forms';
import { Modal } from '../../../ui/Modal';
import { cashLooksWrong } from '../../../../shared/register';

const QUICK_CASH = [500, 1000, 2000, 5000];

/**
 * Take payment: any mix of cash and card. The tender that covers the total completes the sale, so
 * "20 ⏎" or Card is the last key of an order. The payments belong to the register, not to this
 * dialog: Escape goes back to the order with them kept.
 */
export function PaymentDialog({
  totalCents,
  tenders,
  onTenders,
  format,
  pending,
  error,
  onComplete,
  onClose,
  needsFloat = false,
}: {
  /** No shift is open on this till: taking cash asks for the opening float here, in the same step. */
  needsFloat?: boolean;
  totalCents: number;
  tenders: Tender[];
  onTenders: (tenders: Tender[]) => void;
  format: (cents: number) => string;
  pending: boolean;
  error: unknown;
  onComplete: (tenders: Tender[], floatCents?: number) => void;
  onClose: () => void;
}) {
  let settlement: ReturnType<typeof settle> | null = null;
  let tenderProblem: string | undefined;
  try {
    settlement = settle(totalCents, tenders);
  } catch (e) {
    tenderProblem = e instanceof PricingError ? e.message : 'Those payments don’t add up.';
  }
  const due = settlement?.dueCents ?? totalCents;
  const [amount, setAmount] = useState(centsToInput(due));
  const [reference, setReference] = useState('');
  const [amountError, setAmountError] = useState<string>();
  const [floatText, setFloatText] = useState('');
  const [floatError, setFloatError] = useState<string>();
  const floatRef = useRef<HTMLInputElement>(null);
  /** Cash that looks like a typo, waiting for a yes. */
  const [confirming, setConfirming] = useState<number | null>(null);
  const amountRef = useRef<HTMLInputElement>(null);
  const fixRef = useRef<HTMLButtonElement>(null);
  // A typo'd amount stops on "Fix the amount": Enter again must not take $2,000.
  useLayoutEffect(() => {
    if (confirming !== null) fixRef.current?.focus();
  }, [confirming]);
  const reasonId = useId();
  const serverError = describeError(error);

  const add = (kind: Tender['kind'], cents: number | null, confirmed = false) => {
    if (pending) return;
    if (cents === null || cents <= 0) {
      setAmountError('Enter an amount like 12.50.');
      return;
    }
    if (kind === 'card' && cents > due) {
      setAmountError(`A card can pay at most the ${format(due)} still due.`);
      return;
    }
    if (kind === 'cash' && !confirmed && cashLooksWrong(due, cents)) {
      setAmountError(undefined);
      setConfirming(cents);
      return;
    }
    setAmountError(undefined);
    setConfirming(null);
    const takesCash = kind === 'cash' || tenders.some((t) => t.kind === 'cash');
    const floatCents = needsFloat && takesCash ? parseMoneyInput(floatText) : null;
    if (needsFloat && takesCash && (floatCents === null || floatCents < 0)) {
      setFloatError('Count the opening float to take cash: no shift is open on this till.');
      floatRef.current?.focus();
      return;
    }
    setFloatError(undefined);
    const next: Tender[] = [...tenders, kind === 'card' ? { kind, amountCents: cents, ...(reference.trim() && { reference: reference.trim() }) } : { kind, amountCents: cents }];
    onTenders(next);
    setReference('');
    setAmount(centsToInput(Math.max(0, due - cents)));
    if (settle(totalCents, next).covered) onComplete(next, floatCents ?? undefined);
    else amountRef.current?.focus();
  };

  const fixAmount = () => {
    setConfirming(null);
    amountRef.current?.focus();
    amountRef.current?.select();
  };

  const submitCash = (event: FormEvent) => {
    event.preventDefault();
    add('cash', parseMoneyInput(amount));
  };

  // Card has a key of its own, wherever focus is in the dialog.
  const onKeyDown = (event: KeyboardEvent) => {
    if (event.key === 'F9') {
      event.preventDefault();
      add('card', parseMoneyInput(amount));
    }
  };

  const covered = settlement?.covered ?? false;
  const why = pending ? 'Completing…' : covered ? '' : `${format(due)} still due`;

  return (
    <Modal title="Payment" onClose={onClose} wide>
      <div className="payment" onKeyDown={onKeyDown}>
        <dl className="payment-summary">
          <div>
            <dt>Total</dt>
            <dd data-testid="payment-total">{format(totalCents)}</dd>
          </div>
          <div>
            <dt>Paid</dt>
            <dd>{format(settlement?.paidCents ?? 0)}</dd>
          </div>
          <div>
            <dt>Due</dt>
            <dd data-testid="payment-due">{format(due)}</dd>
          </div>
          <div className="payment-change">
            <dt>Change</dt>
            <dd data-testid="payment-change">{format(settlement?.changeCents ?? 0)}</dd>
          </div>
        </dl>

        {confirming !== null ? (
          <section className="cash-confirm" role="alert" aria-labelledby={`${reasonId}-confirm`}>
            <h3 id={`${reasonId}-confirm`}>
              Take {format(confirming)} in cash for {format(due)} due?
            </h3>
            <p>That is {format(confirming - due)} change. Check the amount: a missing decimal point is easy to type.</p>
            <div className="modal-actions">
              <button type="button" className="btn btn-primary" onClick={fixAmount} ref={fixRef}>
                Fix the amount
              </button>
              <button type="button" className="btn btn-quiet" onClick={() => add('cash', confirming, true)}>
                Take {format(confirming)}
              </button>
            </div>
          </section>
        ) : (
          <form onSubmit={submitCash} className="tender-form" noValidate>
            {needsFloat && (
              <Field
                label="Opening float"
                ref={floatRef}
                inputMode="decimal"
                autoComplete="off"
                value={floatText}
                onChange={(e) => setFloatText(e.target.value)}
                error={floatError}
                hint="No shift is open on this till: count the cash in the drawer to open one with this sale."
              />
            )}
            <Field
              label="Amount"
              ref={amountRef}
              inputMode="decimal"
              autoComplete="off"
              value={amount}
              onChange={(e) => setAmount(e.target.value)}
              onFocus={(e) => e.target.select()}
              error={amountError}
              data-autofocus
              autoFocus
            />
            <Field label="Card reference (optional)" autoComplete="off" value={reference} onChange={(e) => setReference(e.target.value)} />
            <div className="tender-buttons">
              <button type="submit" className="btn btn-primary" disabled={pending} aria-keyshortcuts="Enter">
                Cash
              </button>
              <button type="button" className="btn btn-secondary" disabled={pending} onClick={() => add('card', parseMoneyInput(amount))} aria-keyshortcuts="F9">
                Card
              </button>
            </div>
            <div className="quick-cash" role="group" aria-label="Quick cash">
              {due > 0 && (
                <button type="button" className="chip" disabled={pending} onClick={() => add('cash', due)}>
                  Exact {format(due)}
                </button>
              )}
              {QUICK_CASH.filter((c) => c > due && due > 0).map((c) => (
                <button key={c} type="button" className="chip" disabled={pending} onClick={() => add('cash', c)}>
                  {format(c)}
                </button>
              ))}
            </div>
          </form>
        )}

        <section aria-labelledby="tenders-title">
          <h3 id="tenders-title">Payments</h3>
          {tenders.length === 0 ? (
            <p className="muted">None yet.</p>
          ) : (
            <ul className="tender-list">
              {tenders.map((t, i) => (
                <li key={i}>
                  <span>
                    {t.kind === 'cash' ? 'Cash' : 'Card'} {format(t.amountCents)}
                    {t.kind === 'card' && t.reference ? ` · ${t.reference}` : ''}
                  </span>
                  <button type="button" className="btn btn-link" disabled={pending} onClick={() => onTenders(tenders.filter((_, j) => j !== i))}>
                    Remove
                  </button>
                </li>
              ))}
            </ul>
          )}
        </section>

        <ErrorBanner message={tenderProblem ?? serverError?.message} />
        <div className="modal-actions payment-actions">
          {why && (
            <p id={reasonId} className="complete-why" data-testid="complete-why">
              {why}
            </p>
          )}
          <button type="button" className="btn btn-quiet" onClick={onClose}>
            Back to order
          </button>
          <button
            type="button"
            className="btn btn-primary btn-large"
            disabled={!covered || pending}
            aria-describedby={why ? reasonId : undefined}
            onClick={() => onComplete(tenders)}
          >
            Complete order
          </button>
        </div>
      </div>
    </Modal>
  );
}
