import { describeBacklog, type SyncStatus } from '../../../../shared/sync';
import { formatCents } from '../../../../shared/money';
import { useSettings } from '../../menu/queries';
import { describeError, ErrorBanner } from '../../../ui/forms';
import { Modal } from '../../../ui/Modal';
import { useRetryParked, useSyncNow } from '../queries';
import { TerminalId } from './TerminalId';

const pointsText = (p: { customerName: string; earned: number; redeemed: number }) =>
  [p.earned > 0 && `+${p.earned}`, p.redeemed > 0 && `−${p.redeemed}`].filter(Boolean).join(' / ') + ` points for ${p.customerName || 'the customer'}`;

const time = (iso: string) => new Date(iso).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' });

/** What is waiting to reach the cloud, what was parked and why, and the actions on them. */
export function SyncDialog({ status, isManager, onClose }: { status: SyncStatus; isManager: boolean; onClose: () => void }) {
  const syncNow = useSyncNow();
  const retry = useRetryParked();
  const settings = useSettings();
  const format = (cents: number) => (settings.data ? formatCents(cents, settings.data.currency, settings.data.locale) : (cents / 100).toFixed(2));
  const error = describeError(syncNow.error ?? retry.error);
  return (
    <Modal title="Sync" onClose={onClose} wide>
      <p className="sync-line">
        <strong>{status.online ? 'Online' : 'Offline'}</strong> since {time(status.since)}. {describeBacklog(status, Date.parse(status.asOf))}.
      </p>
      {status.draining && status.pending > 0 && (
        <p>
          <label htmlFor="sync-progress">Sending the backlog: {status.draining.done} of {status.draining.total}</label>
          <progress id="sync-progress" max={status.draining.total} value={status.draining.done} />
        </p>
      )}
      {status.pendingMoves > 0 && (
        <p>
          {status.pendingMoves} board {status.pendingMoves === 1 ? 'change' : 'changes'} (Start, Ready, Complete) made here {status.pendingMoves === 1 ? 'goes' : 'go'} with them.
        </p>
      )}
      {status.waitingFor === 'sign-in' && <p>These orders send as soon as someone signs in. Each keeps the name of whoever rang it up.</p>}
      {status.lastError && <p className="muted">Last try: {status.lastError}</p>}
      <ErrorBanner message={error?.message} />
      {status.parked.length > 0 && (
        <section aria-labelledby="parked-title">
          <h3 id="parked-title">Parked orders</h3>
          <p className="muted">The database refused these for a reason that retrying alone won’t fix. They are kept on this till until a manager sorts them out.</p>
          <ul className="parked-list">
            {status.parked.map((p) => (
              <li key={`${p.part}-${p.orderId}`}>
                <strong>
                  {p.ticket} · {p.points ? `points only: ${pointsText(p.points)} (the sale itself is in the cloud)` : format(p.totalCents)}
                </strong>{' '}
                <span className="muted">
                  {time(p.createdAt)} · {p.createdBy}
                </span>
                <p>{p.reason}</p>
              </li>
            ))}
          </ul>
        </section>
      )}
      {status.parkedRecords.length > 0 && (
        <section aria-labelledby="parked-records-title">
          <h3 id="parked-records-title">Parked shift and time-clock records</h3>
          <p className="muted">Refused by the database: a shift’s records after a refused one wait for it. Kept on this till until a manager retries them.</p>
          <ul className="parked-list">
            {status.parkedRecords.map((r) => (
              <li key={r.key}>
                <strong>{r.what}</strong> <span className="muted">{time(r.at)}</span>
                <p>{r.reason}</p>
              </li>
            ))}
          </ul>
        </section>
      )}
      <TerminalId terminal={status.terminal} isManager={isManager} />
      {status.damaged.length > 0 && (
        <section aria-labelledby="damaged-title">
          <h3 id="damaged-title">Journal damage found at start</h3>
          <ul>
            {status.damaged.map((d) => (
              <li key={d.file}>{d.message}</li>
            ))}
          </ul>
        </section>
      )}
      <div className="modal-actions">
        <button type="button" className="btn" onClick={onClose}>
          Close
        </button>
        {isManager && status.parked.length + status.parkedRecords.length > 0 && (
          <button type="button" className="btn" onClick={() => retry.mutate()} disabled={retry.isPending}>
            {status.parked.length > 0 ? 'Retry parked orders' : 'Retry parked records'}
          </button>
        )}
        <button type="button" className="btn btn-primary" data-autofocus onClick={() => syncNow.mutate()} disabled={syncNow.isPending}>
          Sync now
        </button>
      </div>
    </Modal>
  );
}
