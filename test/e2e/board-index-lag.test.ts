import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OrderSummary } from '../../src/shared/orders';
import type { Result } from '../../src/shared/result';
import { launchBrowser, sellEspresso, signedIn } from './browser';

let browser: Browser;

beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(() => browser?.close());

describe('the order board in Chromium', () => {
  it('after Start the ticket stays in Preparing, even while the date index still returns it as placed', async () => {
    const page = await signedIn(browser, 'barista@coffeecloud.dev');
    await page.getByRole('button', { name: /^Espresso/ }).waitFor();
    const ticket = await sellEspresso(page);
    await expect.poll(() => page.getByTestId('sync-indicator').innerText(), { timeout: 20_000 }).toBe('Online · All orders synced');

    // The index lags: every board read keeps answering with the ticket as it was first seen.
    let stale: OrderSummary | undefined;
    let reads = 0;
    await page.route('**/api/orders.board', async (route) => {
      const response = await route.fetch();
      const body = (await response.json()) as Result<OrderSummary[]>;
      if (body.ok) {
        stale ??= body.data.find((o) => o.ticket === ticket);
        if (stale) body.data = [...body.data.filter((o) => o.ticket !== ticket), stale];
      }
      reads += 1;
      await route.fulfill({ response, json: body });
    });

    await page.getByRole('button', { name: 'Order board' }).click();
    const placed = page.getByTestId('column-placed').getByTestId('ticket').filter({ hasText: ticket });
    await placed.getByRole('button', { name: 'Start' }).click();
    const preparing = page.getByTestId('column-preparing').getByTestId('ticket').filter({ hasText: ticket });
    await preparing.waitFor();
    expect(stale).toMatchObject({ status: 'placed' });

    // Two refreshes later (one every 3 s) it is still where Start put it, and can go on to Ready.
    const after = reads;
    await expect.poll(() => reads, { timeout: 20_000 }).toBeGreaterThanOrEqual(after + 2);
    expect(await placed.count()).toBe(0);
    await preparing.getByRole('button', { name: 'Ready' }).click();
    await page.getByTestId('column-ready').getByTestId('ticket').filter({ hasText: ticket }).waitFor();
    expect(await page.locator('.banner-error').count()).toBe(0);
  });
});
