import { randomBytes } from 'node:crypto';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { ClockView } from '../../shared/contract';
import { businessDateOf, type StaffStamp } from '../../shared/orders';
import { businessDatesBetween, rangeProblem } from '../../shared/reports';
import { AppError } from '../../shared/result';
import { addProblem, buildTimecards, clockTime, editProblem, PUNCH_LABEL, type Punch, type PunchEdit, type PunchKind, type Timecard } from '../../shared/timecards';
import type { TableNames } from '../data/schema';
import type { ShiftJournal } from '../sync/shifts';
import type { TimeclockJournal } from '../sync/timeclock';
import { correctStanding, putEdit, readDay, readStanding } from './cards';
import { isNetworkError, type Connectivity } from '../sync/connectivity';

export interface TillPerson {
  sub: string;
  email: string;
  name: string;
  roleLabel: string;
}

export interface TimeclockDeps {
  doc: DynamoDBDocumentClient;
  tables: TableNames;
  timeclock: TimeclockJournal;
  shifts: Pick<ShiftJournal, 'current'>;
  terminalId: () => string;
  /** Who is signed in on a till (sessionKey), and a PIN check with the lock screen's attempt limit. */
  people: (sessionKey: string) => TillPerson[];
  verifyPin: (sessionKey: string, email: string, pin: string) => Promise<{ sub: string; email: string; name: string }>;
  /** Whether the cloud can be asked; offline, the till goes by what it holds. */
  connectivity?: Pick<Connectivity, 'online'>;
  /** Runs a call with the credentials of someone signed in on this till (AWS mode), for reading their own standing. */
  asMember?: <T>(userId: string, run: () => Promise<T>) => Promise<T>;
  log?: (message: string, error?: unknown) => void;
  now?: () => Date;
  /** Days read at once for a range. */
  parallelDays?: number;
}

export interface PunchResult {
  punch: Punch;
  message: string;
  status: ClockView[];
}

/** How long a standing read from the cloud is taken as still true for a punch: the time clock's own read is fresher. */
export const STANDING_FRESH_MS = 10_000;

/**
 * How long the time clock waits for the cloud's standings before going by the till's own punches:
 * a network that drops without a refusal must not hold a clock-in for the SDK's seconds of timeout.
 * A read that answers later still lands, for the next punch.
 */
export const STANDING_WAIT_MS = 800;

/**
 * The time clock for the till and the managers' timecards. A punch needs the person's PIN and that
 * they are signed in on this till; it is journaled (works offline) and refused, named, when it
 * doesn't follow from where they stand (this till's punches and the cloud's standing, whichever is
 * later). Timecards are read from the cloud one work day at a time (paged Query), with this till's
 * unsent punches added, and corrected only by a new edit item.
 */
export function createTimeclockService({
  doc,
  tables,
  timeclock,
  shifts,
  terminalId,
  people,
  verifyPin,
  connectivity = { online: true },
  asMember = (_userId, run) => run(),
  log = () => {},
  now = () => new Date(),
  parallelDays = 4,
}: TimeclockDeps) {
  /** A refused read (a stack not yet updated) is logged once, not on every open of the time clock. */
  let refusalLogged = false;
  /**
   * Reads what the cloud holds of these people's standing (punches on other tills, a manager's
   * correction) into the till's clock. Offline, with no answer, or refused (a stack not yet updated),
   * the till goes by what it holds: the time clock keeps working at the till, and the cards are put
   * right by a manager.
   */
  async function learn(userIds: string[], fresherThanMs = 0): Promise<void> {
    if (!connectivity.online) return;
    const due = userIds.filter((id) => now().getTime() - (timeclock.learnedAt(id) ?? -Infinity) > fresherThanMs);
    if (due.length === 0) return;
    const reads = Promise.all(
      due.map(async (id) => {
        try {
          timeclock.learn(id, await asMember(id, () => readStanding(doc, tables, id)), now().getTime());
        } catch (error) {
          if (isNetworkError(error) || refusalLogged) return;
          refusalLogged = true;
          log('[timeclock] could not read where someone stands; going by this till’s punches', error);
        }
      }),
    );
    let timer: NodeJS.Timeout | undefined;
    const waited = new Promise<void>((resolve) => {
      timer = setTimeout(resolve, STANDING_WAIT_MS);
      timer.unref();
    });
    await Promise.race([reads, waited]);
    clearTimeout(timer);
  }

  /** Where everyone signed in on this till stands, as the till holds it. */
  const standings = (sessionKey: string): ClockView[] =>
    people(sessionKey).map((p) => {
      const { state, since } = timeclock.standing(p.sub, now());
      return { email: p.email, name: p.name, roleLabel: p.roleLabel, state, since };
    });

  async function status(sessionKey: string): Promise<ClockView[]> {
    await learn(people(sessionKey).map((p) => p.sub));
    return standings(sessionKey);
  }

  async function punch(sessionKey: string, input: { email: string; pin: string; kind: PunchKind; despiteOpenShift?: boolean }): Promise<PunchResult> {
    const known = people(sessionKey).find((p) => p.email === input.email);
    if (!known) {
      throw new AppError('UNAUTHENTICATED', 'That person isn’t signed in on this till. Sign in with your email and password first, then use the time clock with your PIN.', {
        fields: [{ path: 'email', message: 'Not signed in on this till.' }],
      });
    }
    const person = await verifyPin(sessionKey, input.email, input.pin);
    // The time clock read the standing when it opened; read again only if that was a while ago.
    await learn([person.sub], STANDING_FRESH_MS);
    const at = now();
    if (input.kind === 'out' && !input.despiteOpenShift && timeclock.standing(person.sub, at).state !== 'out') {
      const open = shifts.current()?.open;
      if (open && open.by.userId === person.sub) {
        throw new AppError('CONFLICT', `${person.name}, your shift on till ${open.terminalId} (opened at ${clockTime(open.at)}) is still open. Close it on the Drawer screen before you leave, or clock out anyway.`, {
          fields: [{ path: 'despiteOpenShift', message: 'Your shift on this till is still open.' }],
        });
      }
    }
    const made = await timeclock.punch({ userId: person.sub, name: person.name, email: person.email }, input.kind, at, businessDateOf(at), terminalId());
    const done: Record<PunchKind, string> = { in: 'clocked in', breakStart: 'started a break', breakEnd: 'ended the break', out: 'clocked out' };
    return { punch: made, message: `${person.name} ${done[input.kind]} at ${clockTime(made.at)}.`, status: standings(sessionKey) };
  }

  /** Every day's punches and edits, `parallelDays` days at a time, with this till's unsent punches. */
  async function read(days: string[], userId?: string): Promise<{ punches: Punch[]; edits: PunchEdit[] }> {
    const punches = new Map<string, Punch>();
    const edits: PunchEdit[] = [];
    for (let i = 0; i < days.length; i += parallelDays) {
      const batch = await Promise.all(days.slice(i, i + parallelDays).map((day) => readDay(doc, tables, day, userId)));
      for (const day of batch) {
        day.punches.forEach((p) => punches.set(p.punchId, p));
        edits.push(...day.edits);
      }
    }
    const wanted = new Set(days);
    for (const p of timeclock.unsent()) if (wanted.has(p.workDate) && (!userId || p.userId === userId) && !punches.has(p.punchId)) punches.set(p.punchId, p);
    return { punches: [...punches.values()], edits };
  }

  const unsentIds = () => new Set(timeclock.unsent().map((p) => p.punchId));

  async function list({ from, to }: { from: string; to: string }): Promise<Timecard[]> {
    const problem = rangeProblem(from, to);
    if (problem) throw new AppError('VALIDATION', problem, { fields: [{ path: 'to', message: problem }] });
    const { punches, edits } = await read(businessDatesBetween(from, to));
    return buildTimecards(punches, edits, unsentIds());
  }

  async function edit(input: { workDate: string; userId: string; punchId: string; at: string; reason: string }, manager: StaffStamp): Promise<Timecard> {
    const to = new Date(input.at);
    if (Number.isNaN(to.getTime())) throw new AppError('VALIDATION', 'Choose the punch’s new date and time.', { fields: [{ path: 'at', message: 'Not a time.' }] });
    if (to.getTime() > now().getTime()) throw new AppError('VALIDATION', 'A punch can’t be moved into the future.', { fields: [{ path: 'at', message: 'In the future.' }] });
    const { punches, edits } = await read([input.workDate], input.userId);
    const card = buildTimecards(punches, edits, unsentIds())[0];
    const punch = card?.punches.find((p) => p.punchId === input.punchId);
    if (!card || !punch) throw new AppError('NOT_FOUND', 'That punch isn’t on this timecard any more. Reload the timecards.');
    if (card.unsent > 0 && unsentIds().has(punch.punchId)) {
      throw new AppError('CONFLICT', `${card.name}’s ${PUNCH_LABEL[punch.kind].toLowerCase()} at ${clockTime(punch.at)} hasn’t reached the cloud yet. Sync this till, then edit it.`);
    }
    const problem = editProblem(card, input.punchId, to.toISOString());
    if (problem) throw new AppError('CONFLICT', problem, { fields: [{ path: 'at', message: problem }] });
    const stamp = now().toISOString();
    const correction: PunchEdit = {
      editId: `${Date.now().toString(36)}-${randomBytes(6).toString('hex')}`,
      punchId: punch.punchId,
      userId: input.userId,
      workDate: input.workDate,
      from: punch.at,
      to: to.toISOString(),
      reason: input.reason,
      by: manager,
      at: stamp,
    };
    await putEdit(doc, tables, correction);
    return corrected(card, buildTimecards(punches, [...edits, correction], unsentIds())[0]!);
  }

  /**
   * A punch that was never made (a forgotten clock-out), added to a person's card for a day as a
   * new item with the reason and who added it; the card must still read in order after it.
   */
  async function add(input: { workDate: string; userId: string; kind: PunchKind; at: string; reason: string }, manager: StaffStamp): Promise<Timecard> {
    const when = new Date(input.at);
    if (Number.isNaN(when.getTime())) throw new AppError('VALIDATION', 'Choose the punch’s date and time.', { fields: [{ path: 'at', message: 'Not a time.' }] });
    const { punches, edits } = await read([input.workDate], input.userId);
    const card = buildTimecards(punches, edits, unsentIds())[0];
    if (!card) throw new AppError('NOT_FOUND', 'That person has no timecard on that day any more. Reload the timecards.');
    // This till's unsent punches may land anywhere in the day: adding around them could put the card out of order.
    if (card.unsent > 0) throw new AppError('CONFLICT', `${card.name}’s card has punches this till hasn’t sent to the cloud yet. Sync this till, then add the punch.`);
    if (when.getTime() > now().getTime()) throw new AppError('VALIDATION', 'A punch can’t be added in the future.', { fields: [{ path: 'at', message: 'In the future.' }] });
    const at = when.toISOString();
    const problem = addProblem(card, input.kind, at, now());
    if (problem) throw new AppError('CONFLICT', problem, { fields: [{ path: 'at', message: problem }] });
    const stamp = now().toISOString();
    const addition: PunchEdit = {
      editId: `${Date.now().toString(36)}-${randomBytes(6).toString('hex')}`,
      punchId: `${Date.now().toString(36)}-${randomBytes(6).toString('hex')}`,
      userId: input.userId,
      workDate: input.workDate,
      to: at,
      kind: input.kind,
      reason: input.reason,
      by: manager,
      at: stamp,
    };
    await putEdit(doc, tables, addition);
    return corrected(card, buildTimecards(punches, [...edits, addition], unsentIds())[0]!);
  }

  /**
   * A corrected card moves the person's standing (a forgotten clock-out added ends their stretch),
   * here at once. The correction is saved by then: a standing that can't be moved is logged, and
   * the manager is told the correction was made, as it was.
   */
  async function corrected(before: Timecard, card: Timecard): Promise<Timecard> {
    try {
      const standing = await correctStanding(doc, tables, card, before.punches.map((p) => p.punchId));
      if (standing) timeclock.learn(card.userId, standing, now().getTime());
    } catch (error) {
      log('[timeclock] a correction was saved but where the person stands could not be moved', error);
    }
    return card;
  }

  return { status, punch, list, edit, add };
}

export type TimeclockService = ReturnType<typeof createTimeclockService>;
