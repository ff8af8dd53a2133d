import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningState } from '../../src/main/local/embedded';
import { localClients } from '../../src/main/local/embedded';
import { createCognitoUser } from '../../src/main/local/seed';
import { expectNoAxeViolations, launchBrowser, openPos, screenshot, signIn, web } from './browser';

const PASSWORD = 'CoffeeCloud#2026';
let browser: Browser;

beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(() => browser?.close());

async function header(page: Page) {
  const who = page.getByTestId('signed-in-as');
  await who.waitFor();
  return who.innerText();
}

describe('the manager’s header, with every screen a manager has', () => {
  for (const width of [1024, 1280, 1366, 1920]) {
    it(`at ${width} px: one line, every tab and button whole on screen, the name never gone`, async () => {
      const page = await openPos(browser, { viewport: { width, height: 768 } });
      await signIn(page, 'manager@coffeecloud.dev', PASSWORD);
      await page.getByTestId('signed-in-as').waitFor();
      const bar = (await page.locator('.app-header').boundingBox())!;
      expect(bar.height).toBeLessThanOrEqual(61);
      for (const name of ['Register', 'Order board', 'Loyalty', 'Menu', 'Drawer', 'Reports', 'Staff', 'Timecards', 'Lock', 'Printer', 'Sign out']) {
        const box = (await page.getByRole('button', { name, exact: true }).boundingBox())!;
        expect(box.x, name).toBeGreaterThanOrEqual(0);
        expect(box.x + box.width, name).toBeLessThanOrEqual(width);
        expect(box.y + box.height, name).toBeLessThanOrEqual(bar.y + bar.height);
      }
      expect((await page.getByTestId('signed-in-as').boundingBox())!.width).toBeGreaterThan(40);
      await screenshot(page, `09-manager-header-${width}`);
      await page.context().close();
    });
  }
});

describe('staff sign-in in Chromium through npm run web', () => {
  it('shows an accessible sign-in screen', async () => {
    const page = await openPos(browser);
    await expect.poll(() => page.getByRole('heading', { name: 'Staff sign in' }).isVisible()).toBe(true);
    await expectNoAxeViolations(page);
    await screenshot(page, '01-sign-in');
    await page.context().close();
  });

  it('offers to connect the till to the shop’s AWS account, a manager approving it, and names what is wrong with pasted outputs', async () => {
    // Staff have signed in here (the header tests above): it is the café's till now, fresh or not at its start.
    const page = await openPos(browser);
    await page.getByRole('button', { name: 'Connect to your AWS account' }).click();
    await page.getByRole('heading', { name: 'Connect to your AWS account' }).waitFor();
    await page.getByRole('group', { name: 'A manager of this till signs in to approve the change' }).waitFor();
    await page.getByLabel('Manager’s email').fill('manager@coffeecloud.dev');
    await page.getByLabel('Manager’s password').fill(PASSWORD);
    await page.getByLabel('Stack outputs (JSON)').fill('{"Region": "us-east-1"}');
    await page.getByRole('button', { name: 'Save and connect' }).click();
    await expect.poll(() => page.getByRole('alert').innerText()).toContain('UserPoolId is missing.');
    await expectNoAxeViolations(page);
    await screenshot(page, '07-connect-aws');
    await page.context().close();
  });

  it('names each missing field, and a wrong password says so without saying which', async () => {
    const page = await openPos(browser);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect.poll(() => page.getByText('Enter your email address.').isVisible()).toBe(true);
    await expect(page.getByText('Enter your password.').isVisible()).resolves.toBe(true);
    await expectNoAxeViolations(page);
    await screenshot(page, '02-sign-in-empty');

    await page.getByLabel('Email').fill('barista@coffeecloud');
    await page.getByLabel('Password').fill('x');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect.poll(() => page.getByText('That email address doesn’t look right. Check it for typos.').isVisible()).toBe(true);

    await signIn(page, 'barista@coffeecloud.dev', 'Wrong#Password1');
    await expect.poll(() => page.getByRole('alert').innerText()).toBe('Incorrect email or password.');
    await expectNoAxeViolations(page);
    await screenshot(page, '03-sign-in-wrong-password');
    await page.context().close();
  });

  it('the manager reaches the register, named in the header, and can sign out', async () => {
    const page = await openPos(browser);
    await signIn(page, 'manager@coffeecloud.dev', PASSWORD);
    expect(await header(page)).toBe('Morgan Lee\nManager');
    await expect.poll(() => page.getByRole('heading', { name: 'Menu' }).isVisible()).toBe(true);
    await expect.poll(() => page.getByText('Latte').first().isVisible()).toBe(true);
    await page.getByRole('button', { name: 'Sign out' }).click();
    await expect.poll(() => page.getByRole('heading', { name: 'Staff sign in' }).isVisible()).toBe(true);
    await page.context().close();
  });

  it('the barista reaches an accessible register with the demo menu', async () => {
    const page = await openPos(browser);
    await signIn(page, 'barista@coffeecloud.dev', PASSWORD);
    expect(await header(page)).toBe('Jamie Cruz\nBarista');
    await expect.poll(() => page.getByText('$4.50').first().isVisible()).toBe(true);
    await expect(page.getByRole('button', { name: 'Register' }).getAttribute('aria-current')).resolves.toBe('page');
    await expectNoAxeViolations(page);
    await screenshot(page, '04-register');

    await page.getByLabel('Search menu').fill('muff');
    await expect.poll(() => page.getByRole('list', { name: 'Menu items' }).getByRole('listitem').count()).toBe(1);
    await page.getByRole('button', { name: 'Order board' }).click();
    await expect.poll(() => page.getByRole('heading', { name: 'Order board' }).isVisible()).toBe(true);
    await expectNoAxeViolations(page);
    await screenshot(page, '05-board');
    await page.context().close();
  });

  it('the shipper reaches their deliveries only', async () => {
    const page = await openPos(browser);
    await signIn(page, 'shipper@coffeecloud.dev', PASSWORD);
    expect(await header(page)).toBe('Alex Kim\nShipper');
    await expect.poll(() => page.getByRole('heading', { name: 'Deliveries', level: 1 }).isVisible()).toBe(true);
    expect(await page.getByRole('button', { name: 'Register' }).count()).toBe(0);
    expect(await page.getByRole('button', { name: 'Order board' }).count()).toBe(0);
    await expectNoAxeViolations(page);
    await page.context().close();
  });

  it('a customer account is refused with a clear message and stays on sign-in', async () => {
    const page = await openPos(browser);
    await signIn(page, 'customer@coffeecloud.dev', PASSWORD);
    await expect
      .poll(() => page.getByRole('alert').innerText())
      .toBe('This is a customer account. Only café staff can sign in to the POS.');
    await page.reload();
    await expect.poll(() => page.getByRole('heading', { name: 'Staff sign in' }).isVisible()).toBe(true);
    await page.context().close();
  });

  it('forgot password: a code by email, then a new password that works', async () => {
    const running = JSON.parse(readFileSync(path.join(web().dataDir, 'running.json'), 'utf8')) as RunningState;
    const email = `forgetful-${Date.now()}@coffeecloud.dev`;
    await createCognitoUser(localClients(running).cognito, running.userPoolId, { email, name: 'Frankie Forgetful', group: 'Barista', password: 'Old#Pass123' });

    const page = await openPos(browser);
    await page.getByLabel('Email').fill(email);
    await page.getByRole('button', { name: 'Forgot password?' }).click();
    await page.getByRole('heading', { name: 'Reset your password' }).waitFor();
    expect(await page.getByLabel('Email').inputValue()).toBe(email);
    await page.getByRole('button', { name: 'Send code' }).click();
    await page.getByRole('heading', { name: 'Enter the code' }).waitFor();
    await expectNoAxeViolations(page);
    await screenshot(page, '08-reset-password');

    // cognito-local "emails" the code into its database file.
    const db = JSON.parse(readFileSync(path.join(web().dataDir, 'cognito', '.cognito', 'db', `${running.userPoolId}.json`), 'utf8')) as {
      Users: Record<string, { Attributes: { Name: string; Value: string }[]; ConfirmationCode?: string }>;
    };
    const code = Object.values(db.Users).find((u) => u.Attributes.some((a) => a.Value === email))!.ConfirmationCode!;
    await page.getByLabel('Code', { exact: true }).fill(code);
    await page.getByLabel('New password', { exact: true }).fill('New#Pass456');
    await page.getByLabel('Confirm new password').fill('New#Pass456');
    await page.getByRole('button', { name: 'Reset password' }).click();
    await expect.poll(() => page.getByRole('status').innerText()).toBe('Password changed. Sign in with your new password.');
    await signIn(page, email, 'New#Pass456');
    expect(await header(page)).toBe('Frankie Forgetful\nBarista');
    await page.context().close();
  });

  it('a new staff member signs in with a temporary password and chooses their own', async () => {
    const running = JSON.parse(readFileSync(path.join(web().dataDir, 'running.json'), 'utf8')) as RunningState;
    const email = `riley-${Date.now()}@coffeecloud.dev`;
    await createCognitoUser(localClients(running).cognito, running.userPoolId, {
      email,
      name: 'Riley New',
      group: 'Barista',
      password: 'Temp#Pass1',
      temporary: true,
    });

    const page = await openPos(browser);
    await signIn(page, email, 'Temp#Pass1');
    await expect.poll(() => page.getByRole('heading', { name: 'Choose a new password' }).isVisible()).toBe(true);
    await page.getByLabel('New password', { exact: true }).fill('latte');
    await expectNoAxeViolations(page);
    await screenshot(page, '06-new-password');

    await page.getByLabel('Confirm new password').fill('latte');
    await page.getByRole('button', { name: 'Save password and sign in' }).click();
    await expect
      .poll(() => page.getByRole('alert').innerText())
      .toBe('The new password needs: at least 8 characters; an uppercase letter (A–Z); a number (0–9); a symbol such as # ! @ $ %.');

    await page.getByLabel('New password', { exact: true }).fill('Flat#White9');
    await page.getByLabel('Confirm new password').fill('Flat#White8');
    await page.getByRole('button', { name: 'Save password and sign in' }).click();
    await expect.poll(() => page.getByText('The two passwords don’t match.').isVisible()).toBe(true);

    await page.getByLabel('Confirm new password').fill('Flat#White9');
    await page.getByRole('button', { name: 'Save password and sign in' }).click();
    expect(await header(page)).toBe('Riley New\nBarista');
    await page.context().close();
  });
});
