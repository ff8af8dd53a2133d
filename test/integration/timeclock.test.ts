import { GetCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { ulid } from 'ulid';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { BackendConfig } from '../../src/main/config';
import type { Runtime } from '../../src/main/runtime';
import { STORE_ID } from '../../src/shared/shift';
import { businessDateOf } from '../../src/shared/orders';
import type { Timecard } from '../../src/shared/timecards';
import { timecardsCsv } from '../../src/shared/timecards-csv';
import { DEMO, aroundSend, clients, freshCafe, till, unplugged, ok } from './helpers';

/**
 * The time clock on one shared till: staff punch with their PIN (from the lock screen or the
 * header, one channel), each punch journaled and then put in the Timecards table by the sync
 * worker, offline too. Managers read the cards a day at a time and correct a punch with a reason
 * that stays on the card.
 */
let config: BackendConfig;
let runtime: Runtime;
const cable = { cut: false };
const counter = { sessionKey: `till-${ulid()}` };
const office = { sessionKey: `office-${ulid()}` };

type Answer<T> = { ok: true; data: T } | { ok: false; error: { code: string; message: string; details?: { fields?: { path: string; message: string }[] } } };
async function refused<T>(result: Promise<Answer<T>>) {
  const r = await result;
  if (r.ok) throw new Error('expected a refusal');
  return r.error;
}

const punch = (email: string, pin: string, kind: 'in' | 'breakStart' | 'breakEnd' | 'out', extra: { despiteOpenShift?: boolean } = {}) =>
  runtime.dispatch('timeclock.punch', { email, pin, kind, ...extra }, counter);

async function cloudItems(workDate: string) {
  const { Items = [] } = await clients().doc.send(
    new QueryCommand({ TableName: config.tables.Timecards, KeyConditionExpression: 'storeDate = :d', ExpressionAttributeValues: { ':d': `${STORE_ID}#${workDate}` }, ConsistentRead: true }),
  );
  return Items;
}

const today = () => businessDateOf(new Date());
const cardOf = (cards: Timecard[], name: string) => cards.find((c) => c.name === name);

beforeAll(async () => {
  config = await freshCafe();
  runtime = till(config, { landed: false, wrapDb: (doc) => unplugged(doc, cable) });
  // Demo PINs: Jamie 1357, Riley 9753, Alex (shipper) 8642; the manager signs in at the office till.
  for (const email of [DEMO.barista, DEMO.shipper, DEMO.riley]) await ok(runtime.dispatch('auth.signIn', { email, password: DEMO.password }, counter));
  await ok(runtime.dispatch('auth.signIn', { email: DEMO.manager, password: DEMO.password }, office));
});

afterEach(() => {
  cable.cut = false;
});

describe('punching with a PIN', () => {
  it('Riley clocks in, takes a break and clocks out; each punch lands in the Timecards table once', async () => {
    const first = await ok(punch(DEMO.riley, '9753', 'in'));
    expect(first.message).toMatch(/^Riley Park clocked in at \d\d:\d\d\.$/);
    expect(first.status.find((s) => s.name === 'Riley Park')).toMatchObject({ state: 'in' });
    await ok(punch(DEMO.riley, '9753', 'breakStart'));
    expect((await ok(runtime.dispatch('timeclock.status', {}, counter))).find((s) => s.name === 'Riley Park')).toMatchObject({ state: 'break' });
    await ok(punch(DEMO.riley, '9753', 'breakEnd'));
    const out = await ok(punch(DEMO.riley, '9753', 'out'));
    expect(out.status.find((s) => s.name === 'Riley Park')).toMatchObject({ state: 'out', since: null });
    await runtime.sync.idle();
    const items = (await cloudItems(today())).filter((i) => i.email === DEMO.riley);
    expect(items.map((i) => i.kind)).toEqual(['in', 'breakStart', 'breakEnd', 'out']);
    expect(items[0]).toMatchObject({ storeDate: `${STORE_ID}#${today()}`, name: 'Riley Park', terminalId: 'T1', workDate: today() });
    expect(String(items[0]!.entryId)).toMatch(new RegExp(`^${String(items[0]!.userId)}#P#`));
  });

  it('a shipper punches too: sent with the shipper’s own credentials', async () => {
    await ok(punch(DEMO.shipper, '8642', 'in'));
    await runtime.sync.idle();
    expect((await cloudItems(today())).some((i) => i.email === DEMO.shipper && i.kind === 'in')).toBe(true);
    await ok(punch(DEMO.shipper, '8642', 'out'));
    await runtime.sync.idle();
  });

  it('refuses nonsense, naming it, and writes nothing', async () => {
    const before = (await cloudItems(today())).length;
    expect((await refused(punch(DEMO.barista, '1357', 'out'))).message).toBe('Jamie Cruz isn’t clocked in, so there is nothing to clock out of.');
    expect((await refused(punch(DEMO.barista, '1357', 'breakStart'))).message).toBe('Jamie Cruz isn’t clocked in: clock in before starting a break.');
    expect((await refused(punch(DEMO.barista, '1357', 'breakEnd'))).message).toBe('Jamie Cruz isn’t clocked in, so there is no break to end.');
    await ok(punch(DEMO.barista, '1357', 'in'));
    const twice = await refused(punch(DEMO.barista, '1357', 'in'));
    expect(twice).toMatchObject({ code: 'CONFLICT', message: 'Jamie Cruz is already clocked in.' });
    expect((await refused(punch(DEMO.barista, '1357', 'breakEnd'))).message).toBe('Jamie Cruz hasn’t started a break.');
    await ok(punch(DEMO.barista, '1357', 'out'));
    await runtime.sync.idle();
    expect((await cloudItems(today())).length).toBe(before + 2);
  });

  it('a wrong PIN says how many tries are left; someone not signed in here is sent to sign in', async () => {
    const wrong = await refused(punch(DEMO.riley, '0000', 'in'));
    expect(wrong).toMatchObject({ code: 'UNAUTHENTICATED' });
    expect(wrong.message).toBe('Wrong PIN. 4 tries left, then Riley Park must sign in with their password.');
    await ok(punch(DEMO.riley, '9753', 'in'));
    await ok(punch(DEMO.riley, '9753', 'out'));
    const stranger = await refused(punch(DEMO.manager, '2468', 'in'));
    expect(stranger.message).toBe('That person isn’t signed in on this till. Sign in with your email and password first, then use the time clock with your PIN.');
    expect((await refused(runtime.dispatch('timeclock.punch', { email: DEMO.riley, pin: '12', kind: 'in' }, counter))).code).toBe('VALIDATION');
  });

  it('clocking out with your shift still open on this till warns first; clocking out anyway goes through', async () => {
    await ok(runtime.dispatch('auth.unlock', { email: DEMO.riley, pin: '9753' }, counter));
    await ok(punch(DEMO.riley, '9753', 'in'));
    await ok(runtime.dispatch('shift.open', { float: { totalCents: 10_000 } }, counter));
    const warned = await refused(punch(DEMO.riley, '9753', 'out'));
    expect(warned.code).toBe('CONFLICT');
    expect(warned.message).toMatch(/^Riley Park, your shift on till T1 \(opened at \d\d:\d\d\) is still open\. Close it on the Drawer screen before you leave, or clock out anyway\.$/);
    expect(warned.details?.fields?.[0]?.path).toBe('despiteOpenShift');
    // Someone else's clock-out isn't held up by Riley's shift.
    await ok(punch(DEMO.barista, '1357', 'in'));
    await ok(punch(DEMO.barista, '1357', 'out'));
    await ok(punch(DEMO.riley, '9753', 'out', { despiteOpenShift: true }));
    await runtime.sync.idle();
  });
});

describe('offline', () => {
  it('punches with the database unreachable, keeps them in the journal, and sends them once it is back', async () => {
    const jamieBefore = (await cloudItems(today())).filter((i) => i.email === DEMO.barista).length;
    cable.cut = true;
    await ok(punch(DEMO.barista, '1357', 'in'));
    await ok(punch(DEMO.barista, '1357', 'breakStart'));
    expect((await ok(runtime.dispatch('timeclock.status', {}, counter))).find((s) => s.name === 'Jamie Cruz')).toMatchObject({ state: 'break' });
    await ok(punch(DEMO.barista, '1357', 'breakEnd'));
    await ok(punch(DEMO.barista, '1357', 'out'));
    // The manager's read needs the cloud: it says so rather than showing a short card.
    expect((await refused(runtime.dispatch('timecards.list', { from: today(), to: today() }, office))).code).toBe('OFFLINE');
    // The header and the sign-out warning count them with the orders.
    expect(runtime.sync.status().pendingPunches).toBe(4);
    cable.cut = false;
    await runtime.sync.syncNow();
    await runtime.sync.idle();
    const jamie = (await cloudItems(today())).filter((i) => i.email === DEMO.barista);
    expect(jamie.length).toBe(jamieBefore + 4);
    expect(jamie.slice(-4).map((i) => i.kind)).toEqual(['in', 'breakStart', 'breakEnd', 'out']);
    expect(runtime.sync.status().pendingPunches).toBe(0);
  });

  it('a till restarted before sending still knows who is clocked in, and sends the punch', async () => {
    const dataDir = (await import('node:fs')).mkdtempSync((await import('node:path')).join((await import('node:os')).tmpdir(), 'coffee-till-'));
    const cut = { cut: true };
    const first = till(config, { landed: false, dataDir, wrapDb: (doc) => unplugged(doc, cut) });
    const key = { sessionKey: `restart-${ulid()}` };
    await ok(first.dispatch('auth.signIn', { email: DEMO.riley, password: DEMO.password }, key));
    await ok(first.dispatch('timeclock.punch', { email: DEMO.riley, pin: '9753', kind: 'in' }, key));
    await first.stop();
    cut.cut = false;
    const second = till(config, { landed: false, dataDir });
    await ok(second.dispatch('auth.signIn', { email: DEMO.riley, password: DEMO.password }, key));
    const again = await refused(second.dispatch('timeclock.punch', { email: DEMO.riley, pin: '9753', kind: 'in' }, key));
    expect(again.message).toBe('Riley Park is already clocked in.');
    await ok(second.dispatch('timeclock.punch', { email: DEMO.riley, pin: '9753', kind: 'out' }, key));
    await second.sync.idle();
    await second.stop();
  });
});

describe('timecards for managers', () => {
  it('lists cards by person and day with hours worked minus breaks', async () => {
    // The manager punches at the office till: sent with the manager's own credentials.
    for (const kind of ['in', 'out'] as const) await ok(runtime.dispatch('timeclock.punch', { email: DEMO.manager, pin: '2468', kind }, office));
    await runtime.sync.idle();
    const cards = await ok(runtime.dispatch('timecards.list', { from: today(), to: today() }, office));
    const riley = cardOf(cards, 'Riley Park')!;
    expect(riley.punches.map((p) => p.kind).slice(0, 4)).toEqual(['in', 'breakStart', 'breakEnd', 'out']);
    expect(riley.paidMs).toBe(riley.workedMs - riley.breakMs);
    expect(riley.open).toBe(false);
    expect(cardOf(cards, 'Alex Kim')).toBeDefined();
    expect(cardOf(cards, 'Morgan Lee')?.punches.map((p) => p.kind)).toEqual(['in', 'out']);
    expect((await refused(runtime.dispatch('timecards.list', { from: '2026-01-01', to: '2026-03-01' }, office))).message).toMatch(/at most 31/);
  });

  it('a correction needs a reason, is checked, and stays on the card as history; the punch itself is never overwritten', async () => {
    const cards = await ok(runtime.dispatch('timecards.list', { from: today(), to: today() }, office));
    const riley = cardOf(cards, 'Riley Park')!;
    const out = riley.punches.find((p) => p.kind === 'out')!;
    const inP = riley.punches.find((p) => p.kind === 'in')!;
    const base = { workDate: riley.workDate, userId: riley.userId, punchId: out.punchId };
    expect((await refused(runtime.dispatch('timecards.edit', { ...base, at: out.at, reason: '' }, office))).message).toBe('Give a reason for the change (at least 3 characters).');
    const backwards = await refused(runtime.dispatch('timecards.edit', { ...base, at: new Date(Date.parse(inP.at) - 60_000).toISOString(), reason: 'typo' }, office));
    expect(backwards.message).toMatch(/^That edit would leave the card out of order\./);
    expect((await refused(runtime.dispatch('timecards.edit', { ...base, at: new Date(Date.now() + 3_600_000).toISOString(), reason: 'typo' }, office))).message).toBe('A punch can’t be moved into the future.');
    const earlier = new Date(Date.parse(out.at) - 1).toISOString();
    const edited = await ok(runtime.dispatch('timecards.edit', { ...base, at: earlier, reason: 'left a moment earlier' }, office));
    expect(edited.edits).toHaveLength(1);
    expect(edited.edits[0]).toMatchObject({ from: out.at, to: earlier, reason: 'left a moment earlier', by: { name: 'Morgan Lee' } });
    expect(edited.punches.find((p) => p.punchId === out.punchId)).toMatchObject({ at: earlier, originalAt: out.at, edited: true });
    // Read back from the cloud: the punch item still says what the till recorded.
    const items = await cloudItems(riley.workDate);
    expect(items.find((i) => i.punchId === out.punchId && i.kind === 'out')!.at).toBe(out.at);
    expect(items.filter((i) => typeof i.reason === 'string')).toHaveLength(1);
    const again = await ok(runtime.dispatch('timecards.list', { from: today(), to: today() }, office));
    expect(cardOf(again, 'Riley Park')!.edits.map((e) => e.reason)).toEqual(['left a moment earlier']);
  });

  it('a forgotten clock-out is added with a reason: checked, in order on the card and its CSV row, and a new item beside the punches', async () => {
    await ok(punch(DEMO.riley, '9753', 'in'));
    await runtime.sync.idle();
    const open = cardOf(await ok(runtime.dispatch('timecards.list', { from: today(), to: today() }, office)), 'Riley Park')!;
    expect(open.open).toBe(true);
    const inP = open.punches.at(-1)!;
    const base = { workDate: open.workDate, userId: open.userId };
    const punchesBefore = (await cloudItems(open.workDate)).filter((i) => String(i.entryId).includes('#P#')).length;
    const editsBefore = (await cloudItems(open.workDate)).filter((i) => typeof i.reason === 'string').length;
    const after = (ms: number) => new Date(Date.parse(inP.at) + ms).toISOString();

    expect((await refused(runtime.dispatch('timecards.add', { ...base, kind: 'out', at: after(1), reason: ' ' }, office))).message).toBe('Give a reason for the added punch (at least 3 characters).');
    const before = await refused(runtime.dispatch('timecards.add', { ...base, kind: 'out', at: new Date(Date.parse(open.punches[0]!.at) - 1).toISOString(), reason: 'forgot' }, office));
    expect(before).toMatchObject({ code: 'CONFLICT' });
    expect(before.message).toMatch(/^A clock out at \d\d:\d\d would come before Riley Park’s clock in at \d\d:\d\d: choose a later time\.$/);
    expect(before.details?.fields?.[0]?.path).toBe('at');
    expect((await refused(runtime.dispatch('timecards.add', { ...base, kind: 'in', at: after(1), reason: 'forgot' }, office))).message).toMatch(/^At \d\d:\d\d, Riley Park is already clocked in\.$/);
    expect((await refused(runtime.dispatch('timecards.add', { ...base, kind: 'out', at: new Date(Date.now() + 3_600_000).toISOString(), reason: 'forgot' }, office))).message).toBe('A punch can’t be added in the future.');
    expect((await refused(runtime.dispatch('timecards.add', { ...base, userId: 'nobody', kind: 'out', at: after(1), reason: 'forgot' }, office))).code).toBe('NOT_FOUND');

    const closed = await ok(runtime.dispatch('timecards.add', { ...base, kind: 'out', at: after(1), reason: 'forgot to clock out' }, office));
    expect(closed.open).toBe(false);
    expect(closed.workedMs).toBe(open.workedMs + 1);
    expect(closed.problem).toBeNull();
    expect(closed.punches.at(-1)).toMatchObject({ kind: 'out', at: after(1), added: true, terminalId: 'added' });
    expect(closed.edits.at(-1)).toMatchObject({ kind: 'out', to: after(1), reason: 'forgot to clock out', by: { name: 'Morgan Lee' } });
    expect(closed.edits.at(-1)!.from).toBeUndefined();
    // The till Riley forgot on had them clocked in from its own punch: it now goes by the manager's clock-out.
    expect((await ok(runtime.dispatch('timeclock.status', {}, counter))).find((s) => s.name === 'Riley Park')).toMatchObject({ state: 'out', since: null });
    // Read back from the cloud: one new item, no `from`, and no punch item written or changed.
    const items = await cloudItems(open.workDate);
    expect(items.filter((i) => String(i.entryId).includes('#P#'))).toHaveLength(punchesBefore);
    const added = items.filter((i) => typeof i.reason === 'string');
    expect(added).toHaveLength(editsBefore + 1);
    expect(added.find((i) => i.reason === 'forgot to clock out')).not.toHaveProperty('from');
    const again = cardOf(await ok(runtime.dispatch('timecards.list', { from: today(), to: today() }, office)), 'Riley Park')!;
    expect(again).toEqual(closed);
    expect(timecardsCsv([again])).toMatch(/Clock out \d\d:\d\d added by Morgan Lee: forgot to clock out/);
    // The added punch is a punch like any other: a correction moves it.
    const moved = await ok(runtime.dispatch('timecards.edit', { ...base, punchId: closed.punches.at(-1)!.punchId, at: after(2), reason: 'a moment later' }, office));
    expect(moved.workedMs).toBe(open.workedMs + 2);
  });

  it('only a manager reads or corrects timecards', async () => {
    await ok(runtime.dispatch('auth.unlock', { email: DEMO.barista, pin: '1357' }, counter));
    expect((await refused(runtime.dispatch('timecards.list', { from: today(), to: today() }, counter))).code).toBe('FORBIDDEN');
    const add = { workDate: today(), userId: 'x', kind: 'out', at: new Date().toISOString(), reason: 'forgot to clock out' } as const;
    expect((await refused(runtime.dispatch('timecards.add', add, counter))).code).toBe('FORBIDDEN');
  });
});

describe('one person, two tills', () => {
  it('Jamie clocks in at the bar and out at the window: each till reads where Jamie stands from the cloud', async () => {
    const bar = till(config, { landed: false, terminalId: 'BAR' });
    const window = till(config, { landed: false, terminalId: 'WIN' });
    const atBar = { sessionKey: `bar-${ulid()}` };
    const atWindow = { sessionKey: `window-${ulid()}` };
    await ok(bar.dispatch('auth.signIn', { email: DEMO.barista, password: DEMO.password }, atBar));
    // Alex (a shipper) is signed in at the window too: the time clock reads each person's standing as them.
    for (const email of [DEMO.barista, DEMO.shipper]) await ok(window.dispatch('auth.signIn', { email, password: DEMO.password }, atWindow));
    const jamieAt = async (t: Runtime, key: { sessionKey: string }) => (await ok(t.dispatch('timeclock.status', {}, key))).find((s) => s.name === 'Jamie Cruz');

    const clockedIn = await ok(bar.dispatch('timeclock.punch', { email: DEMO.barista, pin: '1357', kind: 'in' }, atBar));
    await bar.sync.idle();
    expect(await jamieAt(window, atWindow)).toEqual(expect.objectContaining({ state: 'in', since: clockedIn.punch.at }));

    // A break on the window till keeps the stretch the bar began: "in since" is still the bar's clock-in.
    await ok(window.dispatch('timeclock.punch', { email: DEMO.barista, pin: '1357', kind: 'breakStart' }, atWindow));
    const back = await ok(window.dispatch('timeclock.punch', { email: DEMO.barista, pin: '1357', kind: 'breakEnd' }, atWindow));
    expect(back.status.find((s) => s.name === 'Jamie Cruz')).toEqual(expect.objectContaining({ state: 'in', since: clockedIn.punch.at }));
    const out = await ok(window.dispatch('timeclock.punch', { email: DEMO.barista, pin: '1357', kind: 'out' }, atWindow));
    expect(out.message).toMatch(/^Jamie Cruz clocked out at \d\d:\d\d\.$/);
    await window.sync.idle();
    expect(await jamieAt(bar, atBar)).toEqual(expect.objectContaining({ state: 'out', since: null }));

    // The card has the whole stretch, from both tills, in order.
    const card = cardOf(await ok(runtime.dispatch('timecards.list', { from: today(), to: today() }, office)), 'Jamie Cruz')!;
    expect(card.punches.slice(-4).map((p) => `${p.kind}@${p.terminalId}`)).toEqual(['in@BAR', 'breakStart@WIN', 'breakEnd@WIN', 'out@WIN']);
    expect(card.problem).toBeNull();
  });

  it('a punch sent late from an offline till never takes back a later one', async () => {
    const cut = { cut: true };
    const offline = till(config, { landed: false, terminalId: 'OFF', wrapDb: (doc) => unplugged(doc, cut) });
    const online = till(config, { landed: false, terminalId: 'ON' });
    const atOffline = { sessionKey: `off-${ulid()}` };
    const atOnline = { sessionKey: `on-${ulid()}` };
    await ok(online.dispatch('auth.signIn', { email: DEMO.riley, password: DEMO.password }, atOnline));
    cut.cut = false;
    await ok(offline.dispatch('auth.signIn', { email: DEMO.riley, password: DEMO.password }, atOffline));
    cut.cut = true;
    // Offline, the till goes by its own punches: Riley clocks in there, and it can't be sent.
    expect((await ok(offline.dispatch('timeclock.status', {}, atOffline))).find((s) => s.name === 'Riley Park')).toMatchObject({ state: 'out' });
    await ok(offline.dispatch('timeclock.punch', { email: DEMO.riley, pin: '9753', kind: 'in' }, atOffline));
    // Later, on the other till, Riley clocks in and out (that till doesn't know of the offline one's punch).
    const { punch: later } = await ok(online.dispatch('timeclock.punch', { email: DEMO.riley, pin: '9753', kind: 'in' }, atOnline));
    await ok(online.dispatch('timeclock.punch', { email: DEMO.riley, pin: '9753', kind: 'out' }, atOnline));
    await online.sync.idle();
    cut.cut = false;
    await offline.sync.syncNow();
    await offline.sync.idle();
    expect(offline.sync.status().pendingPunches).toBe(0);
    const { Item } = await clients().doc.send(new GetCommand({ TableName: config.tables.Timecards, Key: { storeDate: `${STORE_ID}#CLOCK`, entryId: later.userId }, ConsistentRead: true }));
    expect(Item).toMatchObject({ kind: 'out', inAt: null });
    expect((await ok(offline.dispatch('timeclock.status', {}, atOffline))).find((s) => s.name === 'Riley Park')).toMatchObject({ state: 'out' });
  });

  it('with a stack not yet updated for standings (refused), punches still send, the time clock still opens and a manager’s added clock-out still saves', async () => {
    const refusedClock = (doc: Parameters<typeof aroundSend>[0]) =>
      aroundSend(doc, (command, real) => {
        const input = (command as { input: { Key?: { storeDate?: string } } }).input;
        if (input.Key?.storeDate === `${STORE_ID}#CLOCK`) return Promise.reject(Object.assign(new Error('not authorized to perform: dynamodb:UpdateItem'), { name: 'AccessDeniedException', $metadata: { httpStatusCode: 400 } }));
        return real(command);
      });
    const logged: string[] = [];
    const old = till(config, { landed: false, terminalId: 'OLD', wrapDb: refusedClock, log: (line) => logged.push(line) });
    const key = { sessionKey: `old-${ulid()}` };
    const boss = { sessionKey: `old-boss-${ulid()}` };
    await ok(old.dispatch('auth.signIn', { email: DEMO.shipper, password: DEMO.password }, key));
    await ok(old.dispatch('auth.signIn', { email: DEMO.manager, password: DEMO.password }, boss));
    expect((await ok(old.dispatch('timeclock.status', {}, key))).find((s) => s.name === 'Alex Kim')).toBeDefined();
    const { punch: clockedIn } = await ok(old.dispatch('timeclock.punch', { email: DEMO.shipper, pin: '8642', kind: 'in' }, key));
    await old.sync.idle();
    expect(old.sync.status()).toMatchObject({ pendingPunches: 0, parked: [] });
    expect((await cloudItems(clockedIn.workDate)).some((i) => i.punchId === clockedIn.punchId)).toBe(true);
    const card = await ok(old.dispatch('timecards.add', { workDate: clockedIn.workDate, userId: clockedIn.userId, kind: 'out', at: new Date(Date.parse(clockedIn.at) + 1).toISOString(), reason: 'forgot to clock out' }, boss));
    expect(card.open).toBe(false);
    expect(logged.some((line) => /refused what follows Alex Kim’s in punch/.test(line))).toBe(true);
  });

  it('a network that hangs without refusing doesn’t hold the time clock: it goes by the till’s own punches', async () => {
    let release = () => {};
    const released = new Promise<void>((resolve) => (release = resolve));
    const hung = (doc: Parameters<typeof aroundSend>[0]) =>
      aroundSend(doc, (command, real) => {
        const input = (command as { input: { Key?: { storeDate?: string } } }).input;
        if (input.Key?.storeDate !== `${STORE_ID}#CLOCK`) return real(command);
        return released.then(() => Promise.reject(Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' })));
      });
    const slow = till(config, { landed: false, terminalId: 'HUNG', wrapDb: hung });
    const key = { sessionKey: `hung-${ulid()}` };
    try {
      await ok(slow.dispatch('auth.signIn', { email: DEMO.riley, password: DEMO.password }, key));
      // Neither waits for the standing that never comes (if they did, this test would time out).
      const open = (await ok(slow.dispatch('timeclock.status', {}, key))).find((s) => s.name === 'Riley Park');
      expect(open).toBeDefined();
      const { status } = await ok(slow.dispatch('timeclock.punch', { email: DEMO.riley, pin: '9753', kind: open!.state === 'out' ? 'in' : 'out' }, key));
      expect(status.find((s) => s.name === 'Riley Park')!.state).toBe(open!.state === 'out' ? 'in' : 'out');
    } finally {
      release();
    }
  });

  it('a manager’s correction read before a newer punch landed doesn’t take that punch back', async () => {
    const counterTill = till(config, { landed: false, terminalId: 'CTR' });
    const atCounter = { sessionKey: `ctr-${ulid()}` };
    // A barista signs the till in (its id is claimed with a barista's credentials), then Sam.
    for (const email of [DEMO.barista, DEMO.sam]) await ok(counterTill.dispatch('auth.signIn', { email, password: DEMO.password }, atCounter));
    const { punch: clockedIn } = await ok(counterTill.dispatch('timeclock.punch', { email: DEMO.sam, pin: '3141', kind: 'in' }, atCounter));
    await counterTill.sync.idle();
    // Sam's break lands just as the manager's till moves Sam's standing, after it read the card.
    let raced = false;
    const racing = (doc: Parameters<typeof aroundSend>[0]) =>
      aroundSend(doc, async (command, real) => {
        const input = (command as { input: { Key?: { storeDate?: string } } }).input;
        if (!raced && command.constructor.name === 'UpdateCommand' && input.Key?.storeDate === `${STORE_ID}#CLOCK`) {
          raced = true;
          await ok(counterTill.dispatch('timeclock.punch', { email: DEMO.sam, pin: '3141', kind: 'breakStart' }, atCounter));
          await counterTill.sync.idle();
        }
        return real(command);
      });
    const officeTill = till(config, { landed: false, terminalId: 'OFC', wrapDb: racing });
    const atOffice = { sessionKey: `ofc-${ulid()}` };
    for (const email of [DEMO.manager, DEMO.sam]) await ok(officeTill.dispatch('auth.signIn', { email, password: DEMO.password }, atOffice));
    await ok(officeTill.dispatch('auth.unlock', { email: DEMO.manager, pin: '2468' }, atOffice));
    const earlier = new Date(Date.parse(clockedIn.at) - 60_000).toISOString();
    await ok(officeTill.dispatch('timecards.edit', { workDate: clockedIn.workDate, userId: clockedIn.userId, punchId: clockedIn.punchId, at: earlier, reason: 'came in a minute earlier' }, atOffice));
    expect(raced).toBe(true);
    // Another till (the office's, where Sam never punched) shows the break, not the corrected clock-in.
    expect((await ok(officeTill.dispatch('timeclock.status', {}, atOffice))).find((s) => s.name === 'Sam Ortiz')).toMatchObject({ state: 'break' });
  });
});
