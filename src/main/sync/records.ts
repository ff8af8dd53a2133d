import type { JournalRecord } from './journal';
import { applyMove, isMoveKey, moveKey, settleMove } from './kinds/move';
import { applyOrder, settleOrder } from './kinds/order';
import { isPointsKey, pointsKey, settlePoints } from './kinds/points';
import { applyDrawer, drawerKey, isDrawerKey, settleDrawer } from './kinds/drawer';
import { applyDelivery, deliveryKey, isDeliveryKey, settleDelivery } from './kinds/delivery';
import { applyShiftClose, closeKey, isCloseKey, settleShiftClose } from './kinds/shift-close';
import { applyShiftOpen, isShiftKey, settleShiftOpen, shiftKey } from './kinds/shift-open';
import { applyPunch, isPunchKey, punchesKept, punchKey, settlePunch } from './kinds/punch';
import { applyTerminal, isTerminalKey, settleTerminal, terminalKey } from './kinds/terminal';
import { shiftSynced, type ShiftEntry, type TillState } from './state';

/** How a journal record changes the till's state: each kind applies its own. */
export function applyRecord(state: TillState, record: JournalRecord): void {
  switch (record.t) {
    case 'order':
    case 'void':
    case 'counter':
      return applyOrder(state, record);
    case 'status':
      return applyMove(state, record);
    case 'terminal':
      return applyTerminal(state, record);
    case 'shiftOpen':
      return applyShiftOpen(state, record);
    case 'drawer':
      return applyDrawer(state, record);
    case 'shiftClose':
      return applyShiftClose(state, record);
    case 'punch':
      return applyPunch(state, record);
    case 'delivery':
      return applyDelivery(state, record);
    case 'synced':
    case 'retry':
      for (const id of record.ids) settle(state, id, record);
      return;
    case 'parked':
      return settle(state, record.id, record);
  }
}

/** `synced`, `parked` and `retry` name what they settle by key; the key's shape says which kind it is. */
function settle(state: TillState, key: string, record: Extract<JournalRecord, { t: 'synced' | 'parked' | 'retry' }>): void {
  if (isTerminalKey(key)) settleTerminal(state, key, record);
  else if (isShiftKey(key)) settleShiftOpen(state, key, record);
  else if (isDrawerKey(key)) settleDrawer(state, key, record);
  else if (isDeliveryKey(key)) settleDelivery(state, key, record);
  else if (isCloseKey(key)) settleShiftClose(state, key, record);
  else if (isPunchKey(key)) settlePunch(state, key, record);
  else if (isPointsKey(key)) settlePoints(state, key, record);
  else if (isMoveKey(key)) settleMove(state, key, record);
  else settleOrder(state, key, record);
}

const COUNTER_DAYS_KEPT = 7;
/** Closed shifts kept once the cloud has them: the last Zs to reprint, and the next Z's number. */
const CLOSED_SHIFTS_KEPT = 5;

/** A shift's records, and how far each got. */
function shiftRecords(shift: ShiftEntry, at: string, synced: string[]): JournalRecord[] {
  const records: JournalRecord[] = [];
  const { state: openState, problem: openProblem, ...open } = shift.open;
  records.push({ t: 'shiftOpen', shift: open });
  if (openState === 'synced') synced.push(shiftKey(open.shiftId));
  if (openState === 'parked') records.push({ t: 'parked', id: shiftKey(open.shiftId), reason: openProblem ?? '', at });
  for (const { state, problem, ...movement } of shift.movements) {
    records.push({ t: 'drawer', movement });
    if (state === 'synced') synced.push(drawerKey(movement.movementId));
    if (state === 'parked') records.push({ t: 'parked', id: drawerKey(movement.movementId), reason: problem ?? '', at });
  }
  if (shift.close) {
    const { state, problem, ...close } = shift.close;
    records.push({ t: 'shiftClose', close });
    if (state === 'synced') synced.push(closeKey(close.shiftId));
    if (state === 'parked') records.push({ t: 'parked', id: closeKey(close.shiftId), reason: problem ?? '', at });
  }
  return records;
}

/**
 * The records that rebuild today's state, for compaction: the last week's ticket counters, this
 * till's id, today's orders (the board can show them offline) with their moves and points, and older
 * ones only while unsent. Drops what it leaves out from `state` too. Run it inside the journal's
 * write queue, so that no append is missing from it.
 */
export function snapshot(state: TillState, now: () => Date): JournalRecord[] {
  const at = now().toISOString();
  const today = [...state.counters.keys()].sort().at(-1);
  const records: JournalRecord[] = [...state.counters]
    .sort(([a], [b]) => a.localeCompare(b))
    .slice(-COUNTER_DAYS_KEPT)
    .map(([date, seq]) => ({ t: 'counter', date, seq }));
  const synced: string[] = [];
  const claim = state.terminal;
  if (claim) {
    records.push({ t: 'terminal', id: claim.id, installId: claim.installId, at: claim.at });
    if (claim.state === 'synced') synced.push(terminalKey(claim.id));
    if (claim.state === 'parked') records.push({ t: 'parked', id: terminalKey(claim.id), reason: claim.reason ?? '', at });
  }
  // The open shift, shifts the cloud lacks part of, and the last few closed: oldest first.
  const shifts = [...state.shifts.values()];
  const closedKept = new Set(shifts.filter((s) => s.close && shiftSynced(state, s)).slice(-CLOSED_SHIFTS_KEPT));
  for (const shift of shifts) {
    if (shift.close && shiftSynced(state, shift) && !closedKept.has(shift)) state.shifts.delete(shift.open.shiftId);
    else records.push(...shiftRecords(shift, at, synced));
  }
  for (const { state: sent, problem, inAt, ...punch } of punchesKept(state)) {
    records.push({ t: 'punch', punch, ...(inAt && { inAt }) });
    if (sent === 'synced') synced.push(punchKey(punch.punchId));
    if (sent === 'parked') records.push({ t: 'parked', id: punchKey(punch.punchId), reason: problem ?? '', at });
  }
  /** A shift's orders stay while it is open or unsent: its drawer's cash sales are derived from them. */
  const liveShifts = new Set(shifts.filter((s) => !s.close || !shiftSynced(state, s)).map((s) => s.open.shiftId));
  for (const entry of state.entries.values()) {
    const { orderId } = entry.order;
    const settledPoints = !entry.points || entry.points.state === 'synced';
    const ofLiveShift = entry.order.shiftId !== undefined && liveShifts.has(entry.order.shiftId);
    if (entry.state === 'void' || (entry.state === 'synced' && settledPoints && entry.order.businessDate !== today && !ofLiveShift)) {
      state.entries.delete(orderId);
      continue;
    }
    records.push({ t: 'order', seq: entry.seq, order: entry.order });
    if (entry.state === 'synced') synced.push(orderId);
    for (const move of entry.moves) {
      records.push({ t: 'status', id: orderId, from: move.from, to: move.to, at: move.at, by: move.by });
      if (move.state === 'synced') synced.push(moveKey(orderId, move.at));
      if (move.state === 'skipped') records.push({ t: 'parked', id: moveKey(orderId, move.at), reason: 'Overtaken on another till.', at: move.at });
    }
    if (entry.points) {
      records.push({ t: 'parked', id: pointsKey(orderId), reason: entry.points.reason, at: entry.points.parkedAt });
      if (entry.points.state === 'pending') records.push({ t: 'retry', ids: [pointsKey(orderId)], at });
      if (entry.points.state === 'synced') synced.push(pointsKey(orderId));
    }
    if (entry.state === 'parked') records.push({ t: 'parked', id: orderId, reason: entry.reason ?? '', at: entry.parkedAt ?? at });
  }
  // Delivery steps stay until sent; a parked one stays for the sync panel.
  for (const [moveId, { state: sending, problem, ...move }] of state.deliveries) {
    if (sending === 'synced') {
      state.deliveries.delete(moveId);
      continue;
    }
    records.push({ t: 'delivery', move });
    if (sending === 'parked') records.push({ t: 'parked', id: deliveryKey(moveId), reason: problem ?? '', at });
  }
  if (synced.length > 0) records.push({ t: 'synced', ids: synced, at });
  return records;
}
