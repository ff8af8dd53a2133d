import { GetCommand, PutCommand, UpdateCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { StaffStamp } from '../../shared/orders';
import { PUNCH_KINDS, type Punch, type PunchEdit, type PunchKind, type Timecard } from '../../shared/timecards';
import { queryAll } from '../data/client';
import type { TableNames } from '../data/schema';
import { errorName } from '../sync/kinds/kind';
import { clockKey, standingAfter, standingUpdate, timecardPartition, type CloudStanding } from '../sync/kinds/punch';

/**
 * Timecards in DynamoDB: a work day's partition holds its punches (from the tills' journals) and
 * the managers' corrections beside them. Reading a day is one Query, paged to the end; a
 * correction is a new item written once, so the punch and every earlier correction stay as they were.
 */

/**
 * The attributes of a correction item, and nothing else: what the manager's role may write
 * (infra/stack.ts). An added punch is the same item without `from` and with the punch's `kind`.
 */
export const EDIT_ATTRIBUTES = ['storeDate', 'entryId', 'editId', 'punchId', 'userId', 'workDate', 'from', 'to', 'kind', 'reason', 'by', 'at'] as const;

/** Items per page: a busy day is a few hundred punches; smaller pages keep each request short on a slow link. */
const PAGE = 200;

const isPunch = (item: Record<string, unknown>): boolean => typeof item.kind === 'string' && PUNCH_KINDS.includes(item.kind as PunchKind) && String(item.entryId).includes('#P#');
const isEdit = (item: Record<string, unknown>): boolean => typeof item.reason === 'string' && String(item.entryId).includes('#E#');

/** One work day's punches and corrections, optionally one person's only (begins_with their id). */
export async function readDay(doc: DynamoDBDocumentClient, tables: TableNames, workDate: string, userId?: string): Promise<{ punches: Punch[]; edits: PunchEdit[] }> {
  const items = await queryAll<Record<string, unknown>>(doc, {
    TableName: tables.Timecards,
    KeyConditionExpression: userId ? 'storeDate = :day AND begins_with(entryId, :who)' : 'storeDate = :day',
    ExpressionAttributeValues: { ':day': timecardPartition(workDate), ...(userId && { ':who': `${userId}#` }) },
    // A correction just written is read back at once (the manager's screen shows it): never stale.
    ConsistentRead: true,
    Limit: PAGE,
  });
  const punches: Punch[] = [];
  const edits: PunchEdit[] = [];
  for (const item of items) {
    if (isPunch(item)) {
      const { storeDate: _d, entryId: _e, ...punch } = item;
      punches.push(punch as unknown as Punch);
    } else if (isEdit(item)) {
      const { storeDate: _d, entryId: _e, ...edit } = item;
      edits.push(edit as unknown as PunchEdit);
    }
  }
  return { punches, edits };
}

/** Writes one correction or addition; never over another item (its id is new, so "already there" can't happen twice). */
export async function putEdit(doc: DynamoDBDocumentClient, tables: TableNames, edit: PunchEdit): Promise<void> {
  const by: StaffStamp = { userId: edit.by.userId, name: edit.by.name, email: edit.by.email };
  const item: Partial<Record<(typeof EDIT_ATTRIBUTES)[number], unknown>> = {
    storeDate: timecardPartition(edit.workDate),
    entryId: `${edit.userId}#E#${edit.at}#${edit.editId}`,
    editId: edit.editId,
    punchId: edit.punchId,
    userId: edit.userId,
    workDate: edit.workDate,
    // An addition has no old time: the attribute is left out, not written empty.
    ...(edit.from !== undefined && { from: edit.from }),
    to: edit.to,
    ...(edit.kind !== undefined && { kind: edit.kind }),
    reason: edit.reason,
    by,
    at: edit.at,
  };
  await doc.send(new PutCommand({ TableName: tables.Timecards, Item: item, ConditionExpression: 'attribute_not_exists(entryId)' }));
}

/** Someone's standing as the cloud holds it (sync/kinds/punch.ts), or null when they never punched. */
export async function readStanding(doc: DynamoDBDocumentClient, tables: TableNames, userId: string): Promise<CloudStanding | null> {
  // A punch sent from another till a moment ago must be seen: consistent.
  const { Item } = await doc.send(new GetCommand({ TableName: tables.Timecards, Key: clockKey(userId), ConsistentRead: true }));
  if (!Item || typeof Item.at !== 'string' || !PUNCH_KINDS.includes(Item.kind as PunchKind)) return null;
  return { punchId: String(Item.punchId), kind: Item.kind as PunchKind, at: Item.at, workDate: String(Item.workDate), inAt: typeof Item.inAt === 'string' ? Item.inAt : null };
}

/**
 * After a manager's correction of a card: where its last punch leaves the person, if the standing
 * is still one of the card's punches as the manager read it (a correction of an older day, or one
 * read before a newer punch landed, changes nothing about where they stand now). `before`: the
 * card's punch ids before the correction. Returns what was written, or null when it wasn't.
 */
export async function correctStanding(doc: DynamoDBDocumentClient, tables: TableNames, card: Timecard, before: readonly string[]): Promise<CloudStanding | null> {
  const last = card.punches.at(-1);
  if (!last) return null;
  const standing = standingAfter(last, card.punches.findLast((p) => p.kind === 'in')?.at ?? null);
  try {
    await doc.send(new UpdateCommand(standingUpdate(tables, card.userId, standing, { onCard: before })));
    return standing;
  } catch (error) {
    if (errorName(error) === 'ConditionalCheckFailedException') return null;
    throw error;
  }
}
