import { useState, type FormEvent } from 'react';
import { parseMoneyInput } from '../../../../shared/money';
import { type Discount } from '../../../../shared/pricing';
import { describeError, ErrorBanner, Field } from '../../../ui/forms';
import { Modal } from '../../../ui/Modal';
import { useApproveDiscount } from '../../orders/mutations';
import { typingPin, useTill } from '../../session/queries';
import { PinPad } from '../../../ui/PinPad';

type Approval = { approvalId: string; approverName: string; discountCents: number };

export interface DiscountTarget {
  /** 'order' or a cart line's key. */
  key: string;
  label: string;
  current?: Discount;
}

/**
 * A discount on the order or one line, with its reason. When the discount is above the shop's
 * threshold and the barista isn't a manager, a manager approves here: by PIN when they are signed
 * in on this till, else with their email and password (main checks them with Cognito). The
 * approval is for this sale and this amount off; the barista stays signed in.
 */
export function DiscountDialog({
  target,
  reason: initialReason,
  needsApprovalFor,
  discountCentsFor,
  orderId,
  format,
  approval,
  onApply,
  onClose,
}: {
  target: DiscountTarget;
  reason?: string;
  /** Would this discount need a manager at this till? */
  needsApprovalFor: (discount: Discount) => boolean;
  /** The cart's whole discount with this one applied: what the manager approves. */
  discountCentsFor: (discount: Discount) => number;
  /** The sale's id (made now if it has none): an approval is for this sale only. */
  orderId: () => string;
  format: (cents: number) => string;
  approval?: Approval;
  onApply: (discount: Discount | undefined, reason: string, approval?: Approval) => void;
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
  const [managerPin, setManagerPin] = useState('');
  const [granted, setGranted] = useState(approval);
  const approve = useApproveDiscount();
  const approveError = describeError(approve.error);
  const till = useTill();
  const managersHere = (till.data?.members ?? []).filter((m) => m.role === 'Admin' && m.hasPin);
  const [byPassword, setByPassword] = useState(false);
  const [pinManager, setPinManager] = useState<string | null>(null);
  const chosenManager = managersHere.find((m) => m.email === pinManager) ?? (managersHere.length === 1 ? managersHere[0]! : null);
  const usePin = !byPassword && managersHere.length > 0;

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
  const discountCents = discount ? discountCentsFor(discount) : 0;
  // An approval covers the amount the manager saw; more off needs them again.
  const covered = granted !== undefined && discountCents <= granted.discountCents;
  const approvalNeeded = discount !== null && needsApprovalFor(discount) && !covered;

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const next = {
      value: discount ? undefined : kind === 'percent' ? 'Enter a percentage between 0 and 100.' : 'Enter an amount like 2.50.',
      reason: reason.trim().length >= 3 ? undefined : 'Give a reason (at least 3 characters).',
    };
    setErrors(next);
    if (next.value || next.reason || !discount || approvalNeeded) return;
    onApply(discount, reason.trim(), covered ? granted : undefined);
  };

  const requestApproval = () => {
    if (!discount) return;
    const who = usePin ? { email: chosenManager?.email ?? '', pin: managerPin } : { email: managerEmail, password: managerPassword };
    approve.mutate(
      { orderId: orderId(), discountCents, ...who },
      {
        onSuccess: (result) => {
          setGranted({ approvalId: result.approvalId, approverName: result.approverName, discountCents: result.discountCents });
          setManagerPassword('');
          setManagerPin('');
        },
        onError: () => setManagerPin(''),
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
            <p className="muted">
              {granted
                ? `${granted.approverName} approved ${format(granted.discountCents)} off; this is ${format(discountCents)} off. A manager approves the new amount.`
                : `This discount (${format(discountCents)} off) is above the shop’s limit. A manager approves it here; you stay signed in.`}
            </p>
            <ErrorBanner message={approveError && !usePin ? approveError.message : null} />
            {usePin ? (
              <>
                {managersHere.length > 1 && (
                  <div className="lock-people" role="group" aria-label="Manager">
                    {managersHere.map((m) => (
                      <button key={m.email} type="button" className="btn lock-person" aria-pressed={m.email === chosenManager?.email} onClick={() => setPinManager(m.email)}>
                        {m.name}
                      </button>
                    ))}
                  </div>
                )}
                {chosenManager && (
                  <PinPad
                    inline
                    label={`PIN for ${chosenManager.name}`}
                    value={managerPin}
                    onChange={typingPin(chosenManager.email, setManagerPin)}
                    onSubmit={requestApproval}
                    submitLabel={approve.isPending ? 'Checking…' : 'Approve'}
                    busy={approve.isPending}
                    error={approveError?.message}
                  />
                )}
                <button type="button" className="btn btn-link" onClick={() => setByPassword(true)}>
                  Use a manager’s password instead
                </button>
              </>
            ) : (
              <>
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
              </>
            )}
          </section>
        )}
        {granted && covered && (
          <p role="status">
            Approved by {granted.approverName}. Up to {format(granted.discountCents)} off this sale.
          </p>
        )}

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
