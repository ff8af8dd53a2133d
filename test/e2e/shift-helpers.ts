import type { Page } from 'playwright-core';

/** Goes to the Drawer screen and waits for it to say whether a shift is open. */
export async function drawerScreen(page: Page): Promise<'open' | 'closed'> {
  await page.getByRole('button', { name: 'Drawer', exact: true }).click();
  const open = page.getByRole('heading', { name: 'Shift open' });
  const closed = page.getByRole('heading', { name: 'Open a shift' });
  await open.or(closed).first().waitFor();
  return (await open.isVisible()) ? 'open' : 'closed';
}

/** Opens a shift with a typed float (a manager's or a barista's page, on the Drawer screen). */
export async function openShift(page: Page, float: string): Promise<void> {
  await page.getByLabel('Float total').fill(float);
  await page.getByRole('button', { name: 'Open shift' }).click();
  await page.getByRole('heading', { name: 'Shift open' }).waitFor();
}

/** A manager closes the open shift with exactly what the X says the drawer holds. */
export async function closeAtExpected(page: Page): Promise<void> {
  const expected = page.getByTestId('drawer-figures').getByRole('row', { name: /^Expected cash/ }).getByRole('cell');
  await expected.waitFor();
  const amount = (await expected.innerText()).replace(/[^0-9.]/g, '');
  await page.getByLabel('Counted total').fill(amount);
  await page.getByRole('button', { name: 'Close shift' }).click();
  await page.getByRole('heading', { name: /^Z report Z-/ }).waitFor();
}
