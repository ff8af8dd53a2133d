import Papa from 'papaparse';
import { readFileSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectNoAxeViolations, launchBrowser, screenshot, signedIn } from './browser';
import { drawerScreen, openShift } from './shift-helpers';

/**
 * The time clock in Chromium: Riley clocks in from the header (their name) by keyboard, locks, and clocks out
 * from the lock screen by touch, each with PIN 9753; the manager, on another till, sees Riley's
 * timecard, corrects a punch with a reason that stays on the card, and downloads the CSV.
 */
let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

const dialog = (page: Page) => page.getByRole('dialog', { name: 'Time clock' });

describe('time clock', () => {
  it('Riley clocks in and out with their PIN; the manager sees and corrects the timecard and downloads it as CSV', async () => {
    const riley = await signedIn(browser, 'riley@coffeecloud.dev', { viewport: { width: 1024, height: 768 }, hasTouch: true });

    // From the header, by keyboard: Riley's name opens their time clock, Clock in chosen, PIN and Enter.
    await riley.getByRole('button', { name: 'Riley Park Barista' }).focus();
    await riley.keyboard.press('Enter');
    await expect.poll(() => dialog(riley).getByTestId('clock-state').innerText()).toBe('Riley Park: Not clocked in');
    await expect.poll(() => dialog(riley).getByRole('button', { name: 'Clock in', pressed: true }).count()).toBe(1);
    await expectNoAxeViolations(riley);
    await screenshot(riley, '70-timeclock-header');
    await riley.getByLabel('PIN for Riley Park').fill('0000');
    await riley.keyboard.press('Enter');
    await expect.poll(() => dialog(riley).innerText()).toContain('Wrong PIN. 4 tries left');
    await riley.getByLabel('PIN for Riley Park').focus();
    await riley.keyboard.type('9753');
    await riley.keyboard.press('Enter');
    await expect.poll(() => dialog(riley).getByRole('status').innerText()).toMatch(/^Riley Park clocked in at \d\d:\d\d\.$/);
    await expect.poll(() => dialog(riley).getByTestId('clock-state').innerText()).toMatch(/^Riley Park: Clocked in since \d\d:\d\d$/);
    await screenshot(riley, '71-timeclock-clocked-in');
    await riley.keyboard.press('Escape');
    await dialog(riley).waitFor({ state: 'detached' });

    // From the lock screen, by touch: Time clock, Riley, Clock out, the on-screen keys.
    await riley.getByRole('button', { name: 'Lock', exact: true }).click();
    await riley.getByRole('heading', { name: 'Till locked' }).waitFor();
    await riley.getByRole('button', { name: 'Time clock' }).tap();
    await expect.poll(() => dialog(riley).getByTestId('clock-state').innerText()).toMatch(/^Riley Park: Clocked in since/);
    await dialog(riley).getByRole('button', { name: 'Clock out', exact: true }).tap();
    for (const digit of '9753') await dialog(riley).getByRole('button', { name: digit, exact: true }).tap();
    await expectNoAxeViolations(riley);
    await screenshot(riley, '72-timeclock-lock-screen');
    await dialog(riley).getByRole('button', { name: 'Confirm clock out' }).tap();
    await expect.poll(() => dialog(riley).getByRole('status').innerText()).toMatch(/^Riley Park clocked out at \d\d:\d\d\.$/);
    await expect.poll(() => dialog(riley).getByTestId('clock-state').innerText()).toBe('Riley Park: Not clocked in');
    // Refused, named: nothing to clock out of (only Clock in is offered now).
    expect(await dialog(riley).getByRole('button', { name: 'Clock out', exact: true }).count()).toBe(0);
    await dialog(riley).getByRole('button', { name: 'Close' }).click();

    // The manager, on another till: the Timecards tab shows Riley's card (once the till has sent it).
    const manager = await signedIn(browser, 'manager@coffeecloud.dev', { viewport: { width: 1280, height: 800 } });
    await manager.getByRole('button', { name: 'Timecards', exact: true }).click();
    await manager.getByRole('heading', { name: 'Timecards', level: 1 }).waitFor();
    const card = manager.getByTestId('timecard').filter({ hasText: 'Riley Park' });
    await expect
      .poll(async () => {
        await manager.getByRole('button', { name: 'Show timecards' }).click();
        return card.count();
      }, { timeout: 20_000 })
      .toBe(1);
    expect(await card.getByRole('rowheader').allInnerTexts()).toEqual(['Clock in', 'Clock out']);
    expect(await card.innerText()).toMatch(/Worked 0:0\d · Breaks 0:00 · Paid 0:0\d/);
    await expectNoAxeViolations(manager);
    await screenshot(manager, '73-timecards');

    // Correct the clock-in a minute earlier, with a reason: kept on the card.
    await card.getByRole('button', { name: /^Edit Clock in / }).click();
    const edit = manager.getByRole('dialog', { name: 'Edit Riley Park’s clock in' });
    await edit.waitFor();
    const time = edit.getByLabel('New time');
    const was = await time.inputValue();
    const [date, hm] = was.split('T') as [string, string];
    const minute = new Date(`${date}T${hm}:00`).getTime() - 60_000;
    const d = new Date(minute);
    const pad = (n: number) => String(n).padStart(2, '0');
    const earlier = `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
    await edit.getByRole('button', { name: 'Save change' }).click();
    await expect.poll(() => edit.innerText()).toContain('Give a reason for the change (at least 3 characters).');
    await time.fill(earlier);
    await edit.getByLabel('Reason').fill('clocked in late at the till');
    await expectNoAxeViolations(manager);
    await screenshot(manager, '74-timecards-edit');
    await edit.getByRole('button', { name: 'Save change' }).click();
    await edit.waitFor({ state: 'detached' });
    await expect.poll(() => card.innerText()).toContain('by Morgan Lee');
    expect(await card.innerText()).toContain('clocked in late at the till');
    expect(await card.innerText()).toMatch(/Clock in\s+\d\d:\d\d \(was \d\d:\d\d\)/);
    await screenshot(manager, '75-timecards-history');

    // The CSV parses back with Riley's row, the hours and the correction.
    const [download] = await Promise.all([manager.waitForEvent('download'), manager.getByRole('button', { name: 'Download CSV' }).click()]);
    expect(download.suggestedFilename()).toMatch(/^timecards-\d{4}-\d{2}-\d{2}\.csv$/);
    const text = readFileSync((await download.path())!, 'utf8');
    expect(text.charCodeAt(0)).toBe(0xfeff);
    const rows = Papa.parse<Record<string, string>>(text.slice(1), { header: true, skipEmptyLines: true }).data;
    const row = rows.find((r) => r.name === 'Riley Park');
    expect(row).toMatchObject({ email: 'riley@coffeecloud.dev', open: 'no', 'break hours': '0.00' });
    expect(Number(row!['paid hours'])).toBeGreaterThan(0);
    expect(row!.punches).toMatch(/^Clock in \d\d:\d\d \(was \d\d:\d\d\); Clock out \d\d:\d\d$/);
    expect(row!.edits).toMatch(/by Morgan Lee: clocked in late at the till$/);

    // The manager clocks in and out from the header. With the till's shift open under their name
    // (the café opens it before the first test), clocking out asks first.
    if ((await drawerScreen(manager)) === 'closed') await openShift(manager, '100.00');
    const mine = (await manager.getByText(/^Opened by /).innerText()).startsWith('Opened by Morgan Lee');
    await manager.getByRole('button', { name: 'Morgan Lee Manager' }).click();
    await expect.poll(() => dialog(manager).getByTestId('clock-state').innerText()).toBe('Morgan Lee: Not clocked in');
    await manager.getByLabel('PIN for Morgan Lee').fill('2468');
    await manager.keyboard.press('Enter');
    await expect.poll(() => dialog(manager).getByTestId('clock-state').innerText()).toMatch(/^Morgan Lee: Clocked in since/);
    await dialog(manager).getByRole('button', { name: 'Clock out', exact: true }).click();
    await manager.getByLabel('PIN for Morgan Lee').fill('2468');
    await manager.keyboard.press('Enter');
    if (mine) {
      await expect.poll(() => dialog(manager).getByRole('alert').innerText()).toMatch(/^Morgan Lee, your shift on till \S+ \(opened at \d\d:\d\d\) is still open\. Close it on the Drawer screen before you leave, or clock out anyway\.$/);
      await expectNoAxeViolations(manager);
      await screenshot(manager, '76-timeclock-shift-open');
      await dialog(manager).getByRole('button', { name: 'Clock out anyway' }).click();
    }
    await expect.poll(() => dialog(manager).getByTestId('clock-state').innerText()).toBe('Morgan Lee: Not clocked in');
    await dialog(manager).getByRole('button', { name: 'Close' }).click();
  }, 180_000);

  it('Riley forgets to clock out; the manager adds the clock-out with a reason and the CSV shows the closed hours', async () => {
    const riley = await signedIn(browser, 'riley@coffeecloud.dev', { viewport: { width: 1024, height: 768 } });
    await riley.getByRole('button', { name: 'Riley Park Barista' }).click();
    await expect.poll(() => dialog(riley).getByTestId('clock-state').innerText()).toBe('Riley Park: Not clocked in');
    await riley.getByLabel('PIN for Riley Park').fill('9753');
    await riley.keyboard.press('Enter');
    await expect.poll(() => dialog(riley).getByTestId('clock-state').innerText()).toMatch(/^Riley Park: Clocked in since/);
    const clockedIn = Date.now();
    await dialog(riley).getByRole('button', { name: 'Close' }).click();

    const manager = await signedIn(browser, 'manager@coffeecloud.dev', { viewport: { width: 1280, height: 800 }, hasTouch: true });
    await manager.getByRole('button', { name: 'Timecards', exact: true }).click();
    const card = manager.getByTestId('timecard').filter({ hasText: 'Riley Park' });
    await expect
      .poll(async () => {
        await manager.getByRole('button', { name: 'Show timecards' }).click();
        return card.innerText();
      }, { timeout: 20_000 })
      .toContain('still clocked in');

    // By keyboard: Add punch, Clock out is already chosen (Riley is on the clock), the time starts at the clock-in's minute.
    await card.getByRole('button', { name: 'Add punch' }).focus();
    await manager.keyboard.press('Enter');
    const add = manager.getByRole('dialog', { name: 'Add a punch to Riley Park’s card' });
    await add.waitFor();
    expect(await add.getByLabel('Punch').inputValue()).toBe('out');
    await add.getByLabel('Reason').fill('forgot to clock out');
    await add.getByLabel('Reason').press('Enter');
    // That minute began before the clock-in (to the second): refused, named (out of order instead if the
    // first stretch's clock-out fell in the same minute).
    await expect.poll(() => add.innerText()).toMatch(/At \d\d:\d\d, Riley Park isn’t clocked in, so there is nothing to clock out of\.|That punch would leave the card out of order\./);
    await expectNoAxeViolations(manager);
    await screenshot(manager, '77-timecards-add-refused');

    // The next minute, once it has come (a punch can't be added in the future), by touch.
    const next = new Date(Math.floor(clockedIn / 60_000) * 60_000 + 60_000);
    const pad = (n: number) => String(n).padStart(2, '0');
    const hm = `${pad(next.getHours())}:${pad(next.getMinutes())}`;
    await expect.poll(() => Date.now() >= next.getTime() + 1_000, { timeout: 70_000, interval: 1_000 }).toBe(true);
    await add.getByLabel('Time').fill(`${next.getFullYear()}-${pad(next.getMonth() + 1)}-${pad(next.getDate())}T${hm}`);
    await expectNoAxeViolations(manager);
    await screenshot(manager, '78-timecards-add');
    await add.getByRole('button', { name: 'Add punch' }).tap();
    await add.waitFor({ state: 'detached' });
    await expect.poll(() => card.innerText()).toContain(`Clock out ${hm} added by Morgan Lee`);
    expect(await card.innerText()).not.toContain('still clocked in');
    expect(await card.innerText()).toContain('Added by a manager');
    await screenshot(manager, '79-timecards-added');

    const [download] = await Promise.all([manager.waitForEvent('download'), manager.getByRole('button', { name: 'Download CSV' }).click()]);
    const rows = Papa.parse<Record<string, string>>(readFileSync((await download.path())!, 'utf8').slice(1), { header: true, skipEmptyLines: true }).data;
    const row = rows.find((r) => r.name === 'Riley Park')!;
    expect(row).toMatchObject({ open: 'no', 'clock out': hm });
    expect(row.punches).toMatch(new RegExp(`; Clock in \\d\\d:\\d\\d; Clock out ${hm} \\(added\\)$`));
    expect(row.edits).toMatch(new RegExp(`Clock out ${hm} added by Morgan Lee: forgot to clock out$`));
    // Both stretches counted: the corrected one and the one the added clock-out closed.
    expect(Number(row['paid hours'])).toBeCloseTo(Number(row['worked hours']) - Number(row['break hours']), 2);
    expect(Number(row['worked hours'])).toBeGreaterThan(0);
  }, 180_000);
});
