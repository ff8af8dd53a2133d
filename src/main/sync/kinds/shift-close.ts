import type { PutCommandInput } from '@aws-sdk/lib-dynamodb';
import type { ShiftClose } from '../../../shared/shift';
import type { TableNames } from '../../data/schema';
import type { JournalRecord } from '../journal';
import type { TillState } from '../state';
import { putOnce, settleSending, type SendContext, type Sender } from './kind';

/**
 * A shift closed with its count and its Z. Applied: the shift is closed at once (a second close is
 * refused), offline or not; its Z is "pending sync" until every record of the shift is in the
 * cloud. Sent after the shift's opening and movements: one Put of the shift's `CLOSE` item,
 * written once, so a Z can never be rewritten. Refused for good: parked for a manager.
 */

export const closeKey = (shiftId: string) => `close:${shiftId}`;
export const isCloseKey = (key: string) => key.startsWith('close:');

export function closeItem(tables: TableNames, close: ShiftClose): PutCommandInput {
  return { TableName: tables.Shifts, Item: { ...close, entryId: 'CLOSE' } };
}

export function applyShiftClose(state: TillState, record: Extract<JournalRecord, { t: 'shiftClose' }>): void {
  const shift = state.shifts.get(record.close.shiftId);
  if (shift && !shift.close) shift.close = { ...record.close, state: 'pending' };
}

export function settleShiftClose(state: TillState, key: string, record: Extract<JournalRecord, { t: 'synced' | 'parked' | 'retry' }>): void {
  settleSending(state.shifts.get(key.slice('close:'.length))?.close, record);
}

export function shiftCloseSender(ctx: SendContext): Sender {
  return {
    next() {
      for (const shift of ctx.state.shifts.values()) {
        const { close } = shift;
        if (close?.state !== 'pending' || shift.open.state !== 'synced' || shift.movements.some((m) => m.state === 'pending')) continue;
        return () => putOnce(ctx, closeKey(close.shiftId), closeItem(ctx.tables, close), `the close of shift ${close.shiftId}`);
      }
      return null;
    },
  };
}
