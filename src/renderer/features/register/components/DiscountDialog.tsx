import { useState, type FormEvent } from 'react';
import { parseMoneyInput } from '../../../../shared/money';
import { type Discount } from '../../../../shared/pricing';
import { describeError, ErrorBanner, Field } from '../../../ui/forms';
import { Modal } from '../../../ui/Modal';
import { useApproveDiscount } from '../../orders/mutations';

export interface DiscountTarget {
  /** 'order' or a cart line's key. */
  key: string;
  label: string;
  current?: Discount;
}

/**
 * A discount on the order or one line, with its reason. When the discount is above the shop's
 * threshold and the barista isn't a manager, a manager types their email and password here; main
 * checks them with Cognito and the barista stays signed in.
 */
export function DiscountDialog({
  target,
  reason: initialReason,
  needsApprovalFor,
  approval,
  onApply,
  onClose,
}: {
  target: DiscountTarget;
  reason?: string;
  /** Would this discount need a manager at this till? */
  needsApprovalFor: (discount: Discount) => boolean;
  approval?: { approvalId: string; approverName: string };
  onApply: (discount: Discount | undefined, reason: string, approval?: { approvalId: string; approverName: string }) => void;
  onClose: () => void;
}) {
  const [kind, setKind] = useState<Discount['kind']>(target.current?.kind ?? 'percent');
  const [value, setValue] = useState(
    target.current ? (target.current.kind === 'percent' ? String(target.current.bps / 100) : (target.current.cents / 100).toFixed(2)) : '',
  );
  const [reason, setReason] = useState(initialReason ?? '');
  const [errors, setErrors] = useState<{ value?: string; reason?: string }>({});
  const [managerEmail, setManagerEmail] = useState('');
  const [managerPassword, setManagerPassword] = useState('');
  const [granted, setGranted] = useState(approval);
  const approve = useApproveDiscount();
  const approveError = describeError(approve.error);

  const parse = (): Discount | null => {
    if (kind === 'percent') {
      const pct = Number(value);
      if (!/^\d+(\.\d{1,2})?$/.test(value.trim()) || pct <= 0 || pct > 100) return null;
      return { kind, bps: Math.round(pct * 100) };
    }
    const cents = parseMoneyInput(value);
    return cents && cents > 0 ? { kind, cents } : null;
  };
  const discount = parse();
  const approvalNeeded = discount !== null && needsApprovalFor(discount) && !granted;

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const next = {
      value: discount ? undefined : kind === 'percent' ? 'Enter a percentage between 0 and 100.' : 'Enter an amount like 2.50.',
      reason: reason.trim().length >= 3 ? undefined : 'Give a reason (at least 3 characters).',
    };
    setErrors(next);
    if (next.value || next.reason || !discount || approvalNeeded) return;
    onApply(discount, reason.trim(), granted);
  };

  const requestApproval = () => {
    approve.mutate(
      { email: managerEmail, password: managerPassword },
      {
        onSuccess: (result) => {
          setGranted({ approvalId: result.approvalId, approverName: result.approverName });
          setManagerPassword('');
        },
      },
    );
  };

  return (
    <Modal title={`Discount: ${target.label}`} onClose={onClose}>
      <form onSubmit={submit} noValidate>
        <fieldset className="segmented">
          <legend>Kind</legend>
          <label>
            <input type="radio" name="kind" checked={kind === 'percent'} onChange={() => setKind('percent')} /> Percent
          </label>
          <label>
            <input type="radio" name="kind" checked={kind === 'amount'} onChange={() => setKind('amount')} /> Amount
          </label>
        </fieldset>
        <Field label={kind === 'percent' ? 'Percent off' : 'Amount off'} inputMode="decimal" value={value} onChange={(e) => setValue(e.target.value)} error={errors.value} data-autofocus />
        <Field label="Reason" value={reason} onChange={(e) => setReason(e.target.value)} error={errors.reason} maxLength={200} />

        {approvalNeeded && (
          <section className="approval" aria-labelledby="approval-title">
            <h3 id="approval-title">Manager approval needed</h3>
            <p className="muted">This discount is above the shop’s limit. A manager signs here; you stay signed in.</p>
            <ErrorBanner message={approveError?.message} />
            <Field label="Manager email" type="email" autoComplete="off" value={managerEmail} onChange={(e) => setManagerEmail(e.target.value)} error={approveError?.fields.email} />
            <Field
              label="Manager password"
              type="password"
              autoComplete="off"
              value={managerPassword}
              onChange={(e) => setManagerPassword(e.target.value)}
              error={approveError?.fields.password}
            />
            <button type="button" className="btn btn-secondary" onClick={requestApproval} disabled={approve.isPending}>
              {approve.isPending ? 'Checking…' : 'Approve'}
            </button>
          </section>
        )}
        {granted && <p role="status">Approved by {granted.approverName}.</p>}

        <div className="modal-actions">
          {target.current && (
            <button type="button" className="btn btn-quiet" onClick={() => onApply(undefined, reason.trim())}>
              Remove discount
            </button>
          )}
          <button type="button" className="btn btn-quiet" onClick={onClose}>
            Cancel
          </button>
          <button type="submit" className="btn btn-primary" disabled={approvalNeeded}>
            Apply discount
          </button>
        </div>
      </form>
    </Modal>
  );
}
