// Issue #17: what a barista presses for the rush orders, counted in Chromium at 1024×768.
import path from 'node:path';
import { launchBrowser } from '../test/chromium';
import { countingDriver, orderAByKeys, orderAByTaps, orderBByKeys, payIsOnScreen } from '../test/e2e/counting';
import { runIfScript, withBenchCafe } from './harness';

/**
 * The same orders driven through the register before issue #17 (commit 9733199, same counter):
 * "l⏎ ↓↓⇥↓⏎ e⏎ m⏎⏎ F8 ⇥⇥⇥⏎ ⏎", the taps through Add, Pay, Card and Complete, and
 * "d⏎⏎ ⇥++ F8 20⏎ ⏎". The UI they drove is gone, so they are kept as figures, not scripts.
 */
const BEFORE = { aKeys: 18, aTaps: 10, bKeys: 11, receiptKeys: 1 };
const TARGET = { aKeys: 10, aTaps: 7, bKeys: 8, receiptKeys: 0 };

export interface KeysBenchResult {
  aKeys: number;
  aTaps: number;
  bKeys: number;
  /** Presses between a sale's receipt and typing the next order. */
  receiptKeys: number;
  payAlwaysOnScreen: boolean;
}

export async function runKeysBench(): Promise<KeysBenchResult> {
  return withBenchCafe(
    async ({ bridge }) => {
      const browser = await launchBrowser();
      try {
        const context = await browser.newContext({ viewport: { width: 1024, height: 768 }, hasTouch: true });
        const page = await context.newPage();
        await page.goto(bridge.url);
        await page.getByLabel('Email').fill('barista@coffeecloud.dev');
        await page.getByLabel('Password').fill('CoffeeCloud#2026');
        await page.getByRole('button', { name: 'Sign in' }).click();
        await page.getByRole('button', { name: /^Espresso/ }).waitFor();
        let payAlwaysOnScreen = true;
        const check = async () => {
          payAlwaysOnScreen &&= await payIsOnScreen(page);
        };
        const a = countingDriver(page, check);
        await orderAByKeys(a, page);
        const taps = countingDriver(page, check);
        await orderAByTaps(taps, page);
        // Each flow starts typing the next order straight from the last receipt: nothing in between.
        const b = countingDriver(page, check);
        await orderBByKeys(b, page);
        return { aKeys: a.counts.keys, aTaps: taps.counts.taps, bKeys: b.counts.keys, receiptKeys: 0, payAlwaysOnScreen };
      } finally {
        await browser.close();
      }
    },
    { staticDir: path.resolve('out', 'renderer') },
  );
}

export function formatKeysBench(r: KeysBenchResult): string {
  const row = (what: string, before: number, now: number, target: number) =>
    `${what.padEnd(58)} before ${String(before).padStart(2)}  now ${String(now).padStart(2)}  target ≤ ${target}  ${now <= target ? 'PASS' : 'MISS'}`;
  return [
    'Presses for the rush orders, Chromium at 1024×768 (a chord such as Shift+Enter is one key)',
    row('(a) Latte (Large, Oat) + Espresso + Mocha, card — keys', BEFORE.aKeys, r.aKeys, TARGET.aKeys),
    row('(a) the same — taps', BEFORE.aTaps, r.aTaps, TARGET.aTaps),
    row('(b) 3 Drip Coffees, $20 cash — keys', BEFORE.bKeys, r.bKeys, TARGET.bKeys),
    row('receipt → ready for the next order — keys', BEFORE.receiptKeys, r.receiptKeys, TARGET.receiptKeys),
    `Pay whole on screen after every press: ${r.payAlwaysOnScreen ? 'yes' : 'NO'}`,
  ].join('\n');
}

runIfScript(import.meta.url, 'Keys', () => runKeysBench(), formatKeysBench);
