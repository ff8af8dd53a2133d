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
});
