import fc from 'fast-check';
import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import {
  addProblem,
  buildTimecards,
  cardTotals,
  clockState,
  decimalHours,
  editProblem,
  effectivePunches,
  formatHours,
  punchProblem,
  sequenceProblem,
  type ClockState,
  type Punch,
  type PunchEdit,
  type PunchKind,
} from '../../src/shared/timecards';
import { TIMECARD_CSV_HEADER, timecardsCsv } from '../../src/shared/timecards-csv';

const MIN = 60_000;
const T0 = Date.parse('2026-12-01T08:00:00.000Z');
const by = { userId: 'm', name: 'Morgan Lee', email: 'manager@coffeecloud.dev' };

let n = 0;
const punch = (kind: PunchKind, atMs: number, userId = 'riley', workDate = '2026-12-01'): Punch => ({
  punchId: `p${String(n++).padStart(4, '0')}-000000000000`,
  userId,
  name: userId === 'riley' ? 'Riley Park' : userId,
  email: `${userId}@coffeecloud.dev`,
  kind,
  at: new Date(atMs).toISOString(),
  workDate,
  terminalId: 'T1',
});

/**
 * A valid day: stretches of in → (breakStart → breakEnd)* → out, each gap a whole number of
 * minutes, with the expected worked and break minutes counted independently of cardTotals.
 */
const stretch = fc.record({
  gapBefore: fc.integer({ min: 1, max: 120 }),
  segments: fc.array(fc.record({ work: fc.integer({ min: 1, max: 300 }), pause: fc.integer({ min: 1, max: 60 }) }), { maxLength: 4 }),
  lastWork: fc.integer({ min: 1, max: 300 }),
  endsOnBreak: fc.boolean(),
  endBreak: fc.integer({ min: 1, max: 30 }),
});
const day = fc.array(stretch, { minLength: 1, maxLength: 3 }).map((stretches) => {
  const punches: Punch[] = [];
  let t = T0;
  let worked = 0;
  let breaks = 0;
  for (const s of stretches) {
    t += s.gapBefore * MIN;
    const start = t;
    punches.push(punch('in', t));
    for (const seg of s.segments) {
      t += seg.work * MIN;
      punches.push(punch('breakStart', t));
      t += seg.pause * MIN;
      punches.push(punch('breakEnd', t));
      breaks += seg.pause;
    }
    t += s.lastWork * MIN;
    if (s.endsOnBreak) {
      punches.push(punch('breakStart', t));
      t += s.endBreak * MIN;
      breaks += s.endBreak;
    }
    punches.push(punch('out', t));
    worked += (t - start) / MIN;
  }
  return { punches, worked, breaks };
});

describe('time clock: what each punch may follow', () => {
  const cases: [ClockState, PunchKind, string | null][] = [
    ['out', 'in', null],
    ['out', 'out', 'Riley Park isn’t clocked in, so there is nothing to clock out of.'],
    ['out', 'breakStart', 'Riley Park isn’t clocked in: clock in before starting a break.'],
    ['out', 'breakEnd', 'Riley Park isn’t clocked in, so there is no break to end.'],
    ['in', 'in', 'Riley Park is already clocked in.'],
    ['in', 'breakEnd', 'Riley Park hasn’t started a break.'],
    ['in', 'breakStart', null],
    ['in', 'out', null],
    ['break', 'breakStart', 'Riley Park is already on a break.'],
    ['break', 'in', 'Riley Park is clocked in and on a break: end the break instead.'],
    ['break', 'breakEnd', null],
    ['break', 'out', null],
  ];
  it.each(cases)('from %s, %s → %s', (state, kind, message) => {
    expect(punchProblem(state, kind, 'Riley Park')).toBe(message);
  });

  it('clockState reads the last punch, whatever order they come in', () => {
    expect(clockState([])).toBe('out');
    const ps = [punch('in', T0), punch('breakStart', T0 + MIN)];
    expect(clockState(ps)).toBe('break');
    expect(clockState(ps.toReversed())).toBe('break');
    expect(clockState([...ps, punch('out', T0 + 2 * MIN)])).toBe('out');
  });
});

describe('time clock: hours (property-based)', () => {
  it('worked = Σ(out − in), breaks = Σ break lengths, paid = worked − breaks, none negative, closed', () => {
    fc.assert(
      fc.property(day, ({ punches, worked, breaks }) => {
        const totals = cardTotals(punches);
        expect(totals.workedMs).toBe(worked * MIN);
        expect(totals.breakMs).toBe(breaks * MIN);
        expect(totals.paidMs).toBe(totals.workedMs - totals.breakMs);
        expect(totals.paidMs).toBeGreaterThan(0);
        expect(totals.open).toBe(false);
        expect(sequenceProblem(punches)).toBeNull();
      }),
    );
  });

  it('the order punches arrive in changes nothing (the journal and the cloud may list them differently)', () => {
    fc.assert(
      fc.property(day, fc.func(fc.integer()), ({ punches }, key) => {
        const shuffled = [...punches].sort((a, b) => key(a.punchId) - key(b.punchId));
        expect(cardTotals(shuffled)).toEqual(cardTotals(punches));
      }),
    );
  });

  it('moving every punch by the same time changes nothing; two days side by side add up', () => {
    fc.assert(
      fc.property(day, day, fc.integer({ min: -10_000, max: 10_000 }), (a, b, shiftMin) => {
        const moved = a.punches.map((p) => ({ ...p, at: new Date(Date.parse(p.at) + shiftMin * MIN).toISOString() }));
        expect(cardTotals(moved)).toEqual(cardTotals(a.punches));
        // b after a, with a gap: the totals add.
        const lastA = Math.max(...a.punches.map((p) => Date.parse(p.at)));
        const firstB = Math.min(...b.punches.map((p) => Date.parse(p.at)));
        const later = b.punches.map((p) => ({ ...p, at: new Date(Date.parse(p.at) - firstB + lastA + MIN).toISOString() }));
        const both = cardTotals([...a.punches, ...later]);
        expect(both.workedMs).toBe(cardTotals(a.punches).workedMs + cardTotals(b.punches).workedMs);
        expect(both.breakMs).toBe(cardTotals(a.punches).breakMs + cardTotals(b.punches).breakMs);
      }),
    );
  });

  it('an open stretch counts nothing until it closes, and says so', () => {
    fc.assert(
      fc.property(day, fc.integer({ min: 1, max: 600 }), ({ punches }, later) => {
        const last = Math.max(...punches.map((p) => Date.parse(p.at)));
        const open = cardTotals([...punches, punch('in', last + later * MIN), punch('breakStart', last + (later + 5) * MIN)]);
        expect(open.open).toBe(true);
        expect(open.workedMs).toBe(cardTotals(punches).workedMs);
      }),
    );
  });

  it('formats h:mm and decimal hours', () => {
    expect(formatHours(7 * 60 * MIN + 5 * MIN)).toBe('7:05');
    expect(formatHours(0)).toBe('0:00');
    expect(decimalHours(7.5 * 60 * MIN)).toBe('7.50');
    expect(decimalHours(20 * MIN)).toBe('0.33');
  });
});

describe('time clock: a manager’s corrections', () => {
  const inP = punch('in', T0);
  const outP = punch('out', T0 + 8 * 60 * MIN);
  const edit = (to: number, at: string, editId = 'e1'): PunchEdit => ({ editId, punchId: outP.punchId, userId: 'riley', workDate: '2026-12-01', from: outP.at, to: new Date(to).toISOString(), reason: 'left late', by, at });

  it('the last edit sets the time, the first time stays on the card, and every edit is kept', () => {
    const edits = [edit(T0 + 9 * 60 * MIN, '2026-12-02T10:00:00.000Z', 'e2'), edit(T0 + 8.5 * 60 * MIN, '2026-12-02T09:00:00.000Z', 'e1')];
    const [card] = buildTimecards([inP, outP], edits);
    expect(card!.punches.find((p) => p.kind === 'out')).toMatchObject({ at: new Date(T0 + 9 * 60 * MIN).toISOString(), originalAt: outP.at, edited: true });
    expect(card!.edits.map((e) => e.editId)).toEqual(['e1', 'e2']);
    expect(card!.paidMs).toBe(9 * 60 * MIN);
    expect(effectivePunches([inP], edits)[0]!.edited).toBe(false);
  });

  it('refuses an edit that leaves the card out of order, or changes nothing', () => {
    const [card] = buildTimecards([inP, outP], []);
    expect(editProblem(card!, outP.punchId, new Date(T0 - MIN).toISOString())).toMatch(/^That edit would leave the card out of order\. The clock out at \d\d:\d\d can’t follow the start of the day\.$/);
    expect(editProblem(card!, outP.punchId, outP.at)).toMatch(/^That punch is already at/);
    expect(editProblem(card!, 'nope', outP.at)).toBe('That punch isn’t on this timecard any more. Reload the timecards.');
    expect(editProblem(card!, outP.punchId, new Date(T0 + 7 * 60 * MIN).toISOString())).toBeNull();
  });

  it('cards group by work day and person; the CSV parses back with the hours and the edit history', () => {
    const other = [punch('in', T0, 'jamie'), punch('out', T0 + 4 * 60 * MIN, 'jamie')];
    const cards = buildTimecards([outP, ...other, inP], [edit(T0 + 9 * 60 * MIN, '2026-12-02T09:00:00.000Z')]);
    expect(cards.map((c) => c.userId)).toEqual(['jamie', 'riley']);
    const parsed = Papa.parse<Record<string, string>>(timecardsCsv(cards), { header: true, skipEmptyLines: true });
    expect(parsed.meta.fields).toEqual([...TIMECARD_CSV_HEADER]);
    expect(parsed.data[1]).toMatchObject({ date: '2026-12-01', name: 'Riley Park', 'worked hours': '9.00', 'break hours': '0.00', 'paid hours': '9.00', open: 'no' });
    expect(parsed.data[1]!.edits).toMatch(/by Morgan Lee: left late$/);
    expect(parsed.data[0]).toMatchObject({ name: 'jamie', 'paid hours': '4.00' });
  });
});

describe('time clock: a manager adds a missing punch', () => {
  const NOW = new Date('2027-01-01T00:00:00.000Z');
  let e = 0;
  const addition = (kind: PunchKind, atMs: number, workDate = '2026-12-01', userId = 'riley'): PunchEdit => ({
    editId: `a${String(e++).padStart(4, '0')}-000000000000`,
    punchId: `x${String(e++).padStart(4, '0')}-000000000000`,
    userId,
    workDate,
    kind,
    to: new Date(atMs).toISOString(),
    reason: 'forgot to clock out',
    by,
    at: '2026-12-02T09:00:00.000Z',
  });
  const localDay = (iso: string) => {
    const d = new Date(iso);
    return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
  };

  it('adding back any one missing punch is allowed, puts it in order and restores the day’s hours exactly', () => {
    fc.assert(
      fc.property(day, fc.nat(), ({ punches, worked, breaks }, pick) => {
        const missing = punches[pick % punches.length]!;
        // A punch is only added on the card's own day, or (not a clock-in) the night after it: a long
        // generated day may run on past both.
        fc.pre(localDay(missing.at) === '2026-12-01' || (missing.kind !== 'in' && localDay(missing.at) === '2026-12-02'));
        const rest = punches.filter((p) => p !== missing);
        const [without] = buildTimecards(rest, []);
        expect(addProblem(without!, missing.kind, missing.at, NOW)).toBeNull();
        const add = addition(missing.kind, Date.parse(missing.at));
        const [card] = buildTimecards(rest, [add]);
        expect(card!.workedMs).toBe(worked * MIN);
        expect(card!.breakMs).toBe(breaks * MIN);
        expect(card!.open).toBe(false);
        expect(card!.problem).toBeNull();
        expect(card!.punches.map((p) => p.kind)).toEqual(punches.map((p) => p.kind));
        expect(card!.punches.filter((p) => p.added).map((p) => p.punchId)).toEqual([add.punchId]);
        expect(card!.edits).toEqual([add]);
      }),
    );
  });

  it('adding the clock-out that closes an open stretch makes it count', () => {
    fc.assert(
      fc.property(day, fc.integer({ min: 1, max: 60 }), fc.integer({ min: 1, max: 600 }), ({ punches }, gap, length) => {
        const last = Math.max(...punches.map((p) => Date.parse(p.at)));
        const inAt = last + gap * MIN;
        fc.pre(localDay(new Date(inAt + length * MIN).toISOString()) <= '2026-12-02');
        const open = [...punches, punch('in', inAt)];
        const [before] = buildTimecards(open, []);
        expect(before!.open).toBe(true);
        expect(addProblem(before!, 'out', new Date(inAt + length * MIN).toISOString(), NOW)).toBeNull();
        const [after] = buildTimecards(open, [addition('out', inAt + length * MIN)]);
        expect(after!.open).toBe(false);
        expect(after!.workedMs).toBe(before!.workedMs + length * MIN);
        expect(after!.paidMs).toBe(after!.workedMs - after!.breakMs);
      }),
    );
  });

  it('refuses a punch out of order, in the future, off the card’s day, at a taken time, or one the person’s state doesn’t allow', () => {
    const inP = punch('in', T0 + 60 * MIN);
    const breakP = punch('breakStart', T0 + 5 * 60 * MIN);
    const [card] = buildTimecards([inP, breakP], []);
    const at = (ms: number) => new Date(ms).toISOString();
    expect(addProblem(card!, 'out', at(T0), NOW)).toMatch(/^A clock out at \d\d:\d\d would come before Riley Park’s clock in at \d\d:\d\d: choose a later time\.$/);
    expect(addProblem(card!, 'in', at(T0 + 2 * 60 * MIN), NOW)).toMatch(/^At \d\d:\d\d, Riley Park is already clocked in\.$/);
    expect(addProblem(card!, 'breakEnd', at(T0 + 2 * 60 * MIN), NOW)).toMatch(/^At \d\d:\d\d, Riley Park hasn’t started a break\.$/);
    expect(addProblem(card!, 'out', at(T0 + 3 * 60 * MIN), NOW)).toMatch(/^That punch would leave the card out of order\. The start break at \d\d:\d\d can’t follow the clock out at \d\d:\d\d\.$/);
    expect(addProblem(card!, 'out', at(T0 + 8 * 60 * MIN), new Date(T0 + 7 * 60 * MIN))).toMatch(/^A punch can’t be added in the future/);
    expect(addProblem(card!, 'out', at(T0 + 3 * 24 * 60 * MIN), NOW)).toMatch(/^That time isn’t on 2026-12-01/);
    expect(addProblem(card!, 'out', breakP.at, NOW)).toMatch(/^Riley Park already has a start break at/);
    expect(addProblem(card!, 'out', 'not a time', NOW)).toBe('Choose the punch’s date and time.');
    expect(addProblem(card!, 'breakEnd', at(T0 + 6 * 60 * MIN), NOW)).toBeNull();
    expect(addProblem(card!, 'out', at(T0 + 8 * 60 * MIN), NOW)).toBeNull();
  });

  it('an added punch can be corrected later; the history and the CSV say who added it and why', () => {
    const inP = punch('in', T0);
    const add = addition('out', T0 + 9 * 60 * MIN);
    const fix: PunchEdit = { editId: 'b0000-000000000000', punchId: add.punchId, userId: 'riley', workDate: '2026-12-01', from: add.to, to: new Date(T0 + 8 * 60 * MIN).toISOString(), reason: 'left at 4', by, at: '2026-12-02T10:00:00.000Z' };
    const [card] = buildTimecards([inP], [fix, add]);
    expect(card!.punches[1]).toMatchObject({ kind: 'out', added: true, edited: true, originalAt: add.to, terminalId: 'added' });
    expect(card!.paidMs).toBe(8 * 60 * MIN);
    expect(card!.edits.map((x) => x.editId)).toEqual([add.editId, fix.editId]);
    // Another person's or another day's addition stays off this card.
    expect(buildTimecards([inP], [addition('out', T0 + MIN, '2026-12-01', 'jamie'), addition('out', T0 + MIN, '2026-12-02')])[0]!.punches).toHaveLength(1);
    const row = Papa.parse<Record<string, string>>(timecardsCsv([card!]), { header: true, skipEmptyLines: true }).data[0]!;
    expect(row['paid hours']).toBe('8.00');
    expect(row.edits).toMatch(/^Clock out \d\d:\d\d added by Morgan Lee: forgot to clock out; \d\d:\d\d → \d\d:\d\d by Morgan Lee: left at 4$/);
    expect(row.punches).toMatch(/Clock out \d\d:\d\d \(added\) \(was \d\d:\d\d\)$/);
  });
});

describe('time clock: the till’s journal', () => {
  it('compaction keeps every unsent punch and each person’s punches from the last that says where they stand (a clock-in or -out); replayed, everyone stands where they did', async () => {
    const { applyRecord, snapshot } = await import('../../src/main/sync/records');
    const { createTillState } = await import('../../src/main/sync/state');
    const { timeclockJournal } = await import('../../src/main/sync/timeclock');
    const state = createTillState();
    const yesterday = [punch('in', T0 - 86_400_000, 'jamie', '2026-11-30'), punch('out', T0 - 80_000_000, 'jamie', '2026-11-30')];
    const rileyIn = punch('in', T0);
    const rileyBreak = punch('breakStart', T0 + 60 * MIN);
    const jamieToday = punch('in', T0 + 5 * MIN, 'jamie');
    const alexOut = [punch('in', T0, 'alex'), punch('out', T0 + 10 * MIN, 'alex')];
    for (const p of [...yesterday, rileyIn, rileyBreak, jamieToday, ...alexOut]) applyRecord(state, { t: 'punch', punch: p });
    applyRecord(state, { t: 'synced', ids: [...yesterday, rileyIn, ...alexOut].map((p) => `punch:${p.punchId}`), at: rileyIn.at });
    applyRecord(state, { t: 'parked', id: `punch:${jamieToday.punchId}`, reason: 'refused', at: rileyIn.at });

    const replayed = createTillState();
    for (const r of snapshot(state, () => new Date('2026-12-01T12:00:00Z'))) applyRecord(replayed, r);
    // Jamie's synced day before is the cloud's now, and so is Alex's clock-in before the clock-out
    // that says Alex is out; everything else stays, with its sync state.
    expect([...replayed.punches.keys()]).toEqual([rileyIn, rileyBreak, jamieToday, alexOut[1]!].map((p) => p.punchId));
    expect([...replayed.punches.values()].map((p) => p.state)).toEqual(['synced', 'pending', 'parked', 'synced']);
    const clock = timeclockJournal(replayed, async () => {}, () => {});
    expect(clock.standing('riley')).toEqual({ state: 'break', since: rileyBreak.at, workDate: '2026-12-01' });
    expect(clock.standing('jamie').state).toBe('in');
    expect(clock.standing('alex').state).toBe('out');
    expect(clock.unsent().map((p) => p.punchId)).toEqual([rileyBreak.punchId, jamieToday.punchId]);
  });

  it('a break taken here after a clock-in on another till keeps that clock-in, through compaction and a restart, and the cloud’s later punch wins over an older one here', async () => {
    const { applyRecord, snapshot } = await import('../../src/main/sync/records');
    const { createTillState } = await import('../../src/main/sync/state');
    const { timeclockJournal } = await import('../../src/main/sync/timeclock');
    const state = createTillState();
    const clock = timeclockJournal(state, async (r) => applyRecord(state, r), () => {});
    const person = { userId: 'riley', name: 'Riley Park', email: 'riley@coffeecloud.dev' };
    const inAtBar = '2026-12-01T08:00:00.000Z';
    // Nothing here yet: a clock-out would be refused. The cloud says Riley clocked in at the bar.
    await expect(clock.punch(person, 'out', new Date('2026-12-01T09:00:00Z'), '2026-12-01', 'T2')).rejects.toThrow('Riley Park isn’t clocked in, so there is nothing to clock out of.');
    clock.learn('riley', { punchId: 'bar-1', kind: 'in', at: inAtBar, workDate: '2026-12-01', inAt: inAtBar }, 0);
    expect(clock.standing('riley')).toEqual({ state: 'in', since: inAtBar, workDate: '2026-12-01' });
    await clock.punch(person, 'breakStart', new Date('2026-12-01T10:00:00Z'), '2026-12-01', 'T2');
    await clock.punch(person, 'breakEnd', new Date('2026-12-01T10:15:00Z'), '2026-12-01', 'T2');
    expect(clock.unsent().map((p) => [p.kind, 'inAt' in p])).toEqual([['breakStart', false], ['breakEnd', false]]);
    // Sent, compacted and restarted (what it learned is gone): the journal still holds the break
    // and says which clock-in it followed, though Riley never clocked in on this till.
    applyRecord(state, { t: 'synced', ids: [...state.punches.keys()].map((id) => `punch:${id}`), at: '2026-12-01T10:16:00Z' });
    const replayed = createTillState();
    for (const r of snapshot(state, () => new Date('2026-12-01T12:00:00Z'))) applyRecord(replayed, r);
    expect([...replayed.punches.values()].map((p) => p.kind)).toEqual(['breakEnd']);
    const after = timeclockJournal(replayed, async (r) => applyRecord(replayed, r), () => {});
    expect(after.standing('riley')).toEqual({ state: 'in', since: inAtBar, workDate: '2026-12-01' });
    // A clock-out on another till, later than anything here, is where Riley stands now.
    after.learn('riley', { punchId: 'bar-2', kind: 'out', at: '2026-12-01T16:00:00.000Z', workDate: '2026-12-01', inAt: null }, 0);
    expect(after.standing('riley')).toEqual({ state: 'out', since: null, workDate: null });
    // An older standing from the cloud changes nothing about a later punch here.
    after.learn('riley', { punchId: 'bar-1', kind: 'in', at: inAtBar, workDate: '2026-12-01', inAt: inAtBar }, 0);
    expect(after.standing('riley')).toEqual({ state: 'in', since: inAtBar, workDate: '2026-12-01' });
  });

  it('a break here follows the clock-in of its own stretch, not this till’s clock-in of a stretch closed elsewhere', async () => {
    const { applyRecord } = await import('../../src/main/sync/records');
    const { createTillState } = await import('../../src/main/sync/state');
    const { timeclockJournal } = await import('../../src/main/sync/timeclock');
    const state = createTillState();
    const clock = timeclockJournal(state, async (r) => applyRecord(state, r), () => {});
    const person = { userId: 'jamie', name: 'Jamie Cruz', email: 'barista@coffeecloud.dev' };
    await clock.punch(person, 'in', new Date('2026-12-01T08:00:00Z'), '2026-12-01', 'BAR');
    // Out at the window at noon, back in there at 13:00: the bar learns it from the cloud.
    const inAtWindow = '2026-12-01T13:00:00.000Z';
    clock.learn('jamie', { punchId: 'win-2', kind: 'in', at: inAtWindow, workDate: '2026-12-01', inAt: inAtWindow }, 0);
    await clock.punch(person, 'breakStart', new Date('2026-12-01T15:00:00Z'), '2026-12-01', 'BAR');
    await clock.punch(person, 'breakEnd', new Date('2026-12-01T15:15:00Z'), '2026-12-01', 'BAR');
    // The bar goes offline and forgets what it learned: Jamie has been in since 13:00, not 8:00.
    const offline = timeclockJournal(state, async (r) => applyRecord(state, r), () => {});
    expect(offline.standing('jamie')).toEqual({ state: 'in', since: inAtWindow, workDate: '2026-12-01' });
  });

  it('a stretch that crosses midnight stays on the day it started; a refused punch journals nothing', async () => {
    const { createTillState } = await import('../../src/main/sync/state');
    const { applyRecord } = await import('../../src/main/sync/records');
    const { timeclockJournal } = await import('../../src/main/sync/timeclock');
    const state = createTillState();
    const written: unknown[] = [];
    const clock = timeclockJournal(state, async (r) => {
      written.push(r);
      applyRecord(state, r);
    }, () => {});
    const person = { userId: 'riley', name: 'Riley Park', email: 'riley@coffeecloud.dev' };
    await clock.punch(person, 'in', new Date('2026-12-01T22:00:00Z'), '2026-12-01', 'T1');
    const out = await clock.punch(person, 'out', new Date('2026-12-02T02:00:00Z'), '2026-12-02', 'T1');
    expect(out.workDate).toBe('2026-12-01');
    await expect(clock.punch(person, 'out', new Date('2026-12-02T02:01:00Z'), '2026-12-02', 'T1')).rejects.toThrow('Riley Park isn’t clocked in, so there is nothing to clock out of.');
    expect(written).toHaveLength(2);
    const next = await clock.punch(person, 'in', new Date('2026-12-02T09:00:00Z'), '2026-12-02', 'T1');
    expect(next.workDate).toBe('2026-12-02');
  });

  it('a clock-out forgotten overnight doesn’t stop the next day’s clock-in; that stretch stays open on its own day', async () => {
    const { createTillState } = await import('../../src/main/sync/state');
    const { applyRecord } = await import('../../src/main/sync/records');
    const { timeclockJournal } = await import('../../src/main/sync/timeclock');
    const state = createTillState();
    const clock = timeclockJournal(state, async (r) => applyRecord(state, r), () => {});
    const person = { userId: 'riley', name: 'Riley Park', email: 'riley@coffeecloud.dev' };
    await clock.punch(person, 'in', new Date('2026-12-01T09:00:00Z'), '2026-12-01', 'T1');
    // Still in at 23:00 (a long day): a second clock-in is refused.
    await expect(clock.punch(person, 'in', new Date('2026-12-01T23:00:00Z'), '2026-12-01', 'T1')).rejects.toThrow('Riley Park is already clocked in.');
    // Next morning, 24 hours on: a new stretch on the new day.
    const next = await clock.punch(person, 'in', new Date('2026-12-02T09:00:00Z'), '2026-12-02', 'T1');
    expect(next.workDate).toBe('2026-12-02');
    expect(clock.standing('riley', new Date('2026-12-02T09:01:00Z'))).toMatchObject({ state: 'in', workDate: '2026-12-02' });
    const cards = buildTimecards(clock.unsent(), [], new Set());
    expect(cards.map((c) => [c.workDate, c.open])).toEqual([
      ['2026-12-01', true],
      ['2026-12-02', true],
    ]);
  });
});
