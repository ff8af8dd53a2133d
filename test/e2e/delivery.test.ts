// Issue #13, "Done when": a delivery for Ada, cash on delivery, two shippers, the board, the receipt and the display.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { attachCustomer, expectNoAxeViolations, launchBrowser, screenshot, signedIn } from './browser';
import { openDisplay, shown } from './display-helpers';

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(() => browser?.close());

const ticketCard = (page: Page, ticket: string) => page.getByTestId('ticket').filter({ hasText: ticket });
const deliveryCard = (page: Page, ticket: string) => page.getByTestId('delivery').filter({ hasText: ticket });

describe('a delivery from the counter to Ada’s door', () => {
  it('is rung for Ada with her address and phone, claimed by one shipper of two, and delivered with the cash', async () => {
    const register = await signedIn(browser, 'barista@coffeecloud.dev');
    await register.getByRole('button', { name: /^Espresso/ }).waitFor();
    const { display } = await openDisplay(browser, register, '95-delivery-display-link');
    await expect.poll(() => shown(display)).toContain('Welcome');

    // Ada from her loyalty record: the display greets her with her points.
    await attachCustomer(register, '555-010-0100', 'Ada Lovelace');
    await expect.poll(() => shown(display)).toMatch(/Hi Ada!\s+You have \d+ points\./);

    await register.keyboard.press('/');
    await register.keyboard.type('espresso');
    await register.keyboard.press('Enter');
    await expect.poll(() => shown(display)).toContain('Espresso');

    // Delivery in one tap: her name, address and phone are already on it, from her loyalty record.
    await register.getByRole('group', { name: 'Order type' }).getByRole('button', { name: 'Delivery' }).click();
    await expect.poll(() => register.getByTestId('order-type-summary').innerText()).toBe('Ada Lovelace, 12 Analytical Row, Apt 3, +1 555 010 0100 · fee $2.00');
    await register.getByRole('button', { name: 'Delivery details' }).click();
    const details = register.getByRole('dialog', { name: 'Delivery details' });
    await expect.poll(() => details.getByLabel('Address').inputValue()).toBe('12 Analytical Row, Apt 3');
    expect(await details.getByLabel('Phone').inputValue()).toBe('+15550100100');
    expect(await details.getByLabel('Customer name').inputValue()).toBe('Ada Lovelace');
    // A missing address is named in the form, and nothing is kept until it is given back.
    await details.getByLabel('Address').fill('');
    await details.getByRole('button', { name: 'Save details' }).click();
    await expect.poll(() => details.innerText()).toContain('A delivery needs an address: street and number at least.');
    await details.getByLabel('Address').fill('12 Analytical Row, Apt 3');
    await details.getByLabel('Delivery notes').fill('Ring twice');
    await details.getByLabel('Cash on delivery').check();
    await expectNoAxeViolations(register);
    await screenshot(register, '96-delivery-details');
    await details.getByRole('button', { name: 'Save details' }).click();
    await details.waitFor({ state: 'detached' });

    // $3.00 + $2.00 fee, 8% on both: what the register and the display both show.
    await expect.poll(() => register.getByTestId('total').innerText()).toBe('$5.40');
    expect(await register.getByTestId('delivery-fee').innerText()).toBe('$2.00');
    await expect.poll(() => display.getByTestId('display-total').innerText()).toBe('$5.40');
    // The customer sees the fee the total has in it: $3.00 + $2.00 + $0.40 tax.
    expect(await display.getByTestId('display-fee').innerText()).toBe('$2.00');
    expect(await register.getByTestId('order-type-summary').innerText()).toContain('cash on delivery');
    await expectNoAxeViolations(register);
    await screenshot(register, '97-delivery-cart');

    await register.getByRole('button', { name: 'Place order, $5.40 on delivery' }).click();
    const receipt = register.getByRole('region', { name: /^Order [A-Z][A-Z0-9]{0,3}-\d{3} placed$/ });
    await receipt.waitFor();
    const ticket = (await receipt.getByRole('heading').first().innerText()).split(' ')[1]!;
    expect(await receipt.getByTestId('receipt-type').innerText()).toBe('Delivery');
    expect(await receipt.getByTestId('receipt-delivery').innerText()).toContain('12 Analytical Row, Apt 3');
    // Nothing was paid at the till: the display says what the shipper collects, not "Paid $0.00".
    await expect.poll(() => display.getByTestId('display-on-delivery').innerText()).toBe('$5.40');
    expect(await shown(display)).not.toContain('Paid');
    await screenshot(display, '98-delivery-display-placed');

    // The counter makes it and marks it ready; the board says it waits for a shipper.
    await register.getByRole('button', { name: 'Order board' }).click();
    const card = ticketCard(register, ticket);
    await expect.poll(() => card.getByTestId('ticket-type').innerText()).toBe('Delivery · Ada Lovelace · Waiting for a shipper');
    for (const step of ['Start', 'Ready']) {
      await register.waitForTimeout(600);
      await card.getByRole('button', { name: step }).click();
      await expect.poll(() => card.getByRole('button', { name: step }).count()).toBe(0);
    }

    // Two shippers look at the same list.
    const alex = await signedIn(browser, 'shipper@coffeecloud.dev', { hasTouch: true, viewport: { width: 1024, height: 768 } });
    const sam = await signedIn(browser, 'sam@coffeecloud.dev');
    const alexCard = deliveryCard(alex, ticket);
    const samCard = deliveryCard(sam, ticket);
    // Ready once the board's moves have reached the cloud (the board sends them after its undo window).
    await expect.poll(async () => (await alexCard.innerText()).includes('still being made'), { timeout: 20_000 }).toBe(false);
    await expect.poll(async () => (await samCard.innerText()).includes('still being made'), { timeout: 20_000 }).toBe(false);
    expect(await alexCard.innerText()).toContain('Collect $5.40 cash');
    expect(await alexCard.innerText()).not.toContain('Espresso');
    await expectNoAxeViolations(alex);
    await screenshot(alex, '99-shipper-ready-1024x768');

    await alexCard.getByRole('button', { name: `Claim ${ticket}` }).tap();
    await expect.poll(() => alexCard.getByTestId('delivery-status').innerText()).toBe('Claimed · Alex Kim');
    await samCard.getByRole('button', { name: `Claim ${ticket}` }).click();
    await expect.poll(() => sam.getByRole('alert').filter({ hasText: 'already has' }).innerText()).toBe(`Alex Kim already has ${ticket}.`);
    await expectNoAxeViolations(sam);
    await screenshot(sam, '100-shipper-claim-refused');

    await alexCard.getByRole('button', { name: 'Out for delivery' }).tap();
    await expect.poll(() => alexCard.getByTestId('delivery-status').innerText()).toBe('Out for delivery · Alex Kim');
    await alexCard.getByRole('button', { name: 'Delivered' }).tap();
    const cash = alex.getByRole('dialog', { name: `Cash collected for ${ticket}` });
    expect(await cash.getByLabel('Cash collected').inputValue()).toBe('5.40');
    await expectNoAxeViolations(alex);
    await screenshot(alex, '101-shipper-cash-1024x768');
    await cash.getByRole('button', { name: 'Mark delivered' }).tap();
    await cash.waitFor({ state: 'detached' });
    await expect.poll(() => alexCard.getByTestId('delivery-status').innerText()).toBe('Delivered · Alex Kim');
    expect(await alexCard.innerText()).toContain('Cash collected $5.40');
    await screenshot(alex, '102-shipper-delivered-1024x768');

    // The counter's board and the receipt show the type and the shipper.
    await expect.poll(() => card.getByTestId('ticket-type').innerText(), { timeout: 15_000 }).toBe('Delivery · Ada Lovelace · Delivered (Alex Kim)');
    await card.getByRole('button').first().click();
    const opened = register.getByRole('dialog', { name: `Order ${ticket}` });
    await expect.poll(() => opened.getByTestId('receipt-delivery').innerText()).toContain('Shipper: Alex Kim');
    expect(await opened.getByTestId('receipt-type').innerText()).toBe('Delivery');
    expect(await opened.innerText()).toContain('$5.40 collected');
    await expectNoAxeViolations(register);
    await screenshot(register, '103-board-delivery-receipt');

    // Back at the counter, Alex's cash goes into this till's drawer with one tap.
    await register.keyboard.press('Escape');
    await opened.waitFor({ state: 'detached' });
    await register.getByRole('button', { name: 'Drawer', exact: true }).click();
    await register.getByRole('button', { name: /^Take in \$\d+\.\d\d from Alex Kim$/ }).click();
    await expect.poll(() => register.getByRole('status').filter({ hasText: 'Took in' }).innerText()).toMatch(new RegExp(`^Took in \\$\\d+\\.\\d\\d for .*${ticket}`));
    expect(await register.getByRole('button', { name: /from Alex Kim$/ }).count()).toBe(0);
    await expectNoAxeViolations(register);
    await screenshot(register, '104-drawer-cash-on-delivery-taken-in');

    for (const page of [register, display, alex, sam]) await page.context().close();
  });

  it('a cash-on-delivery order the customer calls off is cancelled with nothing to give back', async () => {
    const page = await signedIn(browser, 'manager@coffeecloud.dev');
    await page.getByRole('button', { name: /^Espresso/ }).waitFor();
    await page.keyboard.press('/');
    await page.keyboard.type('espresso');
    await page.keyboard.press('Enter');
    await page.getByRole('group', { name: 'Order type' }).getByRole('button', { name: 'Delivery' }).click();
    const details = page.getByRole('dialog', { name: 'Delivery details' });
    await details.getByLabel('Customer name').fill('Grace Hopper');
    await details.getByLabel('Address').fill('1 Compiler Way');
    await details.getByLabel('Phone').fill('555-010-0199');
    await details.getByLabel('Cash on delivery').check();
    await details.getByRole('button', { name: 'Save details' }).click();
    await details.waitFor({ state: 'detached' });
    await page.getByRole('button', { name: 'Place order, $5.40 on delivery' }).click();
    const receipt = page.getByRole('region', { name: /^Order [A-Z][A-Z0-9]{0,3}-\d{3} placed$/ });
    await receipt.waitFor();
    const ticket = (await receipt.getByRole('heading').first().innerText()).split(' ')[1]!;

    await page.getByRole('button', { name: 'Order board' }).click();
    // Made, and claimed by Alex, who has it when the customer rings to call it off.
    const card = ticketCard(page, ticket);
    for (const step of ['Start', 'Ready']) {
      await page.waitForTimeout(600);
      await card.getByRole('button', { name: step }).click();
      await expect.poll(() => card.getByRole('button', { name: step }).count()).toBe(0);
    }
    const alex = await signedIn(browser, 'shipper@coffeecloud.dev', { hasTouch: true, viewport: { width: 1024, height: 768 } });
    const alexCard = deliveryCard(alex, ticket);
    await expect.poll(async () => (await alexCard.innerText()).includes('still being made'), { timeout: 20_000 }).toBe(false);
    await alexCard.getByRole('button', { name: `Claim ${ticket}` }).tap();
    await expect.poll(() => alexCard.getByTestId('delivery-status').innerText()).toBe('Claimed · Alex Kim');

    await card.getByRole('button', { name: new RegExp(`^${ticket}`) }).click();
    const dialog = page.getByRole('dialog', { name: `Order ${ticket}` });
    await dialog.getByRole('button', { name: 'Cancel order', exact: true }).click();
    // Nothing was paid: no "how it goes back" to choose, and it says so.
    await expect.poll(() => dialog.innerText()).toContain('Nothing has been paid yet (cash on delivery)');
    expect(await dialog.getByRole('group', { name: /goes back/ }).count()).toBe(0);
    await dialog.getByLabel('Reason for cancelling').fill('Customer called to cancel');
    await expectNoAxeViolations(page);
    await screenshot(page, '99-delivery-cancel-unpaid');
    await dialog.getByRole('button', { name: `Cancel order ${ticket}` }).click();
    await expect.poll(() => dialog.innerText()).toContain('Cancelled');
    // Alex's list says to stop, with nothing left to tap, instead of the trip vanishing from it.
    await expect.poll(() => alexCard.getByTestId('delivery-status').innerText(), { timeout: 15_000 }).toBe('Cancelled · Alex Kim');
    expect(await alexCard.innerText()).toContain('Called off: don’t deliver it');
    expect(await alexCard.getByRole('button').count()).toBe(0);
    await expectNoAxeViolations(alex);
    await screenshot(alex, '105-shipper-trip-cancelled-1024x768');
    await alex.context().close();
    await page.context().close();
  });
});
