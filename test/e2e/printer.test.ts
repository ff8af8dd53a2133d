import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { squeezed } from '../support/escpos-decode';
import { FakePrinter } from '../support/fake-printer';
import { expectNoAxeViolations, launchBrowser, screenshot, signedIn } from './browser';

let browser: Browser;
let fake: FakePrinter;

beforeAll(async () => {
  browser = await launchBrowser();
  fake = await FakePrinter.start();
});
afterAll(async () => {
  // The web app is shared by every e2e file: leave it with no printer, as it was.
  if (browser) {
    const page = await signedIn(browser, 'manager@coffeecloud.dev');
    await configure(page, '').catch(() => {});
    await browser.close();
  }
  await fake?.close();
});

async function openSettings(page: Page) {
  await page.getByRole('button', { name: 'Printer', exact: true }).click();
  const dialog = page.getByRole('dialog', { name: 'Printer settings' });
  await dialog.getByLabel('Printer address').waitFor();
  return dialog;
}

async function configure(page: Page, host: string) {
  const dialog = await openSettings(page);
  await dialog.getByLabel('Printer address').fill(host);
  await dialog.getByRole('button', { name: 'Save' }).click();
  await dialog.getByText('Printer settings saved.').waitFor();
  await dialog.getByRole('button', { name: 'Close' }).click();
}

/** An espresso, paid by cash ($5) or by card, completed; returns its ticket. */
async function sell(page: Page, by: 'cash' | 'card'): Promise<string> {
  await page.getByRole('button', { name: 'Register' }).click();
  await page.getByRole('button', { name: /^Espresso/ }).click();
  await page.getByRole('button', { name: /^Pay \$/ }).click();
  const payment = page.getByRole('dialog', { name: 'Payment' });
  if (by === 'cash') {
    await payment.getByLabel('Amount').fill('5');
    await payment.getByRole('button', { name: 'Cash', exact: true }).click();
  } else {
    await payment.getByRole('button', { name: 'Card', exact: true }).click();
  }
  // A tender that covers the total completes the sale.
  const receipt = page.getByRole('region', { name: /^Order [A-Z][A-Z0-9]{0,3}-\d{3} placed$/ });
  await receipt.waitFor();
  const ticket = (await receipt.getByRole('heading').first().innerText()).split(' ')[1]!;
  await receipt.getByRole('button', { name: 'New order' }).click();
  return ticket;
}

const jobsFor = (ticket: string) => fake.jobs.filter((j) => j.big[0] === ticket);

describe('the receipt printer in Chromium', () => {
  it('a manager sets it up, sales print (cash opens the drawer, card doesn’t), a dead printer shows the message while sales go on, and Retry prints', async () => {
    const page = await signedIn(browser, 'manager@coffeecloud.dev');
    await page.setViewportSize({ width: 1024, height: 768 });

    const dialog = await openSettings(page);
    await dialog.getByLabel('Printer address').fill(fake.host);
    await dialog.getByLabel('Port').fill(String(fake.port));
    await dialog.getByLabel(/cash drawer is plugged into this printer/).check();
    await dialog.getByLabel('Receipt footer').fill('Merci, à bientôt !');
    await dialog.getByRole('button', { name: 'Print test page' }).click();
    await dialog.getByText(`Test page sent to ${fake.host}:${fake.port}.`).waitFor();
    expect(squeezed(fake.jobs[0]!)).toContain('Currency: $ € £ ¥');
    await expectNoAxeViolations(page);
    await screenshot(page, '40-printer-settings');
    // A wrong address is refused with what to fix, and nothing is saved.
    await dialog.getByLabel('Port').fill('99999');
    await dialog.getByRole('button', { name: 'Save' }).click();
    await dialog.getByText('The port is between 1 and 65535 (usually 9100).').waitFor();
    await dialog.getByLabel('Port').fill(String(fake.port));
    await dialog.getByRole('button', { name: 'Save' }).click();
    await dialog.getByText('Printer settings saved.').waitFor();
    await dialog.getByRole('button', { name: 'Close' }).click();

    const cash = await sell(page, 'cash');
    await expect.poll(() => jobsFor(cash).length).toBe(1);
    const [cashJob] = jobsFor(cash);
    expect(cashJob!.kicks).toBe(1);
    expect(squeezed(cashJob!)).toEqual(expect.arrayContaining(['1 × Espresso $3.00', 'TOTAL $3.24', 'Cash $5.00', 'Change $1.76', 'Merci, à bientôt !']));

    const card = await sell(page, 'card');
    await expect.poll(() => jobsFor(card).length).toBe(1);
    expect(jobsFor(card)[0]!.kicks).toBe(0);

    // Switched off: the sale still completes, and the message says so.
    await fake.setMode('refuse');
    const missed = await sell(page, 'cash');
    const message = page.getByRole('region', { name: `Receipt ${missed} didn’t print` });
    await message.waitFor({ timeout: 20_000 });
    expect(await message.innerText()).toContain('refused the connection: is it switched on?');
    // …and the next sale completes too, while the printer is still off.
    const next = await sell(page, 'card');
    expect(next).not.toBe(missed);
    await expectNoAxeViolations(page);
    await screenshot(page, '41-print-failed');

    // Print in the window instead shows the receipt to print; closing it keeps the message.
    await message.getByRole('button', { name: 'Print in the window instead' }).click();
    const windowReceipt = page.getByRole('dialog', { name: `Receipt ${missed}` });
    await windowReceipt.getByRole('article', { name: `Receipt ${missed}` }).waitFor();
    await expectNoAxeViolations(page);
    await windowReceipt.getByRole('button', { name: 'Close' }).click();

    // The card sale's receipt has used up its tries too before the printer comes back on.
    const other = page.getByRole('region', { name: `Receipt ${next} didn’t print` });
    await other.waitFor();
    await fake.setMode('print');
    await message.getByRole('button', { name: 'Retry' }).click();
    await expect.poll(() => jobsFor(missed).length).toBe(1);
    await expect.poll(() => message.count()).toBe(0);
    expect(jobsFor(missed)[0]!.kicks).toBe(0);
    // The card sale's failed receipt is still there to dismiss.
    await other.getByRole('button', { name: /^Dismiss/ }).click();
    await expect.poll(() => other.count()).toBe(0);
    expect(jobsFor(missed)).toHaveLength(1);
    await page.context().close();
  });

  it('a barista has no printer settings, and reprints from the board', async () => {
    const page = await signedIn(browser, 'barista@coffeecloud.dev');
    expect(await page.getByRole('button', { name: 'Printer', exact: true }).count()).toBe(0);
    const ticket = await sell(page, 'card');
    await expect.poll(() => jobsFor(ticket).length).toBe(1);
    await page.getByRole('button', { name: 'Order board' }).click();
    await page.getByTestId('ticket').filter({ hasText: ticket }).getByRole('button', { name: new RegExp(ticket) }).first().click();
    const order = page.getByRole('dialog', { name: `Order ${ticket}` });
    await order.getByRole('button', { name: 'Print on receipt printer' }).click();
    await expect.poll(() => jobsFor(ticket).length).toBe(2);
    expect(jobsFor(ticket)[1]!.kicks).toBe(0);
    await page.context().close();
  });
});
