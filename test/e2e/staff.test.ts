import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectNoAxeViolations, launchBrowser, openPos, screenshot, signIn, signedIn } from './browser';

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(() => browser?.close());

const who = (page: Page) => page.getByTestId('signed-in-as').innerText();
const row = (page: Page, email: string) => page.getByTestId(`staff-${email}`);

describe('the Staff screen in Chromium', () => {
  it('a manager invites a new barista, who signs in with the temporary password and sets their own; disabled, their sign-in is refused by name', async () => {
    const manager = await signedIn(browser, 'manager@coffeecloud.dev', { viewport: { width: 1280, height: 800 } });
    await manager.getByRole('button', { name: 'Staff', exact: true }).click();
    await manager.getByRole('heading', { name: 'Staff', exact: true }).waitFor();
    await row(manager, 'riley@coffeecloud.dev').waitFor();
    expect(await row(manager, 'manager@coffeecloud.dev').innerText()).toMatch(/Morgan Lee\s+manager@coffeecloud\.dev\s+Manager\s+Active\s+You/);
    await expectNoAxeViolations(manager);
    await screenshot(manager, 'staff-01-screen');

    await manager.getByRole('button', { name: 'Invite staff member' }).click();
    const dialog = manager.getByRole('dialog', { name: 'Invite a staff member' });
    await dialog.waitFor();
    // An email already in the pool is refused by name, and nothing is created.
    await dialog.getByLabel('Email').fill('barista@coffeecloud.dev');
    await dialog.getByLabel('Name').fill('Jamie Twice');
    await dialog.getByRole('button', { name: 'Invite' }).click();
    await expect.poll(() => dialog.getByText('There’s already an account for barista@coffeecloud.dev in this user pool.').isVisible()).toBe(true);
    await expectNoAxeViolations(manager);
    await screenshot(manager, 'staff-02-invite-dialog');

    const email = `quinn.${Date.now()}@coffeecloud.dev`;
    await dialog.getByLabel('Email').fill(email);
    await dialog.getByLabel('Name').fill('Quinn New');
    expect(await dialog.getByRole('radio', { name: 'Barista' }).isChecked()).toBe(true);
    await dialog.getByRole('button', { name: 'Invite' }).click();
    const invited = manager.getByRole('dialog', { name: 'Quinn New is invited' });
    await invited.waitFor();
    const temporary = await invited.getByTestId('temporary-password').innerText();
    expect(temporary.length).toBeGreaterThanOrEqual(12);
    await expectNoAxeViolations(manager);
    await screenshot(manager, 'staff-03-invited');
    await invited.getByRole('button', { name: 'Done' }).click();
    await expect.poll(() => row(manager, email).innerText()).toMatch(/Quinn New\s+\S+\s+Barista\s+Invited: must choose a password/);

    // The new barista, on a till of their own: the existing first-sign-in flow.
    const quinn = await openPos(browser);
    await signIn(quinn, email, temporary);
    await quinn.getByRole('heading', { name: 'Choose a new password' }).waitFor();
    await quinn.getByLabel('New password', { exact: true }).fill('Quinn#Latte26');
    await quinn.getByLabel('Confirm new password').fill('Quinn#Latte26');
    await quinn.getByRole('button', { name: 'Save password and sign in' }).click();
    await expect.poll(() => who(quinn)).toBe('Quinn New\nBarista');
    await quinn.context().close();

    await manager.getByRole('button', { name: 'Staff', exact: true }).click();
    await manager.reload();
    await manager.getByRole('button', { name: 'Staff', exact: true }).click();
    await expect.poll(() => row(manager, email).innerText()).toMatch(/Barista\s+Active/);
    await row(manager, email).getByRole('button', { name: 'Disable' }).click();
    const confirm = manager.getByRole('dialog', { name: 'Disable Quinn New?' });
    await confirm.waitFor();
    await expectNoAxeViolations(manager);
    await confirm.getByRole('button', { name: 'Disable' }).click();
    await expect.poll(() => manager.getByRole('status').filter({ hasText: 'Quinn New is disabled and signed out everywhere.' }).isVisible()).toBe(true);
    await expect.poll(() => row(manager, email).innerText()).toMatch(/Barista\s+Disabled/);
    expect(await row(manager, email).getByRole('button', { name: 'Enable' }).isVisible()).toBe(true);
    await screenshot(manager, 'staff-04-disabled');

    const again = await openPos(browser);
    await signIn(again, email, 'Quinn#Latte26');
    await expect.poll(() => again.getByRole('alert').innerText()).toBe('This account has been disabled. Ask your manager to enable it again.');
    await again.context().close();
    await manager.context().close();
  });

  it('a barista has no Staff tab (main refuses the channels too: the role matrix)', async () => {
    const barista = await signedIn(browser, 'barista@coffeecloud.dev');
    expect(await barista.getByRole('button', { name: 'Staff', exact: true }).count()).toBe(0);
    await barista.context().close();
  });
});
