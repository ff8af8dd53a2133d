import type { PutCommandInput, UpdateCommandInput } from '@aws-sdk/lib-dynamodb';
import { STORE_ID } from '../../../shared/shift';
import type { Punch, PunchKind } from '../../../shared/timecards';
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

/**
 * Where someone stands as the cloud last heard it, whichever till they punched on: their latest
 * punch, and the clock-in its stretch began with (null once out). One item per person in the
 * store's CLOCK partition, beside the work days' partitions, so a till can read it with one
 * GetItem without seeing anyone's card.
 */
export interface CloudStanding {
  punchId: string;
  kind: PunchKind;
  at: string;
  workDate: string;
  inAt: string | null;
}

export const CLOCK_PARTITION = `${STORE_ID}#CLOCK`;

/** The attributes of a standing item, and nothing else: what every staff role may write (infra/stack.ts). */
export const CLOCK_ATTRIBUTES = ['storeDate', 'entryId', 'punchId', 'kind', 'at', 'workDate', 'inAt'] as const;

export const clockKey = (userId: string) => ({ storeDate: CLOCK_PARTITION, entryId: userId });

/**
 * Moves someone's standing to `standing`, if it is later than what the cloud holds: a punch sent
 * late from an offline till never takes back a newer one. A manager's correction (`onCard`: the
 * punch ids of the card as the manager's screen read it) replaces it whatever its time, since
 * moving a punch earlier is exactly what a correction may do, but only while the standing is still
 * one of that card's punches: a punch that landed since is newer than anything on the card.
 */
export function standingUpdate(tables: TableNames, userId: string, standing: CloudStanding, { onCard }: { onCard?: readonly string[] } = {}): UpdateCommandInput {
  // The newest first to keep: IN takes at most 100 values, and a card's standing is its latest punches'.
  const ids = (onCard ?? []).slice(-99);
  return {
    TableName: tables.Timecards,
    Key: clockKey(userId),
    UpdateExpression: 'SET punchId = :punchId, #kind = :kind, #at = :at, workDate = :workDate, inAt = :inAt',
    ConditionExpression: !onCard ? 'attribute_not_exists(#at) OR #at < :at' : ids.length > 0 ? `attribute_not_exists(#at) OR punchId IN (${ids.map((_, i) => `:card${i}`).join(', ')})` : 'attribute_not_exists(#at)',
    ExpressionAttributeNames: { '#kind': 'kind', '#at': 'at' },
    ExpressionAttributeValues: {
      ':punchId': standing.punchId,
      ':kind': standing.kind,
      ':at': standing.at,
      ':workDate': standing.workDate,
      ':inAt': standing.inAt,
      ...Object.fromEntries(ids.map((id, i) => [`:card${i}`, id])),
    },
  };
}

/** The stretch a punch leaves its maker in: a clock-in starts one, a clock-out ends it, a break keeps it. */
export function standingAfter(p: Punch, inAt: string | null): CloudStanding {
  return { punchId: p.punchId, kind: p.kind, at: p.at, workDate: p.workDate, inAt: p.kind === 'in' ? p.at : p.kind === 'out' ? null : inAt };
}

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
  state.punches.set(record.punch.punchId, { ...record.punch, ...(record.inAt && { inAt: record.inAt }), state: 'pending' });
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
        const { inAt, ...punch } = p;
        // The punch, then where it leaves its maker, for the other tills to read.
        const standing = standingUpdate(ctx.tables, p.userId, standingAfter(punch, inAt ?? null));
        return () => putOnce(own, punchKey(p.punchId), punchItem(ctx.tables, punch), `${p.name}’s ${p.kind} punch at ${p.at}`, [standing]);
      }
      return null;
    },
  };
}

/**
 * The punches compaction keeps: every unsent one, and each person's punches from the last one that
 * says where they stand by itself (a clock-in, a clock-out, or a break that carries the clock-in it
 * follows, however it was made elsewhere): what their clock state is derived from when the cloud
 * can't be asked. Older sent ones are the cloud's to keep; a person with no such punch keeps all.
 */
export function punchesKept(state: TillState): (Punch & { state: 'pending' | 'synced' | 'parked'; problem?: string; inAt?: string })[] {
  const all = [...state.punches.values()];
  const from = new Map<string, number>();
  all.forEach((p, i) => {
    if (p.kind === 'in' || p.kind === 'out' || p.inAt) from.set(p.userId, i);
  });
  const kept = all.filter((p, i) => p.state !== 'synced' || i >= (from.get(p.userId) ?? 0));
  for (const p of all) if (!kept.includes(p)) state.punches.delete(p.punchId);
  return kept;
}
