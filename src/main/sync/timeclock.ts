import { randomBytes } from 'node:crypto';
import { AppError } from '../../shared/result';
import { clockState, punchProblem, type ClockState, type Punch, type PunchKind } from '../../shared/timecards';
import type { JournalRecord } from './journal';
import type { CloudStanding } from './kinds/punch';
import type { TillState } from './state';

export interface ClockStanding {
  state: ClockState;
  /** When the current state began (the clock-in, or the break's start); null when out. */
  since: string | null;
  /** The work day the open stretch belongs to; null when out. */
  workDate: string | null;
}

/**
 * The time clock as this till knows it: every punch is journaled (durably, before the answer) and
 * then sent by the sync worker, so clocking in works offline. Where someone stands is derived from
 * the punches this till holds and from what it last learned of the cloud's standing (a punch on
 * another till, a manager's correction), whichever is later; a punch that makes no sense from
 * there is refused, named.
 */
/** Longer than any shift and its breaks, shorter than the gap to the next day's opening. */
export const FORGOTTEN_AFTER_MS = 16 * 60 * 60 * 1000;

/** Someone's latest punch and the clock-in of its stretch, from wherever they were heard. */
interface Latest {
  last: Pick<Punch, 'kind' | 'at' | 'workDate'> | null;
  inAt: string | null;
}

export function timeclockJournal(state: TillState, record: (r: JournalRecord) => Promise<void>, sent: () => void) {
  /** The cloud's standing per person as last read, and when (ms): memory only, read again when wanted. */
  const learned = new Map<string, { standing: CloudStanding | null; atMs: number }>();

  /**
   * Someone's last punch and last clock-in on this till, in one pass and without copying: this
   * till's punches are kept in the order they were made, each later than the one before (punch()
   * below), so the last one seen is the latest. A busy till holds every punch of the day. Then the
   * cloud's standing, where it is later: it was punched on another till, or a manager corrected it.
   */
  function latestOf(userId: string): Latest {
    let last: (Punch & { inAt?: string }) | null = null;
    let lastIn: Punch | null = null;
    for (const p of state.punches.values()) {
      if (p.userId !== userId) continue;
      last = p;
      if (p.kind === 'in') lastIn = p;
    }
    // A break says which clock-in it follows (wherever that was punched); this till's own last
    // clock-in may be of an earlier stretch, closed on another till: the later of the two is it.
    const local: Latest = { last, inAt: later(lastIn?.at ?? null, last?.inAt ?? null) };
    const cloud = learned.get(userId)?.standing;
    if (!cloud) return local;
    if (!last || cloud.at > last.at) return { last: cloud, inAt: later(cloud.inAt, lastIn && lastIn.at <= cloud.at ? lastIn.at : null) };
    // This till's punch is the later one; a stretch begun elsewhere and still open is its stretch.
    return { last, inAt: later(local.inAt, cloud.kind === 'out' ? null : cloud.inAt) };
  }

  /**
   * Where someone stands, at `at` when given: a stretch left open longer than FORGOTTEN_AFTER_MS is
   * a forgotten clock-out, not a 20-hour shift. It stays open on its own day's card for a manager
   * to add the clock-out (Timecards), and it no longer stops today's clock-in.
   */
  function standingFrom({ last, inAt }: Latest, at?: Date): ClockStanding {
    const now = clockState(last ? [last] : []);
    if (now === 'out' || !last) return { state: 'out', since: null, workDate: null };
    if (at && at.getTime() - Date.parse(last.at) > FORGOTTEN_AFTER_MS) return { state: 'out', since: null, workDate: null };
    return { state: now, since: now === 'break' ? last.at : (inAt ?? last.at), workDate: last.workDate };
  }
  const standing = (userId: string, at?: Date): ClockStanding => standingFrom(latestOf(userId), at);

  return {
    standing,

    /** Punches the cloud doesn't have yet, for the manager's timecards read on this till. */
    unsent: (): Punch[] => [...state.punches.values()].filter((p) => p.state !== 'synced').map(({ state: _s, problem: _p, inAt: _i, ...punch }) => punch),

    /** What the cloud says of someone's standing (null: nothing yet), as just read. */
    learn(userId: string, standing: CloudStanding | null, atMs: number): void {
      learned.set(userId, { standing, atMs });
    },

    /** When the cloud's standing for someone was last read (ms), or null if never. */
    learnedAt: (userId: string): number | null => learned.get(userId)?.atMs ?? null,

    /**
     * One punch, refused unless it follows from where the person stands. `at` never goes back past
     * their last punch: two punches in one millisecond still read in the order they were made.
     */
    async punch(person: { userId: string; name: string; email: string }, kind: PunchKind, at: Date, businessDate: string, terminalId: string): Promise<Punch> {
      const latest = latestOf(person.userId);
      const now = standingFrom(latest, at);
      const problem = punchProblem(now.state, kind, person.name);
      if (problem) throw new AppError('CONFLICT', problem);
      let iso = at.toISOString();
      const last = latest.last?.at ?? '';
      if (iso <= last) iso = new Date(Date.parse(last) + 1).toISOString();
      const punch: Punch = {
        punchId: `${Date.now().toString(36)}-${randomBytes(6).toString('hex')}`,
        ...person,
        kind,
        at: iso,
        workDate: now.workDate ?? businessDate,
        terminalId,
      };
      // Only a break needs to say which clock-in it follows; a clock-in or -out says it by itself.
      const inAt = kind === 'breakStart' || kind === 'breakEnd' ? latest.inAt : null;
      await record({ t: 'punch', punch, ...(inAt && { inAt }) });
      sent();
      return punch;
    },
  };
}

export type TimeclockJournal = ReturnType<typeof timeclockJournal>;

const later = (a: string | null, b: string | null): string | null => (a && b ? (a > b ? a : b) : (a ?? b));
