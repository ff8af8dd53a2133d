import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectNoAxeViolations, launchBrowser, screenshot, signedIn } from './browser';

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(() => browser?.close());


async function openEditor(page: Page, name: string) {
  await page.getByRole('button', { name: 'Menu', exact: true }).click();
  await page.getByRole('button', { name: new RegExp(`^${name} \\$`) }).click();
  await page.getByRole('heading', { name: `Edit ${name}` }).waitFor();
}

describe('menu admin in Chromium', () => {
  it('the manager changes Espresso to $3.25; a barista’s register shows and charges it within 10 s; rollback restores $3.00', async () => {
    const barista = await signedIn(browser, 'barista@coffeecloud.dev');
    await barista.getByRole('button', { name: 'Espresso $3.00' }).waitFor();
    expect(await barista.getByRole('button', { name: 'Menu', exact: true }).count()).toBe(0);

    const manager = await signedIn(browser, 'manager@coffeecloud.dev');
    await openEditor(manager, 'Espresso');
    await expectNoAxeViolations(manager);
    await screenshot(manager, '30-menu-editor');
    await manager.getByLabel('Price', { exact: true }).fill('3.25');
    await manager.getByRole('button', { name: 'Save changes' }).click();
    await expect.poll(() => manager.getByRole('table').first().innerText()).toContain('Changed: $3.00 → $3.25');

    const changedAt = Date.now();
    await barista.getByRole('button', { name: 'Espresso $3.25' }).waitFor({ timeout: 10_000 });
    expect(Date.now() - changedAt).toBeLessThan(10_000);
    await barista.getByRole('button', { name: 'Espresso $3.25' }).click();
    await expect.poll(() => barista.getByTestId('total').innerText()).toBe('$3.51');
    await barista.getByRole('button', { name: 'Pay $3.51' }).click();
    await barista.getByRole('button', { name: 'Exact $3.51' }).click();
    expect(await barista.getByRole('region', { name: /placed$/ }).innerText()).toContain('$3.25');

    await manager.getByRole('button', { name: 'Roll back to $3.00' }).click();
    await expect.poll(() => manager.getByRole('table').first().innerText()).toContain('Rolled back: $3.25 → $3.00');
    await expectNoAxeViolations(manager);
    await screenshot(manager, '31-price-history');
    await barista.getByRole('region', { name: /placed$/ }).getByRole('button', { name: 'New order' }).click();
    await barista.getByRole('button', { name: 'Espresso $3.00' }).waitFor({ timeout: 10_000 });
    await manager.context().close();
    await barista.context().close();
  });

  it('a scheduled price shows on the register at its moment, not at the next tick of a poll', async () => {
    const manager = await signedIn(browser, 'manager@coffeecloud.dev', { clock: true });
    await openEditor(manager, 'Cinnamon Roll');
    // A whole minute (the field's precision) far enough ahead that main still calls it the future.
    const at = Math.ceil((Date.now() + 120_000) / 60_000) * 60_000;
    const local = await manager.evaluate((t) => {
      const d = new Date(t);
      const two = (n: number) => String(n).padStart(2, '0');
      return `${d.getFullYear()}-${two(d.getMonth() + 1)}-${two(d.getDate())}T${two(d.getHours())}:${two(d.getMinutes())}`;
    }, at);
    await manager.getByLabel('New price').fill('4.25');
    await manager.getByLabel('Takes effect').fill(local);
    await manager.getByRole('button', { name: 'Schedule price' }).click();
    await manager.getByText('Changes to $4.25').waitFor();

    await manager.getByRole('button', { name: 'Register' }).click();
    await manager.getByRole('button', { name: 'Cinnamon Roll $4.00' }).waitFor();
    // Up to the moment 50 s at a time, with a key press in between, as a barista at the till
    // would: one two-minute jump would lock the idle till (the demo café locks after 2 minutes).
    for (let to = Date.now() + 50_000; to < at - 1; to += 50_000) {
      await manager.clock.pauseAt(to);
      await manager.keyboard.press('Shift');
    }
    await manager.clock.pauseAt(at - 1);
    expect(await manager.getByRole('button', { name: 'Cinnamon Roll $4.00' }).count()).toBe(1);
    // Through the moment a millisecond at a time: react-query hands over fresh data on a timer too,
    // and a paused clock runs only what it is told to. A 15 s poll would not tick in these 20 ms.
    const after = manager.getByRole('button', { name: 'Cinnamon Roll $4.25' });
    for (let step = 0; step < 20 && (await after.count()) === 0; step++) await manager.clock.runFor(1);
    await after.waitFor({ timeout: 5_000 });
    await manager.context().close();
  });

  // Retried once: in 1 of 4 full e2e runs the unchanged save stayed open after the shared-till file
  // ran first (not reproduced alone; the poll below now prints what the dialog said). See closing note.
  it('shop settings: a tax rate of 0.08% (8 meant as 8%) is refused at the field, with what it means, and not saved', { retry: 1 }, async () => {
    const manager = await signedIn(browser, 'manager@coffeecloud.dev');
    await manager.getByRole('button', { name: 'Menu', exact: true }).click();
    await manager.getByRole('button', { name: 'Shop settings' }).click();
    const dialog = manager.getByRole('dialog', { name: 'Shop settings' });
    const tax = dialog.getByLabel('Sales tax (%)');
    expect(await tax.inputValue()).toBe('8.00');
    await tax.fill('0.08');
    await dialog.getByRole('button', { name: 'Save settings' }).click();
    await dialog.getByText('taxRateBps 8 is 0.08%; it is in basis points: 800 = 8%.').waitFor();
    await expectNoAxeViolations(manager);
    await screenshot(manager, '35-shop-settings');
    await dialog.getByRole('button', { name: 'Cancel' }).click();

    await manager.getByRole('button', { name: 'Shop settings' }).click();
    expect(await dialog.getByLabel('Sales tax (%)').inputValue()).toBe('8.00');
    await dialog.getByRole('button', { name: 'Save settings' }).click();
    // Closed once saved; if it stays open, what it says is the failure's message. The save is a
    // DynamoDB write: given 10 s, not a poll's default second.
    await expect.poll(async () => ((await dialog.count()) === 0 ? 'saved' : await dialog.innerText()), { timeout: 10_000 }).toBe('saved');
    await manager.context().close();
  });

  it('two managers edit Chai Latte at once: the second sees what changed and reapplies; nothing is lost', async () => {
    // An item no other test rings: its new price must not change another file's totals.
    const first = await signedIn(browser, 'manager@coffeecloud.dev');
    const second = await signedIn(browser, 'manager@coffeecloud.dev');
    await openEditor(first, 'Chai Latte');
    await openEditor(second, 'Chai Latte');

    await first.getByLabel('Description').fill('Spiced black tea with steamed milk, brewed to order.');
    await first.getByRole('button', { name: 'Save changes' }).click();
    await expect.poll(() => first.getByRole('button', { name: 'Save changes' }).isEnabled()).toBe(true);

    await second.getByLabel('Price', { exact: true }).fill('4.75');
    await second.getByRole('button', { name: 'Save changes' }).click();
    const conflict = second.getByRole('alert').filter({ hasText: 'Someone else saved Chai Latte while you were editing' });
    await conflict.waitFor();
    expect(await conflict.innerText()).toContain('Spiced black tea with steamed milk, brewed to order.');
    await expectNoAxeViolations(second);
    await screenshot(second, '32-conflict');
    await conflict.getByRole('button', { name: 'Reapply my changes' }).click();
    await expect.poll(() => conflict.count()).toBe(0);

    await first.reload();
    await openEditor(first, 'Chai Latte');
    expect(await first.getByLabel('Description').inputValue()).toBe('Spiced black tea with steamed milk, brewed to order.');
    expect(await first.getByLabel('Price', { exact: true }).inputValue()).toBe('4.75');
    await first.context().close();
    await second.context().close();
  });

  it('a barista 86es an item from the register; other registers show it sold out; back in stock again', async () => {
    const barista = await signedIn(browser, 'barista@coffeecloud.dev');
    const other = await signedIn(browser, 'manager@coffeecloud.dev');
    await barista.getByRole('button', { name: '86 items' }).click();
    await barista.getByRole('button', { name: 'Peppermint Tea $3.00' }).click();
    await barista.getByRole('button', { name: 'Peppermint Tea $3.00 Sold out' }).waitFor();
    await expectNoAxeViolations(barista);
    await screenshot(barista, '33-eighty-six');
    await other.getByRole('button', { name: 'Peppermint Tea $3.00 Sold out' }).waitFor({ timeout: 10_000 });
    expect(await other.getByRole('button', { name: 'Peppermint Tea $3.00 Sold out' }).isDisabled()).toBe(true);

    await barista.getByRole('button', { name: 'Peppermint Tea $3.00 Sold out' }).click();
    await barista.getByRole('button', { name: '86 items' }).click();
    await barista.getByRole('button', { name: 'Peppermint Tea $3.00' }).click();
    await expect.poll(() => barista.getByTestId('total').innerText()).toBe('$3.24');
    await barista.context().close();
    await other.context().close();
  });

  it('creates a product and edits categories, with specific errors for bad input', async () => {
    const manager = await signedIn(browser, 'manager@coffeecloud.dev');
    await manager.getByRole('button', { name: 'Menu', exact: true }).click();
    await manager.getByRole('button', { name: 'New product' }).click();
    await manager.getByRole('button', { name: 'Create product' }).click();
    await expect.poll(() => manager.getByText('Enter a name.').isVisible()).toBe(true);
    await manager.getByLabel('Name').fill('Espresso');
    await manager.getByLabel('Price', { exact: true }).fill('3.50');
    await manager.getByRole('button', { name: 'Create product' }).click();
    await expect.poll(() => manager.getByText('Name already used in this category.').isVisible()).toBe(true);
    await manager.getByLabel('Name').fill('Affogato');
    await manager.getByRole('button', { name: 'Add modifier group' }).click();
    await manager.getByRole('button', { name: 'Create product' }).click();
    await manager.getByRole('heading', { name: 'Edit Affogato' }).waitFor();
    await expectNoAxeViolations(manager);
    await screenshot(manager, '34-new-product');

    await manager.getByRole('button', { name: 'Categories' }).click();
    const dialog = manager.getByRole('dialog', { name: 'Categories' });
    await dialog.getByLabel('New category').fill('Seasonal');
    await dialog.getByRole('button', { name: 'Add category' }).click();
    await expectNoAxeViolations(manager);
    await dialog.getByRole('button', { name: 'Save categories' }).click();
    await expect.poll(() => dialog.count()).toBe(0);
    await manager.getByRole('button', { name: 'Register' }).click();
    await manager.getByRole('button', { name: 'Seasonal' }).waitFor();
    await manager.context().close();
  });
});
