import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium, type Browser } from 'playwright-core';

/**
 * Debian's Chromium, never a downloaded one, with a throwaway profile and no background traffic:
 * this machine has no network but the package registries. Shared by the e2e tests and benchmarks.
 */
export function launchBrowser(): Promise<Browser> {
  const profile = mkdtempSync(path.join(os.tmpdir(), 'coffee-cloud-chromium-'));
  process.env.XDG_CONFIG_HOME = path.join(profile, 'config');
  process.env.XDG_CACHE_HOME = path.join(profile, 'cache');
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}
