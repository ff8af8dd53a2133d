import { AsyncLocalStorage } from 'node:async_hooks';
import type { StaffSession } from '../auth/service';

/**
 * Who the current IPC call is for, available to everything it awaits. In AWS mode the database
 * client reads it to use that staff member's own temporary credentials, so services need no
 * extra parameter to stay within the caller's IAM role.
 */
export interface RequestContext {
  sessionKey: string;
  session: StaffSession | null;
  /** What the call is for (a channel, or the sync worker), so a refused AWS call can be traced to it. */
  via?: string;
}

export const requestContext = new AsyncLocalStorage<RequestContext>();
