import { useState } from 'react';
import { formatPhone } from '../../../../shared/customers';
import { ORDER_TYPE_LABEL, ORDER_TYPES, type Fulfilment, type OrderType } from '../../../../shared/orders';
import { Field } from '../../../ui/forms';
import { Modal } from '../../../ui/Modal';
import { fulfilmentProblems } from '../cart';

/**
 * For here / To go / Pickup / Delivery: one tap, or Alt+T round them. Pickup and Delivery then ask
 * for their details (filled from the loyalty customer where they can be).
 */
export function OrderTypePicker({ fulfilment, onType, onDetails, format, feeCents }: {
  fulfilment: Fulfilment;
  onType: (type: OrderType) => void;
  onDetails: () => void;
  format: (cents: number) => string;
  feeCents: number;
}) {
  const problems = fulfilmentProblems(fulfilment);
  return (
    <div className="order-type">
      <div className="order-type-choices" role="group" aria-label="Order type">
        {ORDER_TYPES.map((type) => (
          <button key={type} type="button" className="chip" aria-pressed={fulfilment.type === type} onClick={() => onType(type)} aria-keyshortcuts={fulfilment.type === type ? 'Alt+T' : undefined}>
            {ORDER_TYPE_LABEL[type]}
          </button>
        ))}
      </div>
      {(fulfilment.type === 'pickup' || fulfilment.type === 'delivery') && (
        <div className="order-type-details">
          <span data-testid="order-type-summary" className={problems ? 'cart-line-problem' : undefined}>
            {problems
              ? Object.values(problems)[0]
              : fulfilment.type === 'pickup'
                ? `${fulfilment.name} at ${fulfilment.time}`
                : `${fulfilment.name}, ${fulfilment.address}, ${formatPhone(fulfilment.phone)}${fulfilment.payOnDelivery ? ' · cash on delivery' : ''}${feeCents > 0 ? ` · fee ${format(feeCents)}` : ''}`}
          </span>
          <button type="button" className="btn btn-small" onClick={onDetails}>
            {fulfilment.type === 'pickup' ? 'Pickup details' : 'Delivery details'}
          </button>
        </div>
      )}
    </div>
  );
}

/** The pickup's or delivery's details, checked with the contract's own messages before they are kept. */
export function FulfilmentDialog({ initial, onSave, onClose }: { initial: Extract<Fulfilment, { type: 'pickup' | 'delivery' }>; onSave: (f: Fulfilment) => void; onClose: () => void }) {
  const [draft, setDraft] = useState<Record<string, string>>(() => Object.fromEntries(Object.entries(initial).map(([k, v]) => [k, typeof v === 'string' ? v : ''])));
  const [cod, setCod] = useState(initial.type === 'delivery' && initial.payOnDelivery === true);
  const [problems, setProblems] = useState<Record<string, string>>({});
  const delivery = initial.type === 'delivery';
  const field = (name: string, label: string, extra: Record<string, unknown> = {}) => (
    <Field
      label={label}
      value={draft[name] ?? ''}
      onChange={(e) => {
        setDraft({ ...draft, [name]: e.target.value });
        // A message about what was there goes once it is typed over; Save checks again.
        if (problems[name]) setProblems(Object.fromEntries(Object.entries(problems).filter(([k]) => k !== name)));
      }}
      error={problems[name]}
      {...extra}
    />
  );
  return (
    <Modal title={delivery ? 'Delivery details' : 'Pickup details'} onClose={onClose}>
      <form
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          const next = (
            delivery
              ? { type: 'delivery', name: draft.name ?? '', phone: draft.phone ?? '', address: draft.address ?? '', ...(draft.notes?.trim() && { notes: draft.notes }), ...(cod && { payOnDelivery: true }) }
              : { type: 'pickup', name: draft.name ?? '', time: draft.time ?? '' }
          ) as Fulfilment;
          const found = fulfilmentProblems(next);
          setProblems(found ?? {});
          if (!found) onSave(next);
        }}
      >
        {field('name', 'Customer name', { 'data-autofocus': true, autoComplete: 'off' })}
        {delivery ? (
          <>
            {field('phone', 'Phone', { inputMode: 'tel', autoComplete: 'off' })}
            {field('address', 'Address', { autoComplete: 'off' })}
            {field('notes', 'Delivery notes', { hint: 'Optional: gate code, floor, landmark.' })}
            <label className="check-field">
              <input type="checkbox" checked={cod} onChange={(e) => setCod(e.target.checked)} /> Cash on delivery
            </label>
          </>
        ) : (
          field('time', 'Pickup time', { type: 'time' })
        )}
        <div className="modal-actions">
          <button type="button" className="btn btn-quiet" onClick={onClose}>
            Cancel
          </button>
          <button type="submit" className="btn btn-primary">
            Save details
          </button>
        </div>
      </form>
    </Modal>
  );
}
