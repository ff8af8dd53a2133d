import type { PutCommandInput } from '@aws-sdk/lib-dynamodb';
import { STORE_ID, type ShiftOpen } from '../../../shared/shift';
import type { TableNames } from '../../data/schema';
import type { JournalRecord } from '../journal';
import type { TillState } from '../state';
import { putOnce, settleSending, type SendContext, type Sender } from './kind';

/**
 * A shift opened on this till with its float. Applied: the till has an open shift at once (cash
 * can be taken), offline or not. Sent: one Put of the shift's `OPEN` item, written once, carrying
 * the day index's keys (`<store>#<date>`, `<till>#<openedAt>`). Refused for good: only for data
 * DynamoDB won't store; it is parked with the reason for a manager.
 */

export const shiftKey = (shiftId: string) => `shift:${shiftId}`;
export const isShiftKey = (key: string) => key.startsWith('shift:');

export function shiftOpenItem(tables: TableNames, open: ShiftOpen): PutCommandInput {
  return {
    TableName: tables.Shifts,
    Item: {
      shiftId: open.shiftId,
      entryId: 'OPEN',
      storeDate: `${STORE_ID}#${open.businessDate}`,
      tillOpenedAt: `${open.terminalId}#${open.at}`,
      terminalId: open.terminalId,
      businessDate: open.businessDate,
      floatCents: open.floatCents,
      ...(open.count && { count: open.count }),
      at: open.at,
      by: open.by,
    },
  };
}

export function applyShiftOpen(state: TillState, record: Extract<JournalRecord, { t: 'shiftOpen' }>): void {
  state.shifts.set(record.shift.shiftId, { open: { ...record.shift, state: 'pending' }, movements: [] });
}

export function settleShiftOpen(state: TillState, key: string, record: Extract<JournalRecord, { t: 'synced' | 'parked' | 'retry' }>): void {
  settleSending(state.shifts.get(key.slice('shift:'.length))?.open, record);
}

export function shiftOpenSender(ctx: SendContext): Sender {
  return {
    next() {
      for (const shift of ctx.state.shifts.values()) {
        const { open } = shift;
        if (open.state === 'pending') return () => putOnce(ctx, shiftKey(open.shiftId), shiftOpenItem(ctx.tables, open), `the opening of shift ${open.shiftId}`);
      }
      return null;
    },
  };
}
