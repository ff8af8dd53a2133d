import type { DynamoDBDocumentClient, TransactWriteCommandInput } from '@aws-sdk/lib-dynamodb';
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
  asStaff: <T>(run: () => Promise<T>) => Promise<T>;
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
