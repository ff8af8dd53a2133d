// What the header says about a sale on its way to the cloud.
import { waitingToSync, type SyncStatus } from './sync';

/** How long a sale may take to reach the cloud before the header mentions it. */
export const SETTLE_MS = 5_000;

/**
 * A backlog that is just the normal trip to the cloud: online, nothing failing or parked, and the
 * oldest record younger than SETTLE_MS. Announcing it after every sale ("Syncing 0 of 1 · Sync now")
 * only made the header flash and jump.
 */
export function isSettling(status: SyncStatus): boolean {
  if (!status.online || status.lastError || status.waitingFor || status.parked.length > 0 || status.damaged.length > 0) return false;
  if (waitingToSync(status) === 0) return false;
  return status.oldestAt === null || Date.parse(status.asOf) - Date.parse(status.oldestAt) < SETTLE_MS;
}
