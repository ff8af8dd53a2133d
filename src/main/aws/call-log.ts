import { appendFileSync } from 'node:fs';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { StaffRole } from '../../shared/roles';
import { requestContext } from '../ipc/request-context';

/**
 * One AWS call as IAM would see it arrive: whose credentials it carries (the staff role the
 * identity pool maps them to, or null when nobody's call it is) and the command as sent. The IAM
 * conformance check (test/iam) replays these against the synthesized template's role policies.
 */
export interface AwsCall {
  role: StaffRole | null;
  /** The channel (or the sync worker) the call was made for. */
  via?: string;
  /** The SDK command's name without "Command": GetItem, TransactWriteItems, AdminCreateUser… */
  command: string;
  input: unknown;
}

export type CallSink = (call: AwsCall) => void;

/**
 * lib-dynamodb's commands are named after the document client's verbs (Get, Put, Batch…); IAM
 * knows them by the low-level operation they become.
 */
const DOCUMENT_VERB: Record<string, string> = {
  Get: 'GetItem',
  Put: 'PutItem',
  Update: 'UpdateItem',
  Delete: 'DeleteItem',
  BatchGet: 'BatchGetItem',
  BatchWrite: 'BatchWriteItem',
  TransactGet: 'TransactGetItems',
  TransactWrite: 'TransactWriteItems',
};

export function operationOf(command: object): string {
  const name = command.constructor.name.replace(/Command$/, '');
  return DOCUMENT_VERB[name] ?? name;
}

/**
 * The database client, with every call written down first under the role the current request
 * runs as: exactly the credentials AWS mode would sign it with (aws/db.ts routes by the same
 * request context), so a call made outside any staff member's request shows up as role null.
 */
export function recordingDb(doc: DynamoDBDocumentClient, sink: CallSink): DynamoDBDocumentClient {
  const send = doc.send.bind(doc) as (command: object) => Promise<unknown>;
  const recorded = {
    send(command: { input: unknown }) {
      const context = requestContext.getStore();
      sink({ role: context?.session?.role ?? null, ...(context?.via && { via: context.via }), command: operationOf(command), input: command.input });
      return send(command);
    },
  };
  return recorded as unknown as DynamoDBDocumentClient;
}

/** Passwords in a Cognito call's input are written down as such, never as themselves. */
function redacted(input: unknown): unknown {
  if (!input || typeof input !== 'object') return input;
  const copy = { ...(input as Record<string, unknown>) };
  for (const key of ['Password', 'TemporaryPassword', 'ProposedPassword', 'PreviousPassword']) if (key in copy) copy[key] = '(redacted)';
  return copy;
}

/** Any AWS client (Cognito's admin API), recorded like the database: the role is the caller's. */
export function recordingClient<T extends { send: (command: never) => Promise<unknown> }>(client: T, sink: CallSink): T {
  const send = client.send.bind(client) as (command: object) => Promise<unknown>;
  const recorded = {
    send(command: { input: unknown }) {
      const context = requestContext.getStore();
      sink({ role: context?.session?.role ?? null, ...(context?.via && { via: context.via }), command: operationOf(command), input: redacted(command.input) });
      return send(command);
    },
  };
  return recorded as unknown as T;
}

/** A sink that appends one JSON line per call, for a test run to collect from another process. */
export function callLogFile(file: string): CallSink {
  return (call) => appendFileSync(file, `${JSON.stringify(call)}\n`);
}
