import { useState } from 'react';
import { describeBacklog, waitingToSync, type SyncStatus } from '../../../../shared/sync';
import { useSyncStatus } from '../queries';
import { isSettling } from '../../../../shared/sync-header';
import { SyncDialog } from './SyncDialog';

/** One line for the header: online or not, and what is waiting. */
export function syncSummary(status: SyncStatus): string {
  const state = status.online ? 'Online' : 'Offline';
  if (status.draining && status.pending > 0) return `${state} · Syncing ${status.draining.done} of ${status.draining.total}`;
  const parkedCount = status.parked.length + status.parkedRecords.length;
  const parked = parkedCount > 0 ? ` · ${parkedCount} parked` : '';
  return `${state} · ${describeBacklog(status, Date.parse(status.asOf))}${parked}`;
}

export function SyncIndicator({ isManager }: { isManager: boolean }) {
  const status = useSyncStatus();
  const [open, setOpen] = useState(false);
  // While a sale settles, the header keeps saying what it said before it.
  const [settled, setSettled] = useState<{ text: string; attention: boolean } | null>(null);
  const data = status.data;
  const now = data && {
    text: syncSummary(data),
    attention: !data.online || waitingToSync(data) > 0 || data.parked.length + data.parkedRecords.length > 0 || data.damaged.length > 0,
  };
  const settling = data ? isSettling(data) : false;
  // Remembered from an earlier render (React's "store information from previous renders").
  if (now && !settling && (settled?.text !== now.text || settled.attention !== now.attention)) setSettled(now);
  if (!data || !now) return null;
  const { text, attention } = settling && settled ? settled : now;
  return (
    <>
      <button
        type="button"
        className={`sync-indicator ${data.online ? 'sync-online' : 'sync-offline'} ${attention ? 'sync-attention' : ''}`}
        onClick={() => setOpen(true)}
        data-testid="sync-indicator"
      >
        <span className="sync-dot" aria-hidden="true" />
        <span className="sync-text">{text}</span>
      </button>
      {open && <SyncDialog status={data} isManager={isManager} onClose={() => setOpen(false)} />}
    </>
  );
}
