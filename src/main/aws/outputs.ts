import type { TableKey } from '../data/schema';

/**
 * The stack's outputs are the app's AWS configuration, nothing more: the app's config parser reads
 * exactly these keys (from `cdk deploy --outputs-file` or `aws cloudformation describe-stacks`), and
 * the infra test checks the template declares exactly these. Pure data, so the app can import it
 * without pulling in aws-cdk-lib.
 */
export const STACK_OUTPUT_KEYS = [
  'Region',
  'UserPoolId',
  'UserPoolClientId',
  'IdentityPoolId',
  'UsersTable',
  'ProductsTable',
  'OrdersTable',
  'PointsTable',
  'ShiftsTable',
  'TimecardsTable',
] as const;

export type StackOutputKey = (typeof STACK_OUTPUT_KEYS)[number];
export type StackOutputs = Record<StackOutputKey, string>;

/** Which output carries each table's name; the mapped type makes a missing or misspelt table a compile error. */
export const TABLE_OUTPUT_KEY: { readonly [K in TableKey]: `${K}Table` & StackOutputKey } = {
  Users: 'UsersTable',
  Products: 'ProductsTable',
  Orders: 'OrdersTable',
  Points: 'PointsTable',
  Shifts: 'ShiftsTable',
  Timecards: 'TimecardsTable',
};

/** Lower-case letters, digits and hyphens: the stage ends up in table, pool and role names. */
export const STAGE_PATTERN = /^[a-z][a-z0-9-]{0,19}$/;

export const DEFAULT_STAGE = 'prod';

/** One stack per stage, so a `dev` stage can sit next to `prod` in the same account. */
export function stackName(stage: string): string {
  return `CoffeeCloud-${stage}`;
}

/** The prefix `tableNames()` turns into `coffee-cloud-<stage>-Users` and so on. */
export function tablePrefix(stage: string): string {
  return `coffee-cloud-${stage}`;
}
