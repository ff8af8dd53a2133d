import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DeleteCommand, GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { createDocumentClient } from '../../src/main/data/client';
import { tableNames } from '../../src/main/data/schema';
import type { RunningState } from '../../src/main/local/embedded';
import { LOCAL_CREDENTIALS } from '../../src/main/local/stack';
import { attachCustomer, expectNoAxeViolations, launchBrowser, screenshot, sellEspresso, signedIn, web } from './browser';

let browser: Browser;
/** Where `npm run web`'s emulators are. SIGSTOP on DynamoDB Local makes the database silently unreachable. */
let running: RunningState;
let dynamoPid: number;

beforeAll(async () => {
  browser = await launchBrowser();
  running = JSON.parse(readFileSync(path.join(web().dataDir, 'running.json'), 'utf8')) as RunningState;
  dynamoPid = running.emulatorPids[0]!;
});
afterAll(async () => {
  // Whatever happened, the other test files get their database back.
  process.kill(dynamoPid, 'SIGCONT');
  await browser?.close();
});

const indicator = (page: Page) => page.getByTestId('sync-indicator').innerText();

describe('the till keeps selling while the database is down', () => {
  it('rings orders, shows them waiting, and drains to 0 when the database is back', async () => {
    const page = await signedIn(browser, 'barista@coffeecloud.dev');
    await page.getByRole('button', { name: /^Espresso/ }).waitFor();
    await expect.poll(() => indicator(page)).toBe('Online · All orders synced');

    process.kill(dynamoPid, 'SIGSTOP');
    const tickets = [await sellEspresso(page), await sellEspresso(page), await sellEspresso(page)];
    // Sales never waited on the database; the header says what is waiting, and soon that it's offline.
    await expect.poll(() => indicator(page), { timeout: 30_000 }).toBe('Offline · 3 orders waiting to sync, oldest under a minute');
    await expectNoAxeViolations(page);
    await screenshot(page, '40-offline-register');

    await page.getByTestId('sync-indicator').click();
    const details = page.getByRole('dialog', { name: 'Sync' });
    await details.waitFor();
    await expect.poll(() => details.innerText()).toContain('3 orders waiting to sync');
    await expectNoAxeViolations(page);
    await screenshot(page, '41-offline-sync-dialog');
    await details.getByRole('button', { name: 'Close' }).click();

    // The board shows this till's orders, marked as not in the cloud yet.
    await page.getByRole('button', { name: 'Order board' }).click();
    for (const ticket of tickets) {
      await expect.poll(() => page.getByTestId('ticket').filter({ hasText: ticket }).innerText(), { timeout: 20_000 }).toContain('Not synced yet');
    }
    // Drinks still move along the board: Start works offline too.
    const first = page.getByTestId('ticket').filter({ hasText: tickets[0]! });
    await first.getByRole('button', { name: 'Start' }).click();
    await expect.poll(() => page.getByTestId('column-preparing').innerText()).toContain(tickets[0]!);
    await expectNoAxeViolations(page);
    await screenshot(page, '42-offline-board');

    // Signing out warns, and keeps the orders.
    await page.getByRole('button', { name: 'Sign out' }).click();
    const warning = page.getByRole('dialog', { name: 'Still waiting to sync' });
    await warning.waitFor();
    await expectNoAxeViolations(page);
    await screenshot(page, '43-sign-out-warning');
    await warning.getByRole('button', { name: 'Stay signed in' }).click();

    process.kill(dynamoPid, 'SIGCONT');
    // "Sync now" skips the retry wait; the queue may already have drained by the time it's clicked.
    await page.getByRole('button', { name: 'Sync now' }).click({ timeout: 2_000 }).catch(() => {});
    await expect.poll(() => indicator(page), { timeout: 60_000 }).toBe('Online · All orders synced');
    for (const ticket of tickets) {
      await expect.poll(() => page.getByTestId('ticket').filter({ hasText: ticket }).innerText(), { timeout: 20_000 }).not.toContain('Not synced yet');
    }
    expect(await page.getByTestId('column-preparing').innerText()).toContain(tickets[0]!);
    await screenshot(page, '44-back-online');
    await page.context().close();
  }, 180_000);
});

describe('an order whose points the database refuses for good', () => {
  it('goes to the cloud without its points; the points are parked with their reason for the manager, who retries them once the cause is fixed', async () => {
    const doc = createDocumentClient({ region: running.region, endpoint: running.dynamoEndpoint, credentials: LOCAL_CREDENTIALS });
    const points = tableNames(running.tablePrefix).Points;
    const balanceKey = { customerId: 'cust-edsger', entryId: 'BALANCE' };
    const { Item: balance } = await doc.send(new GetCommand({ TableName: points, Key: balanceKey, ConsistentRead: true }));
    try {
      const page = await signedIn(browser, 'manager@coffeecloud.dev');
      await attachCustomer(page, '555-010-0105', 'Edsger Dijkstra');
      // Edsger's points account disappears before the sale reaches the cloud.
      await doc.send(new DeleteCommand({ TableName: points, Key: balanceKey }));
      const ticket = await sellEspresso(page);

      await expect.poll(() => indicator(page), { timeout: 20_000 }).toBe('Online · All orders synced · 1 parked');
      await page.getByTestId('sync-indicator').click();
      const details = page.getByRole('dialog', { name: 'Sync' });
      await expect.poll(() => details.innerText()).toContain(`${ticket} · points only: +3 points for Edsger Dijkstra (the sale itself is in the cloud)`);
      expect(await details.innerText()).toContain('Edsger Dijkstra’s loyalty account wasn’t found, so the 3 points earned couldn’t be added.');
      await expectNoAxeViolations(page);
      await screenshot(page, '45-parked-order');

      await doc.send(new PutCommand({ TableName: points, Item: balance! }));
      await details.getByRole('button', { name: 'Retry parked orders' }).click();
      await expect.poll(() => details.getByRole('heading', { name: 'Parked orders' }).count()).toBe(0);
      await expect.poll(() => indicator(page)).toBe('Online · All orders synced');
      await page.context().close();
    } finally {
      const { Item: now } = await doc.send(new GetCommand({ TableName: points, Key: balanceKey, ConsistentRead: true }));
      if (!now) await doc.send(new PutCommand({ TableName: points, Item: balance! }));
    }
  }, 120_000);
});

describe('this till’s id on tickets', () => {
  it('is shown in the sync panel, and a manager changes it there; the next ticket carries it', async () => {
    const page = await signedIn(browser, 'manager@coffeecloud.dev');
    await page.getByTestId('sync-indicator').click();
    const details = page.getByRole('dialog', { name: 'Sync' });
    await expect.poll(() => details.getByTestId('terminal-id').innerText()).toMatch(/^T[A-Z0-9]{1,3}$/);
    expect(await details.innerText()).toContain('(registered in the cloud)');
    await details.getByRole('button', { name: 'Change till id' }).click();
    await details.getByLabel('Till id').fill('7x');
    await details.getByRole('button', { name: 'Save till id' }).click();
    await expect.poll(() => details.innerText()).toContain('A till id is a capital letter then up to 3 capitals or digits, like T1.');
    await details.getByLabel('Till id').fill('t7');
    await expectNoAxeViolations(page);
    await screenshot(page, '46-change-till-id');
    await details.getByRole('button', { name: 'Save till id' }).click();
    await expect.poll(() => details.getByTestId('terminal-id').innerText()).toBe('T7');
    await details.getByRole('button', { name: 'Close' }).click();
    expect(await sellEspresso(page)).toMatch(/^T7-\d{3}$/);
    await page.context().close();
  }, 60_000);
});
