import { z } from 'zod';
import {
  contract,
  isChannel,
  type Channel,
  type OutputOf,
  type ParsedInputOf,
} from '../../shared/contract';
import { AppError, fail, ok, type FieldIssue, type Result } from '../../shared/result';
import { ROLE_LABEL } from '../../shared/roles';
import type { StaffSession } from '../auth/service';
import type { RequestContext } from './request-context';
import { isNetworkError } from '../sync/connectivity';

/** Who is calling: Electron's webContents or a web-bridge tab, each with its own session. */
export interface CallerContext {
  sessionKey: string;
  /** The customer-facing display: it may call only the display's channels, and has no session. */
  display?: true;
  /** Prints the caller's window, where the transport can (Electron); the browser prints itself. */
  print?: () => Promise<void>;
}

export interface HandlerContext extends CallerContext {
  /** Set on every channel that is not public. */
  session: StaffSession | null;
}

export type Handlers = {
  [C in Channel]: (input: ParsedInputOf<C>, ctx: HandlerContext) => Promise<OutputOf<C>>;
};

export interface SessionSource {
  current(sessionKey: string): Promise<StaffSession | null>;
}

/** Typed for callers that name a channel; transports pass whatever arrived and get Result<unknown>. */
export interface Dispatch {
  <C extends Channel>(channel: C, rawInput: unknown, caller: CallerContext): Promise<Result<OutputOf<C>>>;
  (channel: unknown, rawInput: unknown, caller: CallerContext): Promise<Result<unknown>>;
}

/** What each channel does, for the FORBIDDEN message ("…can't <purpose>"). */
const PURPOSE: Partial<Record<Channel, string>> = {
  'menu.list': 'open the register',
  'sync.retryParked': 'retry parked orders',
  'sync.setTerminalId': 'change this till’s id',
  'printer.config': 'see the printer settings',
  'printer.save': 'change the printer settings',
  'printer.testPage': 'print a test page',
  'staff.list': 'see the staff accounts',
  'staff.invite': 'invite staff',
  'staff.setGroup': 'change a staff member’s group',
  'staff.setEnabled': 'disable or enable staff accounts',
  'staff.resetPassword': 'reset a staff member’s password',
  'staff.resetPin': 'reset a staff member’s PIN',
};

/** One message per field: the first rule it breaks is the one to fix first. */
function fieldIssues(error: z.ZodError): FieldIssue[] {
  const byPath = new Map<string, string>();
  for (const issue of error.issues) {
    const path = issue.path.join('.');
    if (!byPath.has(path)) byPath.set(path, issue.message);
  }
  return [...byPath].map(([path, message]) => ({ path, message }));
}

function validationMessage(issues: FieldIssue[]): string {
  const unknownKeys = issues.find((i) => i.message.startsWith('Unrecognized key'));
  if (unknownKeys) return 'The request had fields this till doesn’t know. Update the app and try again.';
  return issues.map((i) => i.message).join(' ');
}

/** AWS SDK failures that mean "the database is unreachable", as opposed to a bug. */
/**
 * The one door into main: channel → schema → session and role → handler → Result. Electron's
 * ipcMain and the web bridge both call this after their own transport checks (sender, origin).
 */
export interface RouterOptions {
  log?: (msg: string, error?: unknown) => void;
  /**
   * Runs a handler with its caller known to everything it awaits (AWS mode's per-staff
   * credentials). Off by default: AsyncLocalStorage slows every promise in the process on Node 20,
   * a cost only AWS mode has a reason to pay.
   */
  withContext?: <T>(context: RequestContext, run: () => Promise<T>) => Promise<T>;
}

export function createRouter(handlers: Handlers, sessions: SessionSource, { log = console.error, withContext = (_c, run) => run() }: RouterOptions = {}): Dispatch {
  const dispatch = async (channel: unknown, rawInput: unknown, caller: CallerContext): Promise<Result<unknown>> => {
    if (!isChannel(channel)) {
      return fail('UNKNOWN_CHANNEL', 'This till asked for something the app doesn’t offer. Update the app and try again.');
    }
    const def = contract[channel];
    const parsed = def.input.safeParse(rawInput ?? {});
    if (!parsed.success) {
      const fields = fieldIssues(parsed.error);
      return fail('VALIDATION', validationMessage(fields), { fields });
    }
    // The display faces the customer: it reads its feed and nothing else; no one else reads that feed.
    if ((def.access === 'display') !== Boolean(caller.display)) {
      return fail('FORBIDDEN', caller.display ? 'The customer display can only show what the register sends it.' : 'Only the customer display reads its feed.');
    }
    try {
      let session: StaffSession | null = null;
      if (def.access !== 'public' && def.access !== 'display') {
        session = await sessions.current(caller.sessionKey);
        if (!session) return fail('UNAUTHENTICATED', 'Please sign in first.');
        if (!def.access.includes(session.role)) {
          const what = PURPOSE[channel] ?? 'do that';
          return fail('FORBIDDEN', `A ${ROLE_LABEL[session.role]} account can’t ${what}. Ask a manager.`);
        }
      }
      const handler = handlers[channel] as (input: unknown, ctx: HandlerContext) => Promise<unknown>;
      return ok(await withContext({ sessionKey: caller.sessionKey, session, via: channel }, () => handler(parsed.data, { ...caller, session })));
    } catch (error) {
      if (error instanceof AppError) return fail(error.code, error.message, error.details);
      if (isNetworkError(error)) {
        return fail('OFFLINE', 'Can’t reach the database right now. Check the connection and try again.');
      }
      log(`[ipc] ${channel} failed`, error);
      return fail('INTERNAL', 'Something went wrong on this till. Nothing was saved. Try again.');
    }
  };
  return dispatch as Dispatch;
}
