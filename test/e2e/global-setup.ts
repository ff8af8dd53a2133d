import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import { freeLoopbackPort } from '../../src/main/local/stack';
import { resetCallLog } from '../iam/call-logs';
import { launchBrowser } from '../chromium';
import { drawerScreen, openShift } from './shift-helpers';

declare module 'vitest' {
  export interface ProvidedContext {
    web: { url: string; origin: string; dataDir: string; startupMs: number };
  }
}

/** Runs the real `npm run web` on a fresh data directory, as a new user would, and waits for its ready line. */
export default async function setup(project: TestProject) {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'coffee-cloud-e2e-'));
  const port = await freeLoopbackPort();
  const started = Date.now();
  const child = spawn('npm', ['run', '--silent', 'web'], {
    cwd: process.cwd(),
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, COFFEE_CLOUD_DATA_DIR: dataDir, COFFEE_CLOUD_WEB_PORT: String(port), COFFEE_CLOUD_RECORD_AWS: resetCallLog('e2e') },
  });
  let output = '';
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`npm run web was not ready in 150 s:\n${output}`)), 150_000);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const match = /ready at (http:\/\/\S+)/.exec(output);
      if (match) {
        clearTimeout(timer);
        resolve(match[1]!);
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.once('exit', (code) => reject(new Error(`npm run web exited (${code}):\n${output}`)));
  });
  const startupMs = Date.now() - started;
  // Cash needs an open shift on the till: the café opens one before the day's first test, as a
  // manager would before the doors open (close-day.test.ts closes it and opens the next).
  const browser = await launchBrowser();
  try {
    const page = await (await browser.newContext({ viewport: { width: 1280, height: 800 } })).newPage();
    await page.goto(url);
    await page.getByLabel('Email').fill('manager@coffeecloud.dev');
    await page.getByLabel('Password', { exact: true }).fill('CoffeeCloud#2026');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByTestId('signed-in-as').waitFor();
    if ((await drawerScreen(page)) === 'closed') await openShift(page, '100.00');
  } finally {
    await browser.close();
  }
  project.provide('web', { url, origin: new URL(url).origin, dataDir, startupMs });

  return async () => {
    const exited = new Promise((resolve) => child.once('exit', resolve));
    process.kill(-child.pid!, 'SIGTERM');
    const timer = setTimeout(() => process.kill(-child.pid!, 'SIGKILL'), 10_000);
    await exited;
    clearTimeout(timer);
    rmSync(dataDir, { recursive: true, force: true });
  };
}
