import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectNoAxeViolations, launchBrowser, screenshot, signedIn } from './browser';

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(() => browser?.close());

const text = (page: Page, testId: string) => page.getByTestId(testId).innerText();

describe('loyalty at the counter in Chromium', () => {
  it('looks Ada up by phone, redeems a reward on the demo order, and she ends 60 − 7 = 53 points lower', async () => {
    const page = await signedIn(browser, 'barista@coffeecloud.dev');
    await page.getByRole('button', { name: 'Add customer' }).click();
    const dialog = page.getByRole('dialog', { name: 'Customer' });
    await dialog.getByLabel('Phone or email').fill('(555) 010-0100');
    await dialog.getByRole('button', { name: 'Find' }).click();
    // She starts at 120; another file's delivery for her may have earned her a few more by now.
    const ada = dialog.getByRole('button', { name: /^Ada Lovelace · \+1 555 010 0100 · \d+ points$/ });
    await ada.waitFor();
    const before = Number(/(\d+) points$/.exec(await ada.innerText())![1]);
    expect(before).toBeGreaterThanOrEqual(120);
    await expectNoAxeViolations(page);
    await screenshot(page, '20-customer-lookup');
    await ada.click();
    await expect.poll(() => text(page, 'customer-points')).toBe(`${before} points · +1 555 010 0100`);

    // Latte (Large, Oat) + Espresso, keys only.
    await page.keyboard.press('/');
    await page.keyboard.type('latte');
    await page.keyboard.press('Enter');
    await page.getByRole('dialog', { name: 'Latte' }).waitFor();
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Tab');
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Enter');
    await page.keyboard.press('/');
    await page.keyboard.type('espresso');
    await page.keyboard.press('Enter');

    await page.getByRole('button', { name: 'Redeem reward' }).click();
    await expect.poll(() => text(page, 'total')).toBe('$7.67');
    expect(await text(page, 'subtotal')).toBe('$9.10');
    expect(await text(page, 'reward')).toBe('−$2.00');
    expect(await text(page, 'tax')).toBe('$0.57');
    expect(await text(page, 'earns')).toBe('Earns 7 points with this order');
    // Two rewards would be 120 points: allowed by her balance, so the button stays on; three would not.
    await expectNoAxeViolations(page);
    await screenshot(page, '21-register-reward');

    await page.getByRole('button', { name: 'Pay $7.67' }).click();
    await page.getByRole('button', { name: 'Exact $7.67' }).click();
    await page.getByRole('region', { name: /placed$/ }).getByRole('button', { name: 'New order' }).click();

    await page.getByRole('button', { name: 'Loyalty' }).click();
    await page.getByLabel('Phone or email').fill('ada@example.com');
    await page.getByRole('button', { name: 'Find' }).click();
    await page.getByRole('button', { name: /^Ada Lovelace/ }).click();
    await expect.poll(() => text(page, 'balance')).toBe(String(before - 60 + 7));
    // Newest first: this order's earning and its reward head the ledger.
    const rows = page.getByRole('table').getByRole('row');
    const newest = async () => `${await rows.nth(1).innerText()}\n${await rows.nth(2).innerText()}`;
    await expect.poll(newest).toMatch(/\+7\tEarned on order/);
    expect(await newest()).toMatch(/-60\tRedeemed reward/);
    await expectNoAxeViolations(page);
    await screenshot(page, '22-loyalty-ada');
    await page.context().close();
  });

  it('enrols a new customer, and refuses a phone that is already enrolled', async () => {
    const page = await signedIn(browser, 'barista@coffeecloud.dev');
    await page.getByRole('button', { name: 'Loyalty' }).click();
    await page.getByLabel('Phone or email').fill('555-030-7777');
    await page.getByRole('button', { name: 'Find' }).click();
    await page.getByRole('heading', { name: 'No customer found: enrol them' }).waitFor();
    expect(await page.getByLabel('Phone', { exact: true }).inputValue()).toBe('555-030-7777');
    await page.getByRole('button', { name: 'Enrol' }).click();
    await expect.poll(() => page.getByText('Enter the customer’s name.').isVisible()).toBe(true);
    await page.getByLabel('Name').fill('Katherine Example');
    await expectNoAxeViolations(page);
    await screenshot(page, '23-enrol');
    await page.getByRole('button', { name: 'Enrol' }).click();
    await expect.poll(() => page.getByRole('heading', { name: 'Katherine Example' }).isVisible()).toBe(true);
    expect(await text(page, 'balance')).toBe('0');

    await page.getByLabel('Phone or email').fill('555-030-8888');
    await page.getByRole('button', { name: 'Find' }).click();
    await page.getByLabel('Name').fill('Copy Cat');
    await page.getByLabel('Phone', { exact: true }).fill('555-010-0100');
    await page.getByRole('button', { name: 'Enrol' }).click();
    await expect.poll(() => page.getByText('Ada Lovelace already has the phone +1 555 010 0100.').isVisible()).toBe(true);
    await page.getByRole('button', { name: 'Use Ada Lovelace' }).click();
    await expect.poll(() => page.getByRole('heading', { name: 'Ada Lovelace' }).isVisible()).toBe(true);
    await page.context().close();
  });

  it('a manager adjusts points with a reason; a barista has no adjust form', async () => {
    const manager = await signedIn(browser, 'manager@coffeecloud.dev');
    await manager.getByRole('button', { name: 'Loyalty' }).click();
    await manager.getByLabel('Phone or email').fill('555-010-0101');
    await manager.getByRole('button', { name: 'Find' }).click();
    await manager.getByRole('button', { name: /^Grace Hopper/ }).click();
    await expect.poll(() => text(manager, 'balance')).toBe('45');
    await manager.getByLabel('Points (+ or −)').fill('15');
    await manager.getByRole('button', { name: 'Adjust points' }).click();
    await expect.poll(() => manager.getByText('Give a reason for the adjustment (at least 3 characters).').isVisible()).toBe(true);
    await manager.getByLabel('Reason for adjustment').fill('Loyal since 1952');
    await manager.getByRole('button', { name: 'Adjust points' }).click();
    await expect.poll(() => text(manager, 'balance')).toBe('60');
    expect(await manager.getByRole('table').innerText()).toContain('Adjusted: Loyal since 1952');
    await expectNoAxeViolations(manager);
    await manager.context().close();

    const barista = await signedIn(browser, 'barista@coffeecloud.dev');
    await barista.getByRole('button', { name: 'Loyalty' }).click();
    await barista.getByLabel('Phone or email').fill('555-010-0101');
    await barista.getByRole('button', { name: 'Find' }).click();
    await barista.getByRole('button', { name: /^Grace Hopper/ }).click();
    await expect.poll(() => text(barista, 'balance')).toBe('60');
    expect(await barista.getByRole('button', { name: 'Adjust points' }).count()).toBe(0);
    await barista.context().close();
  });
});
