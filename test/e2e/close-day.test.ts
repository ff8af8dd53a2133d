import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { espressoToPayment, expectNoAxeViolations, launchBrowser, placedTicket, screenshot, signedIn } from './browser';
import { closeAtExpected, drawerScreen, openShift } from './shift-helpers';

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(() => browser?.close());

const figure = (page: Page, label: string) => page.getByTestId('drawer-figures').getByRole('row', { name: new RegExp(`^${label}`) }).getByRole('cell').innerText();

describe('closing the day in Chromium', () => {
  it('a manager opens with $100.00, rings cash, card and split, pays out $4.00 for milk, refunds a cash sale as cash, closes $1.00 short with a reason, and the Z is right to the cent', async () => {
    const page = await signedIn(browser, 'manager@coffeecloud.dev');
    // The shift the café opened before the first test: closed at its count, so this day starts clean.
    if ((await drawerScreen(page)) === 'open') await closeAtExpected(page);
    await expectNoAxeViolations(page);
    await screenshot(page, '40-drawer-open-a-shift');

    // No shift open: the payment step asks for the opening float, and the sale opens the shift.
    await page.getByRole('button', { name: 'Register' }).click();
    await page.getByRole('button', { name: /^Espresso/ }).waitFor();
    await espressoToPayment(page);
    const payment = page.getByRole('dialog', { name: 'Payment' });
    await payment.getByLabel('Opening float').waitFor();
    await page.keyboard.type('5');
    await page.keyboard.press('Enter'); // $5.00 cash, no float yet: refused, focus on the float
    await payment.getByText('Count the opening float to take cash: no shift is open on this till.').waitFor();
    await expectNoAxeViolations(page);
    await screenshot(page, '44-payment-asks-for-float');
    await page.keyboard.type('100.00');
    await page.keyboard.press('Tab'); // back to the amount, still $5.00
    await page.keyboard.press('Enter');
    const cashTicket = await placedTicket(page); // $5.00 cash, $1.76 change
    await drawerScreen(page);
    await page.getByText('with a float of $100.00.').waitFor();
    await page.getByRole('button', { name: 'Register' }).click();
    await page.getByRole('button', { name: /^Espresso/ }).waitFor();

    await espressoToPayment(page);
    await page.keyboard.press('F9'); // card for the whole $3.24
    await placedTicket(page);

    await espressoToPayment(page);
    await page.keyboard.type('1');
    await page.keyboard.press('Enter'); // $1.00 cash…
    await expect.poll(() => page.getByTestId('payment-due').innerText()).toBe('$2.24');
    await page.keyboard.press('F9'); // …and the $2.24 left on card
    await placedTicket(page);

    await drawerScreen(page);
    await page.getByRole('radio', { name: 'Pay out' }).check();
    await page.getByLabel('Amount').fill('4.00');
    await page.getByLabel('Reason', { exact: true }).fill('milk');
    await page.getByRole('button', { name: 'Record' }).click();
    await page.getByText('Pay out of $4.00 recorded.').waitFor();

    await page.getByRole('button', { name: 'Order board' }).click();
    await page.getByTestId('ticket').filter({ hasText: cashTicket }).getByRole('button', { name: new RegExp(`^${cashTicket}`) }).click();
    const dialog = page.getByRole('dialog', { name: `Order ${cashTicket}` });
    await dialog.getByRole('button', { name: 'Refund' }).click();
    await dialog.getByLabel('Reason for refund').fill('Spilled at the counter');
    await dialog.getByRole('button', { name: 'Refund whole order' }).click();
    await expect.poll(() => dialog.innerText()).toContain('Refunded (Spilled at the counter)');
    await dialog.getByRole('button', { name: 'Close' }).click();

    // float 100.00 + 5.00 − 1.76 change + 1.00 − 4.00 pay-out − 3.24 refund = 97.00
    await drawerScreen(page);
    await expect.poll(() => figure(page, 'Expected cash')).toBe('$97.00');
    expect(await figure(page, 'Cash sales')).toBe('$6.00');
    expect(await figure(page, 'Change given')).toBe('$1.76');
    expect(await figure(page, 'Pay-outs')).toBe('$4.00');
    expect(await figure(page, 'Cash refunds')).toBe('$3.24');
    await expectNoAxeViolations(page);
    await screenshot(page, '41-drawer-x-report');

    await page.getByLabel('Counted total').fill('96.00');
    await page.getByLabel('Reason, if the count is off').fill('a dollar short, coins miscounted');
    await page.getByRole('button', { name: 'Close shift' }).click();
    await page.getByRole('heading', { name: /^Z report Z-[A-Z0-9]+-\d{4}$/ }).waitFor();
    expect(await figure(page, 'Expected cash')).toBe('$97.00');
    expect(await figure(page, 'Counted')).toBe('$96.00');
    expect(await figure(page, 'Short')).toBe('$1.00');
    await page.getByText('Reason: a dollar short, coins miscounted').waitFor();
    await expectNoAxeViolations(page);
    await screenshot(page, '42-drawer-z-report');

    // The next tests sell cash too: open the next shift, as the evening barista would.
    await openShift(page, '100.00');
    await page.context().close();
  });

  it('a barista counts blind: the X and the close never show what the drawer should hold', async () => {
    const page = await signedIn(browser, 'barista@coffeecloud.dev');
    expect(await drawerScreen(page)).toBe('open');
    // The shift is the manager's: a barista sees no report of it, and no expected cash anywhere.
    expect(await page.getByTestId('drawer-figures').count()).toBe(0);
    expect(await page.getByText('Expected cash').count()).toBe(0);
    await expectNoAxeViolations(page);
    await screenshot(page, '43-drawer-barista-blind');
    await page.context().close();
  });
});
