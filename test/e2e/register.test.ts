import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD as PASSWORD, expectNoAxeViolations, launchBrowser, screenshot, signedIn } from './browser';

let browser: Browser;

beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(() => browser?.close());

async function register(email: string): Promise<Page> {
  const page = await signedIn(browser, email);
  await page.getByRole('button', { name: /^Espresso/ }).waitFor();
  return page;
}

const text = (page: Page, testId: string) => page.getByTestId(testId).innerText();

/** Types a search and adds the best match, keys only. */
async function ring(page: Page, search: string) {
  await page.keyboard.press('/');
  await page.keyboard.type(search);
  await page.keyboard.press('Enter');
}

describe('ringing up at the register in Chromium', () => {
  it('a barista rings Latte (Large, Oat) + Espresso by keyboard only and takes $20 cash', async () => {
    const page = await register('barista@coffeecloud.dev');
    await expectNoAxeViolations(page);

    await ring(page, 'latte');
    await page.getByRole('dialog', { name: 'Latte' }).waitFor();
    await page.keyboard.press('ArrowDown'); // Small → Medium
    await page.keyboard.press('ArrowDown'); // Medium → Large
    await page.keyboard.press('Tab'); // to Milk
    await page.keyboard.press('ArrowDown'); // Whole → Oat
    await expect.poll(() => page.getByRole('button', { name: 'Add $6.10' }).isVisible()).toBe(true);
    await expectNoAxeViolations(page);
    await screenshot(page, '10-modifiers');
    await page.keyboard.press('Enter');

    await ring(page, 'espresso');
    await expect.poll(() => text(page, 'total')).toBe('$9.83');
    expect(await text(page, 'subtotal')).toBe('$9.10');
    expect(await text(page, 'tax')).toBe('$0.73');
    await screenshot(page, '11-register-cart');

    await page.keyboard.press('F8');
    await page.getByRole('dialog', { name: 'Payment' }).waitFor();
    await expectNoAxeViolations(page);
    await screenshot(page, '12-payment');
    await page.keyboard.type('20');
    await page.keyboard.press('Enter'); // $20 covers it: the sale completes

    const receipt = page.getByRole('region', { name: /^Order [A-Z][A-Z0-9]{0,3}-\d{3} placed$/ });
    await receipt.waitFor();
    expect(await text(page, 'change-due')).toBe('$10.17');
    const ticket = (await receipt.getByRole('heading').first().innerText()).split(' ')[1]!;
    await expect.poll(() => text(page, 'total')).toBe('$0.00');
    await expectNoAxeViolations(page);
    await screenshot(page, '13-receipt');

    // The ticket is on the board; it moves to completed.
    await page.getByRole('button', { name: 'Order board' }).click();
    const card = page.getByTestId('ticket').filter({ hasText: ticket });
    await card.waitFor();
    await expectNoAxeViolations(page);
    await screenshot(page, '14-board');
    for (const step of ['Start', 'Ready', 'Complete']) {
      // The board ignores taps for half a second after tickets shift: a double tap can't skip a step.
      await page.waitForTimeout(600);
      await card.getByRole('button', { name: step }).click();
      await expect.poll(() => card.getByRole('button', { name: step }).count()).toBe(0);
    }
    await expect.poll(() => page.getByTestId('column-completed').getByText(ticket).isVisible()).toBe(true);
    await page.context().close();
  });

  it('three drinks with modifiers, a quantity change and a card payment, keyboard only', async () => {
    const page = await register('barista@coffeecloud.dev');
    await ring(page, 'cappuccino');
    await page.getByRole('dialog', { name: 'Cappuccino' }).waitFor();
    await page.keyboard.press('ArrowDown'); // Medium
    await page.keyboard.press('Enter');
    await ring(page, 'mocha');
    await page.getByRole('dialog', { name: 'Mocha' }).waitFor();
    await page.keyboard.press('Enter'); // defaults: Small, Whole
    await page.keyboard.press('+'); // two mochas, from the search box
    await ring(page, 'cold brew');
    await page.getByRole('dialog', { name: 'Cold Brew' }).waitFor();
    await page.keyboard.press('Enter');
    // Cappuccino M 475 + 2 × Mocha 500 + Cold Brew 450 = 1925; tax 154; total 2079
    await expect.poll(() => text(page, 'total')).toBe('$20.79');
    await expect(page.getByTestId('cart-line').count()).resolves.toBe(3);

    await page.keyboard.press('F8');
    await page.getByRole('dialog', { name: 'Payment' }).waitFor();
    await page.keyboard.press('Tab'); // card reference
    await page.keyboard.type('VISA 4242');
    await page.keyboard.press('Tab'); // Cash
    await page.keyboard.press('Tab'); // Card
    await page.keyboard.press('Enter'); // covers the total: the sale completes
    const receipt = page.getByRole('region', { name: /placed$/ });
    await receipt.waitFor();
    expect(await receipt.innerText()).toContain('Card VISA 4242');
    await page.context().close();
  });

  it('refuses to complete until the payments cover the total, and names what is wrong', async () => {
    const page = await register('barista@coffeecloud.dev');
    await page.getByRole('button', { name: /^Blueberry Muffin/ }).click();
    await page.getByRole('button', { name: /^Pay \$/ }).click();
    await page.getByLabel('Amount').fill('1.00');
    await page.getByRole('button', { name: 'Cash', exact: true }).click();
    expect(await text(page, 'payment-due')).toBe('$2.51');
    expect(await page.getByRole('button', { name: 'Complete order' }).isDisabled()).toBe(true);
    await page.getByLabel('Amount').fill('abc');
    await page.getByRole('button', { name: 'Cash', exact: true }).click();
    await expect.poll(() => page.getByText('Enter an amount like 12.50.').isVisible()).toBe(true);
    await page.getByLabel('Amount').fill('50');
    await page.getByRole('button', { name: 'Card', exact: true }).click();
    await expect.poll(() => page.getByText('A card can pay at most the $2.51 still due.').isVisible()).toBe(true);
    await page.context().close();
  });

  it('a discount over 20% needs a manager, who approves it at the barista’s till', async () => {
    const page = await register('barista@coffeecloud.dev');
    await page.getByRole('button', { name: /^Avocado Toast/ }).click();
    await page.getByRole('button', { name: 'Order discount' }).click();
    const dialog = page.getByRole('dialog', { name: 'Discount: whole order' });
    await dialog.getByLabel('Percent off').fill('50');
    await dialog.getByLabel('Reason').fill('Burnt toast');
    await dialog.getByText('Manager approval needed').waitFor();
    await expectNoAxeViolations(page);
    await screenshot(page, '15-discount-approval');
    await dialog.getByLabel('Manager email').fill('manager@coffeecloud.dev');
    await dialog.getByLabel('Manager password').fill('wrong');
    await dialog.getByRole('button', { name: 'Approve' }).click();
    await expect.poll(() => dialog.getByRole('alert').innerText()).toBe('Incorrect email or password.');
    await dialog.getByLabel('Manager password').fill(PASSWORD);
    await dialog.getByRole('button', { name: 'Approve' }).click();
    await dialog.getByText('Approved by Morgan Lee.').waitFor();
    await dialog.getByRole('button', { name: 'Apply discount' }).click();
    // 950 − 475 = 475; tax 38; total 513
    await expect.poll(() => text(page, 'total')).toBe('$5.13');
    await page.getByRole('button', { name: /^Pay \$/ }).click();
    await page.getByRole('button', { name: 'Exact $5.13' }).click();
    const receipt = page.getByRole('region', { name: /placed$/ });
    await receipt.waitFor();
    expect(await receipt.innerText()).toContain('Discount approved by Morgan Lee');
    // The barista is still the one signed in.
    expect(await page.getByTestId('signed-in-as').innerText()).toContain('Jamie Cruz');
    await page.context().close();
  });

  it('a manager refunds an order from the board, with a reason, and it is recorded', async () => {
    const page = await register('manager@coffeecloud.dev');
    await page.getByRole('button', { name: /^Espresso/ }).click();
    await page.getByRole('button', { name: /^Pay \$/ }).click();
    await page.getByRole('button', { name: 'Exact $3.24' }).click();
    const placed = page.getByRole('region', { name: /placed$/ });
    const ticket = (await placed.getByRole('heading').first().innerText()).split(' ')[1]!;

    await page.getByRole('button', { name: 'Order board' }).click();
    await page.getByTestId('ticket').filter({ hasText: ticket }).getByRole('button', { name: new RegExp(`^${ticket}`) }).click();
    const dialog = page.getByRole('dialog', { name: `Order ${ticket}` });
    await dialog.getByRole('button', { name: 'Refund' }).click();
    await dialog.getByRole('button', { name: 'Refund whole order' }).click();
    await expect.poll(() => dialog.getByText('Give a reason for the refund (at least 3 characters).').isVisible()).toBe(true);
    await dialog.getByLabel('Reason for refund').fill('Customer changed their mind');
    await expectNoAxeViolations(page);
    await dialog.getByRole('button', { name: 'Refund whole order' }).click();
    await expect.poll(() => dialog.innerText()).toContain('Refunded (Customer changed their mind)');
    await screenshot(page, '16-refunded');
    await dialog.getByRole('button', { name: 'Close' }).click();
    // Nothing left to make: the ticket leaves the queue.
    const card = page.getByTestId('column-completed').getByTestId('ticket').filter({ hasText: ticket });
    await card.waitFor();
    expect(await card.getByRole('button', { name: 'Start' }).count()).toBe(0);
    await page.context().close();
  });
});
