import type { StaffStamp } from './orders';

/**
 * The time clock, as records and arithmetic. A punch is written once and never changed (the till's
 * journal, then one DynamoDB item); a manager's correction is a separate edit record naming the
 * punch, its old and new time and why. A timecard (one person, one work day) is derived from both
 * every time: hours are never a stored counter someone can drift.
 *
 * A work day is the business day of the clock-in that opened the stretch: a closing shift that
 * clocks out after midnight still belongs to the day it started.
 */

export const PUNCH_KINDS = ['in', 'breakStart', 'breakEnd', 'out'] as const;
export type PunchKind = (typeof PUNCH_KINDS)[number];

export const PUNCH_LABEL: Record<PunchKind, string> = {
  in: 'Clock in',
  breakStart: 'Start break',
  breakEnd: 'End break',
  out: 'Clock out',
};

export interface Punch {
  punchId: string;
  userId: string;
  name: string;
  email: string;
  kind: PunchKind;
  /** ISO time on the till when the PIN was accepted. */
  at: string;
  workDate: string;
  terminalId: string;
}

export interface PunchEdit {
  editId: string;
  punchId: string;
  userId: string;
  workDate: string;
  /**
   * The punch's time before this edit, and after it. No `from` means the manager added a punch that
   * was never made (a forgotten clock-out): `punchId` is then new, `kind` says which, `to` is its time.
   */
  from?: string;
  to: string;
  kind?: PunchKind;
  reason: string;
  by: StaffStamp;
  at: string;
}

/** Where someone stands: not on the clock, working, or on a break. */
export type ClockState = 'out' | 'in' | 'break';

export const CLOCK_STATE_LABEL: Record<ClockState, string> = { out: 'Not clocked in', in: 'Clocked in', break: 'On a break' };

const byTime = <T extends { at: string; punchId?: string }>(a: T, b: T) => a.at.localeCompare(b.at) || (a.punchId ?? '').localeCompare(b.punchId ?? '');

/** The state after a person's punches (any order): what their last punch left them in. */
export function clockState(punches: readonly Pick<Punch, 'kind' | 'at'>[]): ClockState {
  const last = [...punches].sort(byTime).at(-1);
  if (!last || last.kind === 'out') return 'out';
  return last.kind === 'breakStart' ? 'break' : 'in';
}

/** Which punches make sense from each state. */
const ALLOWED: Record<ClockState, readonly PunchKind[]> = { out: ['in'], in: ['breakStart', 'out'], break: ['breakEnd', 'out'] };

/** Why a punch makes no sense from where the person stands, or null. */
export function punchProblem(state: ClockState, kind: PunchKind, name: string): string | null {
  if (ALLOWED[state].includes(kind)) return null;
  switch (kind) {
    case 'in':
      return state === 'break' ? `${name} is clocked in and on a break: end the break instead.` : `${name} is already clocked in.`;
    case 'out':
      return `${name} isn’t clocked in, so there is nothing to clock out of.`;
    case 'breakStart':
      return state === 'break' ? `${name} is already on a break.` : `${name} isn’t clocked in: clock in before starting a break.`;
    case 'breakEnd':
      return state === 'out' ? `${name} isn’t clocked in, so there is no break to end.` : `${name} hasn’t started a break.`;
  }
}

export const nextPunches = (state: ClockState): readonly PunchKind[] => ALLOWED[state];

/** A punch as a timecard shows it: at its time after every edit, with what it was first. */
export interface CardPunch extends Punch {
  originalAt: string;
  edited: boolean;
  /** A manager added it (it was never punched on a till). */
  added?: boolean;
}

/** The till name an added punch shows: it was made on no till. */
export const ADDED_TERMINAL = 'added';

export const isAddition = (e: PunchEdit): e is PunchEdit & { kind: PunchKind } => e.from == null && e.kind !== undefined && PUNCH_KINDS.includes(e.kind);

/** The punch a manager's addition stands for, named like the person's other punches that day. */
const addedPunch = (e: PunchEdit & { kind: PunchKind }, person: Pick<Punch, 'name' | 'email'>): Punch => ({
  punchId: e.punchId,
  userId: e.userId,
  name: person.name,
  email: person.email,
  kind: e.kind,
  at: e.to,
  workDate: e.workDate,
  terminalId: ADDED_TERMINAL,
});

/**
 * Applies each punch's edits in the order they were made: the last one's `to` is its time. An
 * addition is a punch of its own (at its `to`), and later corrections move it like any other.
 */
export function effectivePunches(punches: readonly Punch[], edits: readonly PunchEdit[]): CardPunch[] {
  const ordered = [...edits].sort((a, b) => a.at.localeCompare(b.at) || a.editId.localeCompare(b.editId));
  const person = punches[0];
  const additions = person ? ordered.filter(isAddition).filter((e) => e.userId === person.userId && e.workDate === person.workDate) : [];
  const addedIds = new Set(additions.map((e) => e.punchId));
  const corrections = ordered.filter((e) => !isAddition(e));
  return [...punches.filter((p) => !addedIds.has(p.punchId)), ...additions.map((e) => addedPunch(e, person!))]
    .map((p) => {
      const mine = corrections.filter((e) => e.punchId === p.punchId);
      const added = addedIds.has(p.punchId);
      return { ...p, originalAt: p.at, at: mine.at(-1)?.to ?? p.at, edited: mine.length > 0, ...(added && { added }) };
    })
    .sort(byTime);
}

/** An addition's own line in a card's history, or a correction's (as the screen and the CSV say it). */
export function editLine(e: PunchEdit): string {
  const head = isAddition(e) ? `${PUNCH_LABEL[e.kind]} ${clockTime(e.to)} added` : `${clockTime(e.from ?? e.to)} → ${clockTime(e.to)}`;
  return `${head} by ${e.by.name}`;
}

/**
 * Why a person's punches for a day don't read as in → (break start → break end)* → out, or null.
 * An open stretch at the end (still clocked in) is fine.
 */
export function sequenceProblem(punches: readonly Pick<Punch, 'kind' | 'at'>[]): string | null {
  let state: ClockState = 'out';
  let previous: Pick<Punch, 'kind' | 'at'> | null = null;
  for (const p of [...punches].sort(byTime)) {
    if (!ALLOWED[state].includes(p.kind)) {
      const after = previous ? `the ${PUNCH_LABEL[previous.kind].toLowerCase()} at ${clockTime(previous.at)}` : 'the start of the day';
      return `The ${PUNCH_LABEL[p.kind].toLowerCase()} at ${clockTime(p.at)} can’t follow ${after}.`;
    }
    state = p.kind === 'out' ? 'out' : p.kind === 'breakStart' ? 'break' : 'in';
    previous = p;
  }
  return null;
}

const localDay = (d: Date) => `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;

/** A punch's time as the till's clock shows it (24-hour, local). */
export function clockTime(iso: string): string {
  const d = new Date(iso);
  return `${String(d.getHours()).padStart(2, '0')}:${String(d.getMinutes()).padStart(2, '0')}`;
}

export interface CardTotals {
  /** Clock-in to clock-out, summed over the day's stretches (breaks included). */
  workedMs: number;
  breakMs: number;
  /** Worked minus breaks: what the person is paid for. */
  paidMs: number;
  /** Still clocked in: the open stretch is not counted until it ends. */
  open: boolean;
}

/**
 * Hours from a day's punches (any order). A break still running at a clock-out ends there; a
 * punch that doesn't follow (see sequenceProblem) is skipped, so a card with a mistake still adds
 * up what it can. The open stretch counts once it closes, so a total never changes with the hour
 * it is read.
 */
export function cardTotals(punches: readonly Pick<Punch, 'kind' | 'at'>[]): CardTotals {
  let workedMs = 0;
  let breakMs = 0;
  let state: ClockState = 'out';
  let inAt = 0;
  let breakAt = 0;
  let openBreakMs = 0;
  for (const p of [...punches].sort(byTime)) {
    if (!ALLOWED[state].includes(p.kind)) continue;
    const t = Date.parse(p.at);
    if (p.kind === 'in') {
      inAt = t;
      openBreakMs = 0;
      state = 'in';
    } else if (p.kind === 'breakStart') {
      breakAt = t;
      state = 'break';
    } else if (p.kind === 'breakEnd') {
      openBreakMs += t - breakAt;
      state = 'in';
    } else {
      if (state === 'break') openBreakMs += t - breakAt;
      workedMs += t - inAt;
      breakMs += openBreakMs;
      openBreakMs = 0;
      state = 'out';
    }
  }
  return { workedMs, breakMs, paidMs: workedMs - breakMs, open: state !== 'out' };
}

/** One person's card for one work day. */
export interface Timecard extends CardTotals {
  workDate: string;
  userId: string;
  name: string;
  email: string;
  punches: CardPunch[];
  /** Every correction, oldest first: the history a card keeps. */
  edits: PunchEdit[];
  /** The card doesn't read as a sequence of stretches (after an edit made elsewhere, say). */
  problem: string | null;
  /** Punches this till made that the cloud doesn't have yet. */
  unsent: number;
}

/** Cards by day then name, from the punches and edits of a range (any order). */
export function buildTimecards(punches: readonly Punch[], edits: readonly PunchEdit[], unsentIds: ReadonlySet<string> = new Set()): Timecard[] {
  const groups = new Map<string, Punch[]>();
  for (const p of punches) {
    const key = `${p.workDate}\u0000${p.userId}`;
    groups.set(key, [...(groups.get(key) ?? []), p]);
  }
  const cards: Timecard[] = [];
  for (const group of groups.values()) {
    const first = group[0]!;
    // A day's additions belong to the person's card; corrections follow their punch (added ones too).
    const ids = new Set([...group.map((p) => p.punchId), ...edits.filter((e) => isAddition(e) && e.userId === first.userId && e.workDate === first.workDate).map((e) => e.punchId)]);
    const mine = edits.filter((e) => ids.has(e.punchId)).sort((a, b) => a.at.localeCompare(b.at) || a.editId.localeCompare(b.editId));
    const effective = effectivePunches(group, mine);
    const latest = [...group].sort(byTime).at(-1)!;
    cards.push({
      workDate: first.workDate,
      userId: first.userId,
      name: latest.name,
      email: latest.email,
      punches: effective,
      edits: mine,
      problem: sequenceProblem(effective),
      unsent: group.filter((p) => unsentIds.has(p.punchId)).length,
      ...cardTotals(effective),
    });
  }
  return cards.sort((a, b) => a.workDate.localeCompare(b.workDate) || a.name.localeCompare(b.name) || a.userId.localeCompare(b.userId));
}

/** Checks a manager's correction before it is written: the card must still make sense after it. */
export function editProblem(card: Pick<Timecard, 'punches'>, punchId: string, to: string): string | null {
  const punch = card.punches.find((p) => p.punchId === punchId);
  if (!punch) return 'That punch isn’t on this timecard any more. Reload the timecards.';
  if (Date.parse(punch.at) === Date.parse(to)) return `That punch is already at ${clockTime(to)}: change the time, or cancel.`;
  const after = card.punches.map((p) => (p.punchId === punchId ? { ...p, at: to } : p));
  const problem = sequenceProblem(after);
  return problem ? `That edit would leave the card out of order. ${problem}` : null;
}

/**
 * Checks a manager's added punch before it is written: not in the future, on the card's work day,
 * something the person could have punched at that moment, and the card still in order after it.
 */
export function addProblem(card: Pick<Timecard, 'punches' | 'name' | 'workDate'>, kind: PunchKind, at: string, now: Date): string | null {
  const t = Date.parse(at);
  if (Number.isNaN(t)) return 'Choose the punch’s date and time.';
  if (t > now.getTime()) return `A punch can’t be added in the future (it is ${clockTime(now.toISOString())} now).`;
  // The till's local day, like businessDateOf: a closing shift may end after midnight, not days later.
  const day = localDay(new Date(t));
  const nextDay = localDay(new Date(Date.parse(`${card.workDate}T12:00:00`) + 24 * 60 * 60_000));
  if (day !== card.workDate && !(kind !== 'in' && day === nextDay)) return `That time isn’t on ${card.workDate}: choose a time on this timecard’s day (or the night after it).`;
  const same = card.punches.find((p) => Date.parse(p.at) === t);
  if (same) return `${card.name} already has a ${PUNCH_LABEL[same.kind].toLowerCase()} at ${clockTime(at)}: choose another time.`;
  const label = PUNCH_LABEL[kind].toLowerCase();
  const before = card.punches.filter((p) => Date.parse(p.at) < t);
  const state = clockState(before);
  const why = punchProblem(state, kind, card.name);
  if (why) {
    const nextIn = card.punches.find((p) => Date.parse(p.at) > t && p.kind === 'in');
    if (state === 'out' && kind !== 'in' && nextIn && before.length === 0) return `A ${label} at ${clockTime(at)} would come before ${card.name}’s clock in at ${clockTime(nextIn.at)}: choose a later time.`;
    return `At ${clockTime(at)}, ${why}`;
  }
  const problem = sequenceProblem([...card.punches, { kind, at: new Date(t).toISOString() }]);
  return problem ? `That punch would leave the card out of order. ${problem}` : null;
}

/** Hours as h:mm (7:05), the way a timecard reads them. */
export function formatHours(ms: number): string {
  const minutes = Math.round(ms / 60_000);
  const sign = minutes < 0 ? '−' : '';
  const abs = Math.abs(minutes);
  return `${sign}${Math.floor(abs / 60)}:${String(abs % 60).padStart(2, '0')}`;
}

/** Hours as a decimal with two places (7.08), the way payroll spreadsheets add them. */
export function decimalHours(ms: number): string {
  return (Math.round(ms / 36_000) / 100).toFixed(2);
}
