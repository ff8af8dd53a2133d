import type { PutCommandInput } from '@aws-sdk/lib-dynamodb';
import { STORE_ID } from '../../../shared/shift';
import type { Punch } from '../../../shared/timecards';
import type { TableNames } from '../../data/schema';
import type { JournalRecord } from '../journal';
import type { TillState } from '../state';
import { putOnce, settleSending, type SendContext, type Sender } from './kind';

/**
 * A time-clock punch: clock in, start or end a break, clock out, accepted with the person's PIN.
 * Applied: the person's clock state on this till moves at once, offline or not. Sent: one Put of a
 * `<userId>#P#<at>#<id>` item in the work day's partition (`<store>#<date>`, room for a chain's
 * other cafés), written once and never updated (a manager's correction is an edit item beside it,
 * src/main/timeclock/cards.ts). Sent as the person who punched when they are still signed in on
 * this machine, so their own role carries their own card; otherwise as whoever is. Refused for
 * good: only for data DynamoDB won't store; parked for a manager.
 *
 * So a clock-out reaches DynamoDB as: timeclock.punch → journal record `punch` (fdatasync) → this
 * sender → PutItem on the Timecards table.
 */

export const punchKey = (punchId: string) => `punch:${punchId}`;
export const isPunchKey = (key: string) => key.startsWith('punch:');

/** The attributes of a punch item, and nothing else: a staff role may write exactly these (infra/stack.ts). */
export const PUNCH_ATTRIBUTES = ['storeDate', 'entryId', 'punchId', 'userId', 'name', 'email', 'kind', 'at', 'workDate', 'terminalId'] as const;

export const timecardPartition = (workDate: string) => `${STORE_ID}#${workDate}`;

export function punchItem(tables: TableNames, p: Punch): PutCommandInput {
  const item: Record<(typeof PUNCH_ATTRIBUTES)[number], string> = {
    storeDate: timecardPartition(p.workDate),
    entryId: `${p.userId}#P#${p.at}#${p.punchId}`,
    punchId: p.punchId,
    userId: p.userId,
    name: p.name,
    email: p.email,
    kind: p.kind,
    at: p.at,
    workDate: p.workDate,
    terminalId: p.terminalId,
  };
  return { TableName: tables.Timecards, Item: item };
}

export function applyPunch(state: TillState, record: Extract<JournalRecord, { t: 'punch' }>): void {
  if (state.punches.has(record.punch.punchId)) return;
  state.punches.set(record.punch.punchId, { ...record.punch, state: 'pending' });
}

export function settlePunch(state: TillState, key: string, record: Extract<JournalRecord, { t: 'synced' | 'parked' | 'retry' }>): void {
  settleSending(state.punches.get(key.slice('punch:'.length)), record);
}

/** `asOwner`: runs a call with the credentials of the person who punched, when they are signed in here. */
export function punchSender(ctx: SendContext, asOwner: <T>(userId: string, run: () => Promise<T>) => Promise<T>): Sender {
  return {
    next() {
      for (const p of ctx.state.punches.values()) {
        if (p.state !== 'pending') continue;
        const own: SendContext = { ...ctx, asStaff: (run) => asOwner(p.userId, run) };
        return () => putOnce(own, punchKey(p.punchId), punchItem(ctx.tables, p), `${p.name}’s ${p.kind} punch at ${p.at}`);
      }
      return null;
    },
  };
}

/**
 * The punches compaction keeps: every unsent one, and each person's punches from their last
 * clock-in on (what their clock state is derived from). Older sent ones are the cloud's to keep.
 */
export function punchesKept(state: TillState): (Punch & { state: 'pending' | 'synced' | 'parked'; problem?: string })[] {
  const all = [...state.punches.values()];
  const lastIn = new Map<string, number>();
  all.forEach((p, i) => {
    if (p.kind === 'in') lastIn.set(p.userId, i);
  });
  const kept = all.filter((p, i) => p.state !== 'synced' || i >= (lastIn.get(p.userId) ?? Infinity));
  for (const p of all) if (!kept.includes(p)) state.punches.delete(p.punchId);
  return kept;
}
