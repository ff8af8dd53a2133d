import { useLayoutEffect, useRef, useState, type FormEvent } from 'react';
import { centsToInput, parseMoneyInput } from '../../../../shared/money';
import { settle, PricingError, type Tender } from '../../../../shared/pricing';
import { describeError, ErrorBanner, Field } from '../../../ui/forms';
import { Modal } from '../../../ui/Modal';

const QUICK_CASH = [500, 1000, 2000, 5000];

/**
 * Take payment: any mix of cash and card until the total is covered. Enter in the amount field adds
 * it as cash; the barista can pay a whole order without leaving the keyboard.
 */
export function PaymentDialog({
  totalCents,
  format,
  pending,
  error,
  onComplete,
  onClose,
}: {
  totalCents: number;
  format: (cents: number) => string;
  pending: boolean;
  error: unknown;
  onComplete: (tenders: Tender[]) => void;
  onClose: () => void;
}) {
  const [tenders, setTenders] = useState<Tender[]>([]);
  const [amount, setAmount] = useState(centsToInput(totalCents));
  const [reference, setReference] = useState('');
  const [amountError, setAmountError] = useState<string>();
  const completeRef = useRef<HTMLButtonElement>(null);
  const amountRef = useRef<HTMLInputElement>(null);

  let settlement: ReturnType<typeof settle> | null = null;
  let tenderProblem: string | undefined;
  try {
    settlement = settle(totalCents, tenders);
  } catch (e) {
    tenderProblem = e instanceof PricingError ? e.message : 'Those payments don’t add up.';
  }
  const due = settlement?.dueCents ?? totalCents;
  const serverError = describeError(error);

  const add = (kind: Tender['kind'], cents: number | null) => {
    if (cents === null || cents <= 0) {
      setAmountError('Enter an amount like 12.50.');
      return;
    }
    if (kind === 'card' && cents > due) {
      setAmountError(`A card can pay at most the ${format(due)} still due.`);
      return;
    }
    setAmountError(undefined);
    const next: Tender[] = [...tenders, kind === 'card' ? { kind, amountCents: cents, ...(reference.trim() && { reference: reference.trim() }) } : { kind, amountCents: cents }];
    setTenders(next);
    setReference('');
    setAmount(centsToInput(Math.max(0, due - cents)));
  };

  // After each payment the keyboard lands where the next key goes: the amount while money is still
  // due, "Complete order" once it's covered, so Enter completes. Before paint, so no key is lost.
  const covered = settlement?.covered ?? false;
  useLayoutEffect(() => {
    if (tenders.length > 0) (covered ? completeRef.current : amountRef.current)?.focus();
  }, [tenders.length, covered]);

  const submitCash = (event: FormEvent) => {
    event.preventDefault();
    add('cash', parseMoneyInput(amount));
  };

  return (
    <Modal title="Payment" onClose={onClose} wide>
      <div className="payment">
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

        <form onSubmit={submitCash} className="tender-form" noValidate>
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
          />
          <Field label="Card reference (optional)" autoComplete="off" value={reference} onChange={(e) => setReference(e.target.value)} />
          <div className="tender-buttons">
            <button type="submit" className="btn btn-primary">
              Cash
            </button>
            <button type="button" className="btn btn-secondary" onClick={() => add('card', parseMoneyInput(amount))}>
              Card
            </button>
          </div>
          <div className="quick-cash" role="group" aria-label="Quick cash">
            {due > 0 && (
              <button type="button" className="chip" onClick={() => add('cash', due)}>
                Exact {format(due)}
              </button>
            )}
            {QUICK_CASH.filter((c) => c >= due && due > 0).map((c) => (
              <button key={c} type="button" className="chip" onClick={() => add('cash', c)}>
                {format(c)}
              </button>
            ))}
          </div>
        </form>

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
                  <button type="button" className="btn btn-link" onClick={() => setTenders(tenders.filter((_, j) => j !== i))}>
                    Remove
                  </button>
                </li>
              ))}
            </ul>
          )}
        </section>

        <ErrorBanner message={tenderProblem ?? serverError?.message} />
        <div className="modal-actions">
          <button type="button" className="btn btn-quiet" onClick={onClose}>
            Back to order
          </button>
          <button
            ref={completeRef}
            type="button"
            className="btn btn-primary btn-large"
            disabled={!settlement?.covered || pending}
            onClick={() => onComplete(tenders)}
          >
            {pending ? 'Completing…' : 'Complete order'}
          </button>
        </div>
      </div>
    </Modal>
  );
}
