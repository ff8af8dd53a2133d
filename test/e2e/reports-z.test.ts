import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectNoAxeViolations, launchBrowser, screenshot, signedIn } from './browser';
import { closeAtExpected, drawerScreen, openShift } from './shift-helpers';

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(() => browser?.close());

describe('the Reports screen lists the day’s Z reports', () => {
  it('a manager closes the till’s shift and sees its Z number, expected, counted and over/short on Reports; the next shift shows as open', async () => {
    const page = await signedIn(browser, 'manager@coffeecloud.dev');
    if ((await drawerScreen(page)) === 'closed') await openShift(page, '100.00');
    await closeAtExpected(page);
    const label = (await page.getByRole('heading', { name: /^Z report Z-/ }).innerText()).replace('Z report ', '');
    const expected = await page.getByTestId('drawer-figures').getByRole('row', { name: /^Expected cash/ }).getByRole('cell').innerText();
    // Later tests sell cash: the till opens its next shift, as the next barista would.
    await openShift(page, '100.00');

    await page.getByRole('button', { name: 'Reports' }).click();
    const table = page.getByTestId('z-reports');
    // The close reaches the cloud within a moment; Show report reads again.
    await expect
      .poll(
        async () => {
          if ((await table.getByRole('rowheader', { name: label }).count()) > 0) return true;
          await page.getByRole('button', { name: 'Show report' }).click();
          return false;
        },
        { timeout: 30_000, interval: 1_000 },
      )
      .toBe(true);
    const row = table.getByRole('row').filter({ has: page.getByRole('rowheader', { name: label }) });
    const cells = await row.getByRole('cell').allInnerTexts();
    expect(cells.slice(-3)).toEqual([expected, expected, '$0.00']);
    expect(await table.getByRole('rowheader', { name: 'Open' }).count()).toBeGreaterThan(0);
    await table.scrollIntoViewIfNeeded();
    await expectNoAxeViolations(page);
    await screenshot(page, '47-reports-z-across-tills');
    await page.context().close();
  });
});
