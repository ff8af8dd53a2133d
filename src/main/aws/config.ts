import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { AppError } from '../../shared/result';
import type { BackendConfig } from '../config';
import { TABLE_KEYS } from '../data/schema';
import { STACK_OUTPUT_KEYS, TABLE_OUTPUT_KEY, type StackOutputs } from './outputs';

/**
 * AWS mode: the stack's outputs, saved as `aws-config.json` in the data directory (or where
 * COFFEE_CLOUD_AWS_CONFIG points). When the file is there the app talks to that account; when it
 * isn't, it runs on the embedded emulators. Nothing else in the code path changes.
 */
export const AWS_CONFIG_FILE = 'aws-config.json';

export function awsConfigPath(dataDir: string, env: NodeJS.ProcessEnv = process.env): string {
  return env.COFFEE_CLOUD_AWS_CONFIG ? path.resolve(env.COFFEE_CLOUD_AWS_CONFIG) : path.join(dataDir, AWS_CONFIG_FILE);
}

const REGION = /^[a-z]{2}(-gov)?-[a-z]+-\d$/;
const FIELD: Record<(typeof STACK_OUTPUT_KEYS)[number], { pattern: RegExp; example: string }> = {
  Region: { pattern: REGION, example: 'us-east-1' },
  UserPoolId: { pattern: /^[a-z]{2}(-gov)?-[a-z]+-\d_[0-9A-Za-z]+$/, example: 'us-east-1_AbCdEf123' },
  UserPoolClientId: { pattern: /^[0-9a-z]{20,128}$/, example: '26 lower-case letters and digits' },
  IdentityPoolId: { pattern: /^[a-z]{2}(-gov)?-[a-z]+-\d:[0-9a-f-]{36}$/, example: 'us-east-1:1a2b3c4d-…' },
  UsersTable: { pattern: /^[A-Za-z0-9_.-]{3,255}$/, example: 'coffee-cloud-prod-Users' },
  ProductsTable: { pattern: /^[A-Za-z0-9_.-]{3,255}$/, example: 'coffee-cloud-prod-Products' },
  OrdersTable: { pattern: /^[A-Za-z0-9_.-]{3,255}$/, example: 'coffee-cloud-prod-Orders' },
  PointsTable: { pattern: /^[A-Za-z0-9_.-]{3,255}$/, example: 'coffee-cloud-prod-Points' },
  ShiftsTable: { pattern: /^[A-Za-z0-9_.-]{3,255}$/, example: 'coffee-cloud-prod-Shifts' },
  TimecardsTable: { pattern: /^[A-Za-z0-9_.-]{3,255}$/, example: 'coffee-cloud-prod-Timecards' },
};

const outputsSchema = z.object(
  Object.fromEntries(
    STACK_OUTPUT_KEYS.map((key) => [
      key,
      z
        .string({ error: `${key} is missing.` })
        .trim()
        .min(1, `${key} is missing.`)
        .regex(FIELD[key].pattern, `${key} doesn’t look right (expected something like ${FIELD[key].example}).`),
    ]),
  ) as Record<(typeof STACK_OUTPUT_KEYS)[number], z.ZodString>,
);

/**
 * Reads the stack outputs in any of the shapes people have them in: the flat object, `cdk deploy
 * --outputs-file` ({ "CoffeeCloud-prod": { … } }), or `aws cloudformation describe-stacks`
 * ({ Stacks: [{ Outputs: [{ OutputKey, OutputValue }] }] }).
 */
function flatten(raw: unknown): unknown {
  if (!raw || typeof raw !== 'object') return raw;
  const value = raw as Record<string, unknown>;
  const stacks = value.Stacks;
  if (Array.isArray(stacks) && stacks[0] && typeof stacks[0] === 'object') {
    const outputs = (stacks[0] as { Outputs?: { OutputKey?: string; OutputValue?: string }[] }).Outputs ?? [];
    return Object.fromEntries(outputs.map((o) => [o.OutputKey, o.OutputValue]));
  }
  const keys = Object.keys(value);
  if (keys.length === 1 && value[keys[0]!] && typeof value[keys[0]!] === 'object' && !('Region' in value)) return value[keys[0]!];
  return value;
}

/**
 * Outputs saved before the stack had a Shifts or Timecards table: the stack names every table
 * `<prefix>-<Key>`, so each sits beside the Orders table (a redeploy creates it).
 */
function withShifts(outputs: unknown): unknown {
  if (!outputs || typeof outputs !== 'object') return outputs;
  const value = outputs as Record<string, unknown>;
  if (typeof value.OrdersTable !== 'string' || !value.OrdersTable.trim().endsWith('-Orders')) return value;
  const beside = (key: string) => (value.OrdersTable as string).trim().replace(/-Orders$/, `-${key}`);
  return { ...value, ShiftsTable: value.ShiftsTable ?? beside('Shifts'), TimecardsTable: value.TimecardsTable ?? beside('Timecards') };
}

export function parseAwsConfig(raw: unknown): BackendConfig {
  const parsed = outputsSchema.safeParse(withShifts(flatten(raw)));
  if (!parsed.success) {
    const fields = parsed.error.issues.map((i) => ({ path: String(i.path[0] ?? ''), message: i.message }));
    throw new AppError('VALIDATION', `The AWS configuration isn’t complete: ${fields.map((f) => f.message).join(' ')}`, { fields });
  }
  const outputs = parsed.data as StackOutputs;
  if (!outputs.UserPoolId.startsWith(`${outputs.Region}_`) || !outputs.IdentityPoolId.startsWith(`${outputs.Region}:`)) {
    throw new AppError('VALIDATION', `The user pool and identity pool must be in ${outputs.Region}, the configured region.`, {
      fields: [{ path: 'Region', message: 'Region doesn’t match the pool ids.' }],
    });
  }
  return {
    mode: 'aws',
    region: outputs.Region,
    userPoolId: outputs.UserPoolId,
    clientId: outputs.UserPoolClientId,
    identityPoolId: outputs.IdentityPoolId,
    // Real Cognito: the password never leaves this machine.
    authFlow: 'USER_SRP_AUTH',
    tables: Object.fromEntries(TABLE_KEYS.map((key) => [key, outputs[TABLE_OUTPUT_KEY[key]]])) as BackendConfig['tables'],
  };
}

/** The AWS configuration if this install has one; throws a named-field error if it is broken. */
export function loadAwsConfig(file: string): BackendConfig | null {
  if (!existsSync(file)) return null;
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(file, 'utf8'));
  } catch {
    throw new AppError('VALIDATION', `${path.basename(file)} isn’t valid JSON. Paste the stack outputs again.`);
  }
  return parseAwsConfig(raw);
}

/** Validates, then writes atomically: a half-written config must never decide where sales go. */
export function saveAwsConfig(file: string, raw: unknown): BackendConfig {
  const config = parseAwsConfig(raw);
  mkdirSync(path.dirname(file), { recursive: true });
  const outputs = Object.fromEntries(STACK_OUTPUT_KEYS.map((k) => [k, (withShifts(flatten(raw)) as Record<string, string>)[k]!.trim()]));
  writeFileSync(`${file}.tmp`, JSON.stringify(outputs, null, 2));
  renameSync(`${file}.tmp`, file);
  return config;
}
