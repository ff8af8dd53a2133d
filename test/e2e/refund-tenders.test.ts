import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { espressoToPayment, expectNoAxeViolations, launchBrowser, placedTicket, screenshot, signedIn } from './browser';
import { drawerScreen, openShift } from './shift-helpers';

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(() => browser?.close());

/** An espresso ($3.24) rung by keyboard, paid as `pay` says, and its ticket. */
async function espresso(page: Page, pay: (page: Page) => Promise<void>): Promise<string> {
  await page.getByRole('button', { name: 'Register' }).click();
  await page.getByRole('button', { name: /^Espresso/ }).waitFor();
  await espressoToPayment(page);
  await pay(page);
  return placedTicket(page);
}

async function refundDialog(page: Page, ticket: string) {
  await page.getByRole('button', { name: 'Order board' }).click();
  await page.getByTestId('ticket').filter({ hasText: ticket }).getByRole('button', { name: new RegExp(`^${ticket}`) }).click();
  const dialog = page.getByRole('dialog', { name: `Order ${ticket}` });
  await dialog.getByRole('button', { name: 'Refund' }).click();
  return dialog;
}

const cashRefunds = (page: Page) => page.getByTestId('drawer-figures').getByRole('row', { name: /^Cash refunds/ }).getByRole('cell').innerText();
const cents = (text: string) => Math.round(Number(text.replace(/[^0-9.]/g, '')) * 100);

describe('a refund says how the money goes back', () => {
  it('a split sale is refunded split by default; more cash back than it took is refused in the form, with main’s words', async () => {
    const page = await signedIn(browser, 'manager@coffeecloud.dev');
    if ((await drawerScreen(page)) === 'closed') await openShift(page, '100.00');
    const before = cents(await cashRefunds(page));

    const split = await espresso(page, async (p) => {
      await p.keyboard.type('1');
      await p.keyboard.press('Enter'); // $1.00 cash…
      await expect.poll(() => p.getByTestId('payment-due').innerText()).toBe('$2.24');
      await p.keyboard.press('F9'); // …and $2.24 on card
    });
    const dialog = await refundDialog(page, split);
    const back = dialog.getByRole('group', { name: 'How the $3.24 goes back' });
    await back.waitFor();
    // Paid both ways: the form starts with a split the way it was paid.
    expect(await back.getByRole('radio', { name: 'Split' }).isChecked()).toBe(true);
    expect(await dialog.getByLabel('Cash part').inputValue()).toBe('1.00');
    expect(await dialog.getByLabel('Card part').inputValue()).toBe('2.24');
    await back.getByText('Can still go back: cash $1.00, card $2.24.').waitFor();

    // $2.00 in cash is more than the $1.00 cash it took: main refuses, the form says why, nothing is refunded.
    await dialog.getByLabel('Cash part').fill('2.00');
    expect(await dialog.getByLabel('Card part').inputValue()).toBe('1.24'); // the rest, as typed
    await dialog.getByLabel('Reason for refund').fill('Wrong drink');
    await dialog.getByRole('button', { name: 'Refund whole order' }).click();
    await back.getByText('At most $1.00 can go back by cash: that is what it took.').waitFor();
    await expectNoAxeViolations(page);
    await screenshot(page, '46-refund-refused-by-tender');

    // By keyboard: back to $1.00 cash, $2.24 card, and refund.
    await dialog.getByLabel('Cash part').focus();
    await page.keyboard.press('Control+A');
    await page.keyboard.type('1');
    expect(await dialog.getByLabel('Card part').inputValue()).toBe('2.24');
    await dialog.getByRole('button', { name: 'Refund whole order' }).click();
    await expect.poll(() => dialog.innerText()).toContain('Refunded (Wrong drink)');
    await dialog.getByRole('button', { name: 'Close' }).click();

    // The $1.00 that went back as cash came out of the drawer; the card part didn't.
    await drawerScreen(page);
    await expect.poll(async () => cents(await cashRefunds(page))).toBe(before + 100);
    await page.context().close();
  });

  it('a card sale is refunded by card by default; choosing cash for it is refused, and the choice works by keyboard', async () => {
    const page = await signedIn(browser, 'manager@coffeecloud.dev');
    const card = await espresso(page, async (p) => p.keyboard.press('F9'));
    const dialog = await refundDialog(page, card);
    const back = dialog.getByRole('group', { name: 'How the $3.24 goes back' });
    expect(await back.getByRole('radio', { name: 'Card' }).isChecked()).toBe(true);
    await back.getByRole('radio', { name: 'Card' }).focus();
    await page.keyboard.press('ArrowLeft'); // radios move by arrow keys: Card → Cash
    expect(await back.getByRole('radio', { name: 'Cash' }).isChecked()).toBe(true);
    await dialog.getByLabel('Reason for refund').fill('Customer changed their mind');
    await dialog.getByRole('button', { name: 'Refund whole order' }).click();
    await back.getByText('This order took nothing by cash to give back that way.').waitFor();

    await back.getByRole('radio', { name: 'Card' }).check();
    await dialog.getByRole('button', { name: 'Refund whole order' }).click();
    await expect.poll(() => dialog.innerText()).toContain('Refunded (Customer changed their mind)');
    await expectNoAxeViolations(page);
    await page.context().close();
  });
});
