import { useState, type FormEvent } from 'react';
import type { ShopSettings } from '../../../../shared/menu';
import { centsToInput, parseMoneyInput } from '../../../../shared/money';
import { shopSettingsSchema, type SettingsForEditor } from '../../../../shared/settings';
import { describeError, ErrorBanner, Field, Notice } from '../../../ui/forms';
import { Modal } from '../../../ui/Modal';
import { useEditSettings, useSaveSettings } from '../queries';

/** How a field is typed: rates as percentages and amounts as money, so nobody has to think in basis points or cents. */
type Unit = 'text' | 'percent' | 'money' | 'count';

/** `optional`: left empty, the setting is off (not a mistake). */
const FIELDS: { path: string; label: string; unit: Unit; hint?: string; optional?: true }[] = [
  { path: 'shopName', label: 'Shop name', unit: 'text', hint: 'Printed on every receipt.' },
  { path: 'currency', label: 'Currency', unit: 'text', hint: 'A code like USD or EUR.' },
  { path: 'locale', label: 'Locale', unit: 'text', hint: 'How amounts and dates are written, like en-US.' },
  { path: 'taxRateBps', label: 'Sales tax (%)', unit: 'percent', hint: '8 for 8%, 8.25 for 8.25%.' },
  { path: 'discountApprovalThresholdBps', label: 'Discounts above this need a manager (%)', unit: 'percent' },
  { path: 'priceCapCents', label: 'Highest price allowed', unit: 'money', hint: 'Catches a price typed in cents as dollars.' },
  { path: 'boardLateMinutes', label: 'A ticket is late after (minutes)', unit: 'count', hint: 'The order board flags it.' },
  { path: 'autoLockMinutes', label: 'Lock the till after idle (minutes)', unit: 'count', hint: 'Staff unlock with their PIN. Empty: only when someone locks it.', optional: true },
  { path: 'varianceThresholdCents', label: 'A drawer off by more than this needs a reason', unit: 'money', hint: 'At shift close, over or short.' },
  { path: 'delivery.feeCents', label: 'Delivery fee', unit: 'money', hint: 'Added to delivery orders. Empty: no fee.', optional: true },
  { path: 'loyalty.earnPointsPerDollar', label: 'Points per dollar spent', unit: 'count' },
  { path: 'loyalty.redeemBlockPoints', label: 'Points per reward', unit: 'count' },
  { path: 'loyalty.redeemBlockValueCents', label: 'Reward value', unit: 'money' },
];

const UNREADABLE: Record<Unit, string> = {
  text: '',
  percent: 'Enter a percentage like 8 or 8.25.',
  money: 'Enter an amount like 2.00.',
  count: 'Enter a whole number.',
};

function valueAt(settings: Partial<ShopSettings>, path: string): unknown {
  return path.split('.').reduce<unknown>((v, key) => (v && typeof v === 'object' ? (v as Record<string, unknown>)[key] : undefined), settings);
}

function toText(value: unknown, unit: Unit): string {
  if (value === undefined || value === null) return '';
  // Percentages and money are both hundredths: 800 basis points is 8.00%, 200 cents is 2.00.
  if ((unit === 'percent' || unit === 'money') && typeof value === 'number' && Number.isSafeInteger(value)) return centsToInput(value);
  return String(value);
}

function fromText(text: string, unit: Unit): unknown {
  if (unit === 'text') return text;
  if (unit === 'count') return /^\s*\d+\s*$/.test(text) ? Number(text) : null;
  return parseMoneyInput(text);
}

/** The menu editor's shop settings: saved through the same schema the catalogue reads them with. */
export function ShopSettingsDialog({ onClose }: { onClose: () => void }) {
  const editing = useEditSettings();
  return (
    <Modal title="Shop settings" onClose={onClose}>
      <ErrorBanner message={describeError(editing.error)?.message} />
      {editing.data ? <SettingsForm key={editing.data.version} stored={editing.data} onClose={onClose} /> : <p className="muted">Loading…</p>}
    </Modal>
  );
}

function SettingsForm({ stored, onClose }: { stored: SettingsForEditor; onClose: () => void }) {
  const save = useSaveSettings();
  const [text, setText] = useState(() => Object.fromEntries(FIELDS.map((f) => [f.path, toText(valueAt(stored.settings, f.path), f.unit)])));
  const [inclusive, setInclusive] = useState(stored.settings.taxInclusive === true);
  const [lockAfterSale, setLockAfterSale] = useState(stored.settings.lockAfterSale === true);
  const [feeTaxed, setFeeTaxed] = useState(stored.settings.delivery?.taxed === true);
  const [local, setLocal] = useState<Record<string, string>>({});
  const remote = describeError(save.error);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const problems: Record<string, string> = {};
    const settings: Record<string, unknown> = { taxInclusive: inclusive, ...(lockAfterSale && { lockAfterSale }), loyalty: {}, delivery: { taxed: feeTaxed } };
    for (const f of FIELDS) {
      if (f.optional && (text[f.path] ?? '').trim() === '') continue;
      const value = fromText(text[f.path] ?? '', f.unit);
      if (value === null) problems[f.path] = UNREADABLE[f.unit];
      const [head, leaf] = f.path.split('.') as [string, string?];
      if (leaf) (settings[head] as Record<string, unknown>)[leaf] = value;
      else settings[head] = value;
    }
    // No fee typed: the shop charges none, taxed or not.
    if ((settings.delivery as { feeCents?: unknown }).feeCents === undefined) delete settings.delivery;
    const parsed = shopSettingsSchema.safeParse(settings);
    if (!parsed.success) for (const issue of parsed.error.issues) problems[issue.path.join('.')] ??= issue.message;
    setLocal(problems);
    if (Object.keys(problems).length > 0 || !parsed.success) return;
    save.mutate({ expectedVersion: stored.version, settings: parsed.data }, { onSuccess: onClose });
  };

  return (
    <form onSubmit={submit} noValidate>
      {stored.problems.length > 0 && (
        <Notice>
          The saved settings need correcting before the till can sell: {stored.problems.join(' ')}
        </Notice>
      )}
      <ErrorBanner message={remote && Object.keys(remote.fields).length === 0 ? remote.message : null} />
      {FIELDS.map((f) => (
        <Field
          key={f.path}
          label={f.label}
          hint={f.hint}
          inputMode={f.unit === 'text' ? undefined : 'decimal'}
          value={text[f.path] ?? ''}
          onChange={(e) => setText({ ...text, [f.path]: e.target.value })}
          error={local[f.path] ?? remote?.fields[`settings.${f.path}`]}
        />
      ))}
      <label className="check-field">
        <input type="checkbox" checked={inclusive} onChange={(e) => setInclusive(e.target.checked)} /> Prices include tax
      </label>
      <label className="check-field">
        <input type="checkbox" checked={lockAfterSale} onChange={(e) => setLockAfterSale(e.target.checked)} /> Lock the till after every sale
      </label>
      <label className="check-field">
        <input type="checkbox" checked={feeTaxed} onChange={(e) => setFeeTaxed(e.target.checked)} /> Sales tax applies to the delivery fee
      </label>
      <div className="modal-actions">
        <button type="button" className="btn btn-quiet" onClick={onClose}>
          Cancel
        </button>
        <button type="submit" className="btn btn-primary" disabled={save.isPending}>
          Save settings
        </button>
      </div>
    </form>
  );
}
