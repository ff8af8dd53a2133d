import type { Locator, Page } from 'playwright-core';

/**
 * Drives a page the way a barista does and counts what they press: every key press (a chord such as
 * Shift+Enter is one press, each typed character is one) and every tap. Shared by the e2e tests and
 * `npm run bench keys`, so the targets in the tests and the figures printed are counted alike.
 */
export function countingDriver(page: Page, afterEach: () => Promise<void> = async () => {}) {
  const counts = { keys: 0, taps: 0 };
  return {
    counts,
    async press(...keys: string[]) {
      for (const key of keys) {
        counts.keys++;
        await page.keyboard.press(key);
        await afterEach();
      }
    },
    async type(text: string) {
      for (const char of text) {
        counts.keys++;
        await page.keyboard.press(char);
      }
      await afterEach();
    },
    async tap(target: Locator) {
      counts.taps++;
      await target.tap();
      await afterEach();
    },
  };
}

export type CountingDriver = ReturnType<typeof countingDriver>;

/** The Pay button, whole, inside the window: the check run after every press of the rush orders. */
export async function payIsOnScreen(page: Page): Promise<boolean> {
  const box = await page.getByRole('button', { name: /^Pay \$/ }).boundingBox();
  const size = page.viewportSize();
  return !!box && !!size && box.y >= 0 && box.x >= 0 && box.y + box.height <= size.height && box.x + box.width <= size.width;
}

const placed = (page: Page) => page.getByRole('region', { name: /^Order [A-Z][A-Z0-9]{0,3}-\d{3} placed$/ });

/** The placed sale's ticket, once the register shows it with the cart emptied for the next one. */
export async function placedTicket(page: Page): Promise<string> {
  const region = placed(page).last();
  await region.waitFor();
  await page.getByTestId('total').filter({ hasText: /^\$0\.00$/ }).waitFor();
  return (await region.getByRole('heading').first().innerText()).split(' ')[1]!;
}

/** Rush order (a), keys only: Latte (Large, Oat) + Espresso + Mocha, paid by card. */
export async function orderAByKeys(d: CountingDriver, page: Page) {
  await d.type('l');
  await d.press('Enter');
  await page.getByRole('dialog', { name: 'Latte' }).waitFor();
  await d.type('lo'); // Large, Oat: the letters underlined in the dialog
  await d.press('Enter');
  await d.type('e');
  await d.press('Enter');
  await d.type('m');
  await d.press('Shift+Enter'); // Mocha with its usual choices, no dialog
  await d.press('F9'); // the total by card
  return placedTicket(page);
}

/** Rush order (a), taps only. */
export async function orderAByTaps(d: CountingDriver, page: Page) {
  await d.tap(page.getByRole('button', { name: /^Latte/ }));
  const latte = page.getByRole('dialog', { name: 'Latte' });
  await d.tap(latte.getByText('Large'));
  await d.tap(latte.getByText('Oat'));
  await d.tap(latte.getByRole('button', { name: /^Add \$/ }));
  await d.tap(page.getByRole('button', { name: /^Espresso/ }));
  await d.tap(page.getByRole('listitem').filter({ has: page.getByRole('button', { name: /^Mocha/ }) }).getByRole('button', { name: /^\+ / }));
  await d.tap(page.getByRole('button', { name: 'Pay by card' }));
  return placedTicket(page);
}

/** Rush order (b), keys only: three Drip Coffees, $20 cash. */
export async function orderBByKeys(d: CountingDriver, page: Page) {
  await d.type('3d');
  await d.press('Shift+Enter');
  await d.press('F8');
  await page.getByRole('dialog', { name: 'Payment' }).waitFor();
  await d.type('20');
  await d.press('Enter');
  return placedTicket(page);
}
