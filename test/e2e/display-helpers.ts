import type { Browser, Page } from 'playwright-core';
import { expectNoAxeViolations, screenshot } from './browser';

/** What the customer display shows. */
export const shown = (display: Page) => display.locator('main').innerText();

/** The register's "Customer display" link, opened as a tablet facing the customer would. */
export async function openDisplay(browser: Browser, register: Page, shot = '90-display-link'): Promise<{ display: Page; link: string }> {
  await register.getByRole('button', { name: 'Customer display' }).click();
  const dialog = register.getByRole('dialog', { name: 'Customer display' });
  const link = await dialog.getByTestId('display-link').innerText();
  await expectNoAxeViolations(register);
  await screenshot(register, shot);
  await register.keyboard.press('Escape');
  const tablet = await browser.newContext({ viewport: { width: 1024, height: 768 }, hasTouch: true });
  const display = await tablet.newPage();
  await display.goto(link);
  return { display, link };
}
