import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { inject } from 'vitest';
import type { BackendConfig } from '../../src/main/config';
import { localClients, provisionDemoCafe } from '../../src/main/local/embedded';
import { createRuntime, type RuntimeOptions } from '../../src/main/runtime';

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';

export const stack = () => inject('stack');

/** Fresh tables and a fresh user pool with the demo café, under a name no other file uses. */
export async function freshCafe(): Promise<BackendConfig> {
  return provisionDemoCafe(stack(), `it-${randomBytes(4).toString('hex')}`);
}

export function clients() {
  return localClients(stack());
}

export async function cafeRuntime(options?: RuntimeOptions) {
  const config = await freshCafe();
  return { config, runtime: createRuntime(config, { log: () => {}, ...options }) };
}

/** The code cognito-local "emailed": it keeps the last one in its database file. */
export function lastConfirmationCode(userPoolId: string, email: string): string {
  const db = JSON.parse(readFileSync(path.join(stack().dataDir, 'cognito', '.cognito', 'db', `${userPoolId}.json`), 'utf8')) as {
    Users: Record<string, { Attributes: { Name: string; Value: string }[]; ConfirmationCode?: string }>;
  };
  const user = Object.values(db.Users).find((u) => u.Attributes.some((a) => a.Name === 'email' && a.Value === email));
  if (!user?.ConfirmationCode) throw new Error(`No confirmation code stored for ${email}`);
  return user.ConfirmationCode;
}

export const DEMO = {
  password: 'CoffeeCloud#2026',
  manager: 'manager@coffeecloud.dev',
  barista: 'barista@coffeecloud.dev',
  shipper: 'shipper@coffeecloud.dev',
  customer: 'customer@coffeecloud.dev',
} as const;
