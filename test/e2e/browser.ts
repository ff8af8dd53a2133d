import AxeBuilder from '@axe-core/playwright';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { expect, inject } from 'vitest';
import { placedTicket } from './counting';

export { placedTicket };

export { launchBrowser } from '../chromium';

export const web = () => inject('web');

export interface TabOptions {
  viewport?: { width: number; height: number };
  /** A touch screen: taps with locator.tap(). */
  hasTouch?: boolean;
  /** The tab's time is the test's to move. */
  clock?: boolean;
}

/** A fresh tab (its own POS session) on the printed URL, secret included. */
export async function openPos(browser: Browser, { viewport = { width: 1280, height: 800 }, hasTouch = false, clock = false }: TabOptions = {}): Promise<Page> {
  const context = await browser.newContext({ viewport, hasTouch });
  const page = await context.newPage();
  if (clock) await page.clock.install();
  await page.goto(web().url);
  return page;
}

const shotDir = path.resolve('test-results', 'screenshots');
export async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync(shotDir, { recursive: true });
  await page.screenshot({ path: path.join(shotDir, `${name}.png`), fullPage: true });
}

export async function expectNoAxeViolations(page: Page): Promise<void> {
  const { violations } = await new AxeBuilder({ page }).analyze();
  expect(violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
}

export async function signIn(page: Page, email: string, password: string): Promise<void> {
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password', { exact: true }).fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
}

export const DEMO_PASSWORD = 'CoffeeCloud#2026';

/** A fresh tab signed in as one of the demo accounts, once the header shows who it is. */
export async function signedIn(browser: Browser, email: string, options: TabOptions = {}): Promise<Page> {
  const page = await openPos(browser, options);
  await signIn(page, email, DEMO_PASSWORD);
  await page.getByTestId('signed-in-as').waitFor();
  return page;
}

/** Rings an espresso ($3.24 with tax) by keyboard and opens the payment step. */
export async function espressoToPayment(page: Page): Promise<void> {
  await page.keyboard.press('/');
  await page.keyboard.type('espresso');
  await page.keyboard.press('Enter');
  await expect.poll(() => page.getByTestId('total').innerText()).toBe('$3.24');
  await page.keyboard.press('F8');
  await page.getByRole('dialog', { name: 'Payment' }).waitFor();
}

/** An espresso, paid with a $5 note, by keyboard, as a barista does it. */
export async function sellEspresso(page: Page): Promise<string> {
  await espressoToPayment(page);
  await page.keyboard.type('5');
  await page.keyboard.press('Enter'); // $5 covers it: the sale completes
  return placedTicket(page);
}

/**
 * Puts a loyalty customer on the sale from the Customer dialog, found by what a barista types;
 * `tap` does it with a finger on a touch screen.
 */
export async function attachCustomer(page: Page, query: string, name: string, { tap = false } = {}): Promise<void> {
  const press = (target: ReturnType<Page['getByRole']>) => (tap ? target.tap() : target.click());
  await press(page.getByRole('button', { name: 'Add customer' }));
  const finder = page.getByRole('dialog', { name: 'Customer' });
  await finder.getByLabel('Phone or email').fill(query);
  await press(finder.getByRole('button', { name: 'Find' }));
  await press(finder.getByRole('button', { name: new RegExp(`^${name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`) }));
}
