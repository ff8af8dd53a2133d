import type { PutCommandInput } from '@aws-sdk/lib-dynamodb';
import type { DrawerRecord } from '../../../shared/shift';
import type { TableNames } from '../../data/schema';
import type { JournalRecord } from '../journal';
import type { TillState } from '../state';
import { putOnce, settleSending, type SendContext, type Sender } from './kind';

/**
 * A hand movement of the open shift's drawer: a pay-in, a pay-out, a cash drop, a no-sale, or the
 * cash of a refund. Applied: it joins the shift's movements at once, so expected cash (derived,
 * drawer.ts) moves with it, offline or not. Sent after its shift's opening: one Put of an
 * `M#<at>#<id>` item under the shift, written once (a retry that finds it there is done).
 * Refused for good: only for data DynamoDB won't store; parked for a manager.
 *
 * So a pay-out reaches DynamoDB as: shift.movement → journal record `drawer` (fdatasync) → this
 * sender, after the shift's `OPEN` item → PutItem on the Shifts table.
 */

export const drawerKey = (movementId: string) => `drawer:${movementId}`;
export const isDrawerKey = (key: string) => key.startsWith('drawer:');

export function drawerItem(tables: TableNames, m: DrawerRecord): PutCommandInput {
  return {
    TableName: tables.Shifts,
    Item: {
      shiftId: m.shiftId,
      entryId: `M#${m.at}#${m.movementId}`,
      movementId: m.movementId,
      kind: m.kind,
      amountCents: m.amountCents,
      reason: m.reason,
      ...(m.orderId && { orderId: m.orderId }),
      ...(m.refundId && { refundId: m.refundId }),
      at: m.at,
      by: m.by,
    },
  };
}

export function applyDrawer(state: TillState, record: Extract<JournalRecord, { t: 'drawer' }>): void {
  const shift = state.shifts.get(record.movement.shiftId);
  // A refund's cash written twice (a retried refund) is one movement: its id says so.
  if (!shift || shift.movements.some((m) => m.movementId === record.movement.movementId)) return;
  shift.movements.push({ ...record.movement, state: 'pending' });
}

export function settleDrawer(state: TillState, key: string, record: Extract<JournalRecord, { t: 'synced' | 'parked' | 'retry' }>): void {
  const id = key.slice('drawer:'.length);
  for (const shift of state.shifts.values()) {
    const movement = shift.movements.find((m) => m.movementId === id);
    if (movement) return settleSending(movement, record);
  }
}

export function drawerSender(ctx: SendContext): Sender {
  return {
    next() {
      for (const shift of ctx.state.shifts.values()) {
        if (shift.open.state !== 'synced') continue;
        const m = shift.movements.find((x) => x.state === 'pending');
        if (m) return () => putOnce(ctx, drawerKey(m.movementId), drawerItem(ctx.tables, m), `a drawer ${m.kind} of shift ${m.shiftId}`);
      }
      return null;
    },
  };
}
