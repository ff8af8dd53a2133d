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

  it('two managers edit Cortado at once: the second sees what changed and reapplies; nothing is lost', async () => {
    const first = await signedIn(browser, 'manager@coffeecloud.dev');
    const second = await signedIn(browser, 'manager@coffeecloud.dev');
    await openEditor(first, 'Cortado');
    await openEditor(second, 'Cortado');

    await first.getByLabel('Description').fill('Equal parts espresso and warm milk, in a glass.');
    await first.getByRole('button', { name: 'Save changes' }).click();
    await expect.poll(() => first.getByRole('button', { name: 'Save changes' }).isEnabled()).toBe(true);

    await second.getByLabel('Price', { exact: true }).fill('4.00');
    await second.getByRole('button', { name: 'Save changes' }).click();
    const conflict = second.getByRole('alert').filter({ hasText: 'Someone else saved Cortado while you were editing' });
    await conflict.waitFor();
    expect(await conflict.innerText()).toContain('Equal parts espresso and warm milk, in a glass.');
    await expectNoAxeViolations(second);
    await screenshot(second, '32-conflict');
    await conflict.getByRole('button', { name: 'Reapply my changes' }).click();
    await expect.poll(() => conflict.count()).toBe(0);

    await first.reload();
    await openEditor(first, 'Cortado');
    expect(await first.getByLabel('Description').inputValue()).toBe('Equal parts espresso and warm milk, in a glass.');
    expect(await first.getByLabel('Price', { exact: true }).inputValue()).toBe('4.00');
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
