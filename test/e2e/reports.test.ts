import Papa from 'papaparse';
import { readFileSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectNoAxeViolations, launchBrowser, screenshot, sellEspresso, signedIn } from './browser';

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(() => browser?.close());

/** The summary's figures as the screen shows them: label → text. */
async function summary(page: Page): Promise<Record<string, string>> {
  return page.getByRole('article', { name: /^Sales, / }).locator('dl[aria-label="Summary"]').evaluate((dl) => {
    const out: Record<string, string> = {};
    for (const card of dl.querySelectorAll('div')) out[card.querySelector('dt')!.textContent!] = card.querySelector('dd')!.textContent!;
    return out;
  });
}

const cents = (text: string) => Math.round(Number(text.replace(/[^0-9.-]/g, '')) * 100);

async function openReports(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Reports', exact: true }).click();
  await page.getByRole('heading', { name: /^Sales, / }).waitFor();
}

/** Today's report, asked for again until it shows `orders` orders. */
async function showToday(page: Page, orders: number): Promise<Record<string, string>> {
  await page.getByRole('button', { name: 'Today' }).click();
  await expect.poll(async () => Number((await summary(page))['Orders'])).toBe(orders);
  return summary(page);
}

async function downloaded(page: Page, button: string): Promise<{ name: string; rows: string[][] }> {
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: button }).click()]);
  const text = readFileSync((await download.path())!, 'utf8');
  expect(text.charCodeAt(0)).toBe(0xfeff); // so spreadsheets read UTF-8
  return { name: download.suggestedFilename(), rows: Papa.parse<string[]>(text.slice(1), { skipEmptyLines: true }).data };
}

describe('Reports in Chromium', () => {
  it('a manager rings two sales, sees them in today’s report, and the CSVs parse back to the same figures', async () => {
    const manager = await signedIn(browser, 'manager@coffeecloud.dev', { viewport: { width: 1366, height: 768 } });
    await openReports(manager);
    const before = await summary(manager);

    await manager.getByRole('button', { name: 'Register', exact: true }).click();
    await sellEspresso(manager);
    await manager.getByRole('region', { name: /placed$/ }).getByRole('button', { name: 'New order' }).click();
    await sellEspresso(manager);

    await openReports(manager);
    const after = await showToday(manager, Number(before['Orders']) + 2);
    // Two espressos: $3.00 + $0.24 tax each, paid in cash.
    expect(cents(after['Net sales']!) - cents(before['Net sales']!)).toBe(600);
    expect(cents(after['Tax']!) - cents(before['Tax']!)).toBe(48);
    expect(Number(after['Orders']) - Number(before['Orders'])).toBe(2);
    const hours = manager.getByRole('table', { name: 'Sales by hour' });
    await expect.poll(() => hours.getByRole('row').count()).toBeGreaterThan(1);
    await manager.locator('.hour-chart canvas').first().waitFor();

    const csvSummary = await downloaded(manager, 'Download summary CSV');
    expect(csvSummary.name).toMatch(/^summary-\d{4}-\d{2}-\d{2}\.csv$/);
    const figures = Object.fromEntries(csvSummary.rows.slice(1));
    expect(cents(figures['net sales']!)).toBe(cents(after['Net sales']!));
    expect(cents(figures['tax']!)).toBe(cents(after['Tax']!));
    expect(Number(figures['orders'])).toBe(Number(after['Orders']));

    const tenders = await downloaded(manager, 'Download tenders CSV');
    const netByTender = tenders.rows.slice(1).reduce((s, r) => s + cents(r[5]!), 0);
    expect(netByTender).toBe(cents(after['Net sales + tax']!));

    const orders = await downloaded(manager, 'Download orders CSV');
    const head = orders.rows[0]!;
    const col = (name: string) => head.indexOf(name);
    const body = orders.rows.slice(1);
    expect(body.filter((r) => r[col('status')] !== 'cancelled')).toHaveLength(Number(after['Orders']));
    expect(body.reduce((s, r) => s + cents(r[col('total')]!) - cents(r[col('refunded')]!), 0)).toBe(cents(after['Net sales + tax']!));
    expect(body.filter((r) => r[col('items')] === '1 × Espresso' && r[col('staff')] === 'Morgan Lee').length).toBeGreaterThanOrEqual(2);

    await expectNoAxeViolations(manager);
    await screenshot(manager, '60-reports-1366');
    await manager.setViewportSize({ width: 1024, height: 768 });
    await expectNoAxeViolations(manager);
    await screenshot(manager, '61-reports-1024');
    await manager.getByRole('heading', { name: 'By staff member' }).scrollIntoViewIfNeeded();
    await screenshot(manager, '62-reports-tables-1024');
    await manager.context().close();
  });

  it('a bad range is explained on the form, and nothing is read', async () => {
    const manager = await signedIn(browser, 'manager@coffeecloud.dev', { viewport: { width: 1024, height: 768 } });
    await openReports(manager);
    await manager.getByLabel('From').fill('2026-01-01');
    await manager.getByLabel('To').fill('2026-03-01');
    await manager.getByRole('button', { name: 'Show report' }).click();
    await manager.getByText('2026-01-01 to 2026-03-01 is 60 days; a report covers at most 31. Choose a shorter range.').waitFor();
    await expectNoAxeViolations(manager);
    await manager.context().close();
  });

  it('a barista has no Reports screen, and main refuses the channel', async () => {
    const barista = await signedIn(browser, 'barista@coffeecloud.dev');
    await barista.getByRole('button', { name: 'Register', exact: true }).waitFor();
    expect(await barista.getByRole('button', { name: 'Reports', exact: true }).count()).toBe(0);
    const refused = await barista.evaluate(async () => {
      const { sessionStorage } = globalThis as unknown as { sessionStorage: { getItem(key: string): string | null } };
      const response = await fetch('/api/reports.sales', {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', 'X-Pos-Secret': sessionStorage.getItem('pos.bridgeSecret')!, 'X-Pos-Client': sessionStorage.getItem('pos.clientId')! },
        body: JSON.stringify({ from: '2026-01-01', to: '2026-01-01' }),
      });
      return response.json();
    });
    expect(refused).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    await barista.context().close();
  });
});
