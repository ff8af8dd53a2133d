// Issue #13, item 4: the customer-facing display follows the register, shows no one else, changes nothing.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { attachCustomer, expectNoAxeViolations, launchBrowser, screenshot, signedIn } from './browser';
import { openDisplay as openDisplayFor, shown } from './display-helpers';

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(() => browser?.close());

let link = '';
async function openDisplay(register: Page): Promise<Page> {
  const opened = await openDisplayFor(browser, register);
  link = opened.link;
  return opened.display;
}

describe('the customer display', () => {
  it('follows every key the barista presses, shows the customer’s points, the total and the change', async () => {
    const register = await signedIn(browser, 'barista@coffeecloud.dev');
    await register.getByRole('button', { name: /^Espresso/ }).waitFor();
    const display = await openDisplay(register);
    await expect.poll(() => shown(display)).toContain('Welcome');
    await expectNoAxeViolations(display);
    await screenshot(display, '91-display-idle-1024x768');

    // Ada, found by phone: her first name and points, nobody else's.
    await attachCustomer(register, '555-010-0100', 'Ada Lovelace');
    await expect.poll(() => shown(display)).toMatch(/Hi Ada!\s+You have \d+ points\./);
    expect(await shown(display)).not.toContain('Lovelace');

    // A latte with its usual choices, then an espresso: each line and the total as soon as it is rung.
    await register.keyboard.press('/');
    await register.keyboard.type('latte');
    await register.keyboard.press('Shift+Enter');
    await expect.poll(() => shown(display)).toContain('Latte');
    await register.keyboard.press('/');
    await register.keyboard.type('espresso');
    await register.keyboard.press('Enter');
    const total = await register.getByTestId('total').innerText();
    await expect.poll(() => display.getByTestId('display-total').innerText()).toBe(total);
    expect(await shown(display)).toContain('Espresso');
    expect(await shown(display)).toMatch(/This order earns \d+ points\./);
    expect(await shown(display)).not.toContain('Jamie');
    await expectNoAxeViolations(display);
    await screenshot(display, '92-display-sale-1024x768');

    // $20 cash: the change, as the barista's screen has it.
    await register.keyboard.press('F8');
    await register.getByRole('dialog', { name: 'Payment' }).waitFor();
    await register.keyboard.type('20');
    await register.keyboard.press('Enter');
    await expect.poll(() => display.getByTestId('display-change').innerText()).toMatch(/^\$\d+\.\d\d$/);
    expect(await shown(display)).toContain('Thank you!');
    await expectNoAxeViolations(display);
    await screenshot(display, '93-display-paid-1024x768');

    // The display's link can read its feed and nothing else: not the till, not a sale.
    const secret = decodeURIComponent(display.url().split('#d=')[1] ?? link.split('#d=')[1]!);
    const refused = await display.evaluate(async (displaySecret) => {
      const headers = { 'Content-Type': 'application/json', 'X-Pos-Secret': displaySecret, 'X-Pos-Client': 'display-tablet-0000001' };
      const call = async (channel: string, body: unknown) => (await fetch(`/api/${channel}`, { method: 'POST', headers, body: JSON.stringify(body) })).json();
      return {
        signIn: await call('auth.signIn', { email: 'manager@coffeecloud.dev', password: 'CoffeeCloud#2026' }),
        show: await call('display.show', { kind: 'idle' }),
        lookup: await call('customers.lookup', { query: '555-010-0101' }),
      };
    }, secret);
    for (const answer of Object.values(refused)) {
      expect(answer).toEqual({ ok: false, error: { code: 'FORBIDDEN', message: 'The customer display can only show what the register sends it.' } });
    }
    await register.context().close();
    await display.context().close();
  });
});
