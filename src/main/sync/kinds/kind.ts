import { PutCommand, UpdateCommand, type DynamoDBDocumentClient, type PutCommandInput, type TransactWriteCommandInput, type UpdateCommandInput } from '@aws-sdk/lib-dynamodb';
import type { TableNames } from '../../data/schema';
import type { JournalRecord } from '../journal';
import type { TillState } from '../state';

export type TransactItem = NonNullable<TransactWriteCommandInput['TransactItems']>[number];

/** What one send did: move on to the next, retry after the backoff, or wait (for a sign-in). */
export type Outcome = 'next' | 'retry' | 'wait';

/** What the generic worker gives every record kind to send with. */
export interface SendContext {
  doc: DynamoDBDocumentClient;
  tables: TableNames;
  state: TillState;
  now: () => Date;
  log: (message: string, error?: unknown) => void;
  /** Runs a database call as a signed-in staff member (AWS mode). */
  asStaff: <T>(run: () => Promise<T>, options?: { shipper?: boolean }) => Promise<T>;
  /** Writes a record to the journal, then applies it to `state`. */
  record(record: JournalRecord, durable?: boolean): Promise<void>;
  /** The failures that say nothing about the write (no sign-in, no answer, busy); null for a real refusal. */
  transient(error: unknown): Outcome | null;
  /** Says why sending is stuck, for the sync panel; returns 'retry'. */
  retryBecause(message: string): Outcome;
}

/**
 * One kind of journal record, as the worker sees it: what it has to send next (null when nothing),
 * as one call that writes it to DynamoDB and journals what became of it.
 */
export interface Sender {
  next(): (() => Promise<Outcome>) | null;
  /** The worker found nothing more to send: forget per-backlog bookkeeping. */
  idle?(): void;
}

export const RETRYABLE = new Set([
  'ThrottlingError',
  'ThrottlingException',
  'ProvisionedThroughputExceeded',
  'ProvisionedThroughputExceededException',
  'RequestLimitExceeded',
  'TransactionConflict',
  'TransactionConflictException',
  'TransactionInProgressException',
  'InternalServerError',
  'ServiceUnavailable',
  'LimitExceededException',
]);

export const errorName = (error: unknown): string => (error as { name?: string })?.name ?? '';

/** Journals that the record under `key` is in the cloud. Not durable: losing it only means sending it again. */
export async function markSent(ctx: SendContext, key: string): Promise<Outcome> {
  await ctx.record({ t: 'synced', ids: [key], at: ctx.now().toISOString() }, false);
  return 'next';
}

/** Journals that the cloud refused the record under `key` for good, and why, for a manager to see. */
export async function park(ctx: SendContext, key: string, reason: string, logLine = reason): Promise<Outcome> {
  ctx.log(logLine);
  await ctx.record({ t: 'parked', id: key, reason, at: ctx.now().toISOString() });
  return 'next';
}

/**
 * Puts an item that is written once and never changed (a shift's opening, a drawer movement, a
 * close): only if no item has its key, so a retry can't overwrite and a Z can't be rewritten. The
 * key carries the record's own id, so "already there" means an earlier try landed. Journals what
 * became of it under `key`.
 *
 * `then`: updates that follow the item and only summarise it (a person's standing after a punch),
 * each conditional, so a retry's second landing is refused and counts as done. Refused for good,
 * one is logged and the record still counts as sent: the item it follows is in the cloud, and a
 * stack not yet updated for the summary must not park a sale's day of punches.
 */
export async function putOnce(ctx: SendContext, key: string, input: PutCommandInput, describe: string, then: UpdateCommandInput[] = []): Promise<Outcome> {
  const writes = [() => ctx.doc.send(new PutCommand({ ...input, ConditionExpression: 'attribute_not_exists(entryId)' })), ...then.map((update) => () => ctx.doc.send(new UpdateCommand(update)))];
  for (const [i, write] of writes.entries()) {
    try {
      await ctx.asStaff(write);
    } catch (error) {
      if (errorName(error) === 'ConditionalCheckFailedException') continue;
      const transient = ctx.transient(error);
      // After the item landed, a summary refused for good, or not allowed (a stack not yet updated
      // for it: the item's own write was allowed, so it isn't the café's address), is logged and
      // left: retrying it would hold every record behind it. Lost, busy or expired: try again.
      if (i > 0 && (!transient || errorName(error) === 'AccessDeniedException')) {
        ctx.log(`DynamoDB refused what follows ${describe} (it is sent): ${(error as Error).message}`);
        continue;
      }
      if (transient) return transient;
      return park(ctx, key, `DynamoDB refused ${describe}: ${(error as Error).message}`);
    }
  }
  return markSent(ctx, key);
}

/** Settles a shift or drawer record named by a `synced`, `parked` or `retry` record. */
export function settleSending(item: { state: 'pending' | 'synced' | 'parked'; problem?: string } | undefined, record: Extract<JournalRecord, { t: 'synced' | 'parked' | 'retry' }>): void {
  if (!item) return;
  if (record.t === 'synced') {
    item.state = 'synced';
    delete item.problem;
  } else if (record.t === 'parked') Object.assign(item, { state: 'parked', problem: record.reason });
  else if (item.state === 'parked') item.state = 'pending';
}
