import { GetCommand, PutCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { randomBytes, randomUUID } from 'node:crypto';
import type { TableNames } from '../../data/schema';
export { TERMINAL_ID, TERMINAL_ID_RULE } from '../../../shared/sync';
import type { JournalRecord } from '../journal';
import type { TillState } from '../state';
import { errorName, markSent, park, type Outcome, type SendContext, type Sender } from './kind';

/**
 * This till's id on tickets (T1-042). Made up on the till's first start and journaled with this
 * install's own id; sent as a claim in the cloud's registry (one item per terminal id in the Orders
 * table, `#TERMINAL#<id>`, written only if no other install holds it), so two tills never ring the
 * same tickets. Refused for good: another till holds the id; a manager gives this one another.
 */

export const terminalKey = (id: string) => `terminal:${id}`;
export const isTerminalKey = (key: string) => key.startsWith('terminal:');
export const registryKey = (id: string) => `#TERMINAL#${id}`;

/** No 0/O or 1/I: an id read aloud or off a receipt is never ambiguous. */
const ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';

/** A new till's id: T and three random characters; the cloud's registry catches the rare clash. */
export function newTerminalId(): string {
  return `T${[...randomBytes(3)].map((b) => ALPHABET[b % ALPHABET.length]).join('')}`;
}

export const newInstallId = () => randomUUID();

export function applyTerminal(state: TillState, record: Extract<JournalRecord, { t: 'terminal' }>): void {
  state.terminal = { id: record.id, installId: record.installId, at: record.at, state: 'pending' };
}

export function settleTerminal(state: TillState, key: string, record: Extract<JournalRecord, { t: 'synced' | 'parked' | 'retry' }>): void {
  const claim = state.terminal;
  if (!claim || terminalKey(claim.id) !== key) return;
  if (record.t === 'synced') claim.state = 'synced';
  else if (record.t === 'parked') Object.assign(claim, { state: 'parked', reason: record.reason });
  else if (claim.state === 'parked') claim.state = 'pending';
}

export function takenMessage(id: string, since?: string): string {
  return `Another till already uses the id ${id}${since ? ` (since ${since.slice(0, 10)})` : ''}. Give this till another id.`;
}

/**
 * Claims `id` for this install in the cloud's registry: refused (false) if another install holds it,
 * unless the manager takes it over (that till is gone). Claiming again one's own id is a no-op.
 */
export async function claimTerminal(
  doc: DynamoDBDocumentClient,
  tables: TableNames,
  claim: { id: string; installId: string; at: string },
  takeOver = false,
): Promise<{ ok: true } | { ok: false; reason: string }> {
  try {
    await doc.send(
      new PutCommand({
        TableName: tables.Orders,
        Item: { orderId: registryKey(claim.id), installId: claim.installId, claimedAt: claim.at },
        ...(!takeOver && { ConditionExpression: 'attribute_not_exists(orderId) OR installId = :me', ExpressionAttributeValues: { ':me': claim.installId } }),
      }),
    );
    return { ok: true };
  } catch (error) {
    if (errorName(error) !== 'ConditionalCheckFailedException') throw error;
    const { Item } = await doc.send(new GetCommand({ TableName: tables.Orders, Key: { orderId: registryKey(claim.id) }, ConsistentRead: true }));
    return { ok: false, reason: takenMessage(claim.id, Item?.claimedAt as string | undefined) };
  }
}

export function terminalSender(ctx: SendContext): Sender {
  async function push(): Promise<Outcome> {
    const claim = ctx.state.terminal!;
    const key = terminalKey(claim.id);
    let result;
    try {
      result = await ctx.asStaff(() => claimTerminal(ctx.doc, ctx.tables, claim));
    } catch (error) {
      const transient = ctx.transient(error);
      if (transient) return transient;
      return ctx.retryBecause(`Couldn’t register this till’s id ${claim.id}: ${(error as Error).message}`);
    }
    return result.ok ? markSent(ctx, key) : park(ctx, key, result.reason);
  }
  return {
    next: () => (ctx.state.terminal?.state === 'pending' ? push : null),
  };
}
