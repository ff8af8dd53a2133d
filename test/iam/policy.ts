import { BlockList, isIPv4, isIPv6 } from 'node:net';
import { App } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import type { CfnResource } from 'aws-cdk-lib';
import { CoffeeCloudStack } from '../../infra/stack';
import { TABLE_KEYS, type TableKey } from '../../src/main/data/schema';
import { STAFF_ROLES, type StaffRole } from '../../src/shared/roles';
import type { IamRequest } from './requests';

/**
 * The staff roles' policies as CloudFormation will create them — read from the synthesized
 * template, not from the grant list that produced it — and IAM's evaluation of a request against
 * them, with the semantics that matter for DynamoDB: wildcards in actions and resources,
 * `/index/<name>` resources, and the ForAllValues/ForAnyValue set operators.
 */
export interface Statement {
  /** Where it is, for messages: "Barista statement 3". */
  label: string;
  effect: 'Allow' | 'Deny';
  actions: string[];
  resources: string[];
  condition: Record<string, Record<string, string | string[]>>;
}

export const REGION = 'us-east-1';
export const ACCOUNT = '123456789012';
const STAGE = 'iam';

export interface SynthesizedPolicies {
  statements: Record<StaffRole, Statement[]>;
  /** The ARN IAM would see for a table (and index) the app calls. */
  arn(table: TableKey, index?: string): string;
  /** The stack's user pool as IAM would see it: the only pool a till talks to. */
  userPoolArn: string;
}

type Json = Record<string, unknown>;

/** `cafeIpRanges`: synthesize as a café that limits staff credentials to its addresses deploys. */
export function synthesizePolicies(options: { cafeIpRanges?: readonly string[] } = {}): SynthesizedPolicies {
  const stack = new CoffeeCloudStack(new App(), 'CoffeeCloud-iam', { stage: STAGE, env: { region: REGION, account: ACCOUNT }, ...options });
  const template = Template.fromStack(stack).toJSON() as { Resources: Record<string, { Type: string; Properties: Json }> };
  const tableArnByLogicalId = new Map<string, string>();
  const arnByTable = {} as Record<TableKey, string>;
  for (const key of TABLE_KEYS) {
    const logicalId = stack.getLogicalId(stack.tables[key].node.defaultChild as CfnResource);
    const name = template.Resources[logicalId]!.Properties.TableName as string;
    const arn = `arn:aws:dynamodb:${REGION}:${ACCOUNT}:table/${name}`;
    tableArnByLogicalId.set(logicalId, arn);
    arnByTable[key] = arn;
  }

  const userPoolArn = `arn:aws:cognito-idp:${REGION}:${ACCOUNT}:userpool/${REGION}_IamCheckPool`;
  const userPoolLogicalId = stack.getLogicalId(stack.userPool.node.defaultChild as CfnResource);

  /** CloudFormation's intrinsics, as far as the roles use them: GetAtt of a table's or the user pool's Arn, and Join. */
  const resolve = (value: unknown): string => {
    if (typeof value === 'string') return value;
    const v = value as Json;
    if (Array.isArray(v['Fn::GetAtt'])) {
      const [id, attr] = v['Fn::GetAtt'] as [string, string];
      const arn = id === userPoolLogicalId ? userPoolArn : tableArnByLogicalId.get(id);
      if (attr !== 'Arn' || !arn) throw new Error(`The IAM check can't resolve ${JSON.stringify(value)}`);
      return arn;
    }
    if (Array.isArray(v['Fn::Join'])) {
      const [sep, parts] = v['Fn::Join'] as [string, unknown[]];
      return parts.map(resolve).join(sep);
    }
    throw new Error(`The IAM check can't resolve ${JSON.stringify(value)}`);
  };
  const list = <T>(value: T | T[] | undefined): T[] => (value === undefined ? [] : Array.isArray(value) ? value : [value]);

  const statements = {} as Record<StaffRole, Statement[]>;
  for (const role of STAFF_ROLES) {
    const logicalId = stack.getLogicalId(stack.staffRoles[role].node.defaultChild as CfnResource);
    const properties = template.Resources[logicalId]!.Properties;
    if (properties.ManagedPolicyArns) throw new Error(`${role} role has managed policies: the IAM check reads inline policies only`);
    const policies = (properties.Policies ?? []) as { PolicyDocument: { Statement: Json[] } }[];
    statements[role] = policies.flatMap((p) => p.PolicyDocument.Statement).map((s, i) => {
      if (s.NotAction || s.NotResource) throw new Error(`${role} statement ${i + 1} uses NotAction/NotResource, which the IAM check doesn't model`);
      return {
        label: `${role} statement ${i + 1}`,
        effect: s.Effect as 'Allow' | 'Deny',
        actions: list(s.Action as string | string[]),
        resources: list(s.Resource).map(resolve),
        condition: (s.Condition ?? {}) as Statement['condition'],
      };
    });
  }
  return { statements, userPoolArn, arn: (table, index) => (index ? `${arnByTable[table]}/index/${index}` : arnByTable[table]) };
}

/** IAM's wildcard match: `*` any run of characters, `?` one, case-sensitive unless told otherwise. */
function like(pattern: string, value: string, ignoreCase = false): boolean {
  const source = pattern.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.');
  return new RegExp(`^${source}$`, ignoreCase ? 'i' : '').test(value);
}

const STRING_TESTS: Record<string, (policy: string, value: string) => boolean> = {
  StringEquals: (p, v) => p === v,
  StringNotEquals: (p, v) => p !== v,
  StringEqualsIgnoreCase: (p, v) => p.toLowerCase() === v.toLowerCase(),
  StringLike: (p, v) => like(p, v),
  StringNotLike: (p, v) => !like(p, v),
};

/**
 * IpAddress: the request's address is in the policy's CIDR range. Node's own BlockList does the
 * matching, independent of the range checks in infra/cafe-ip.ts; a value that isn't an address
 * matches nothing, as in IAM.
 */
function inRange(range: string, address: string): boolean {
  const [network, prefix] = range.split('/');
  const family = isIPv4(network!) ? 'ipv4' : isIPv6(network!) ? 'ipv6' : null;
  if (!family) throw new Error(`The IAM check can't read the range ${range}`);
  const list = new BlockList();
  if (prefix === undefined) list.addAddress(network!, family);
  else list.addSubnet(network!, Number(prefix), family);
  const addressFamily = isIPv4(address) ? 'ipv4' : isIPv6(address) ? 'ipv6' : null;
  return addressFamily === family && list.check(address, family);
}

const OPERATORS: Record<string, (policy: string, value: string) => boolean> = {
  ...STRING_TESTS,
  IpAddress: (p, v) => inRange(p, v),
  NotIpAddress: (p, v) => !inRange(p, v),
};
const NEGATED = new Set(['StringNotEquals', 'StringNotLike', 'NotIpAddress']);

/**
 * One condition operator on one key. The set operators are where policies go wrong:
 * ForAllValues is true when the request has no values for the key at all (so it does not, alone,
 * confine a Scan), ForAnyValue is then false; a plain operator on a missing key is false, but a
 * negated one (StringNotLike, NotIpAddress) is true, and `…IfExists` makes either true (IAM user
 * guide, condition operators: "the right key is not present").
 */
export function conditionHolds(operator: string, key: string, policyValues: string | string[], request: IamRequest['context']): boolean {
  let op = operator;
  let set: 'all' | 'any' | null = null;
  if (op.startsWith('ForAllValues:')) [set, op] = ['all', op.slice('ForAllValues:'.length)];
  else if (op.startsWith('ForAnyValue:')) [set, op] = ['any', op.slice('ForAnyValue:'.length)];
  const ifExists = op.endsWith('IfExists');
  if (ifExists) op = op.slice(0, -'IfExists'.length);
  const test = OPERATORS[op];
  if (!test) throw new Error(`The IAM check doesn't model the ${operator} condition operator`);
  const allowed = Array.isArray(policyValues) ? policyValues : [policyValues];
  const raw = request[key];
  const values = raw === undefined ? [] : Array.isArray(raw) ? raw : [raw];
  // "Matches one of the policy's values"; for a negated operator, "matches none of them".
  const matches = (value: string) => (NEGATED.has(op) ? allowed.every((p) => test(p, value)) : allowed.some((p) => test(p, value)));
  if (set === 'all') return values.every(matches);
  if (set === 'any') return values.some(matches);
  if (values.length === 0) return ifExists || NEGATED.has(op);
  if (values.length > 1) throw new Error(`${key} has several values: a single-valued ${operator} can't be evaluated (use ForAllValues/ForAnyValue)`);
  return matches(values[0]!);
}

export function statementMatches(statement: Statement, action: string, resource: string, context: IamRequest['context']): boolean {
  if (!statement.actions.some((a) => like(a, action, true))) return false;
  if (!statement.resources.some((r) => like(r, resource))) return false;
  return Object.entries(statement.condition).every(([operator, keys]) =>
    Object.entries(keys).every(([key, values]) => conditionHolds(operator, key, values, context)),
  );
}

export interface Decision {
  allowed: boolean;
  /** The Allow statements that grant it (every one, so "unused grant" sees each). */
  by: Statement[];
}

/** Explicit Deny wins, then any Allow, else the implicit deny. */
export function evaluate(statements: Statement[], action: string, resource: string, context: IamRequest['context']): Decision {
  const matching = statements.filter((s) => statementMatches(s, action, resource, context));
  if (matching.some((s) => s.effect === 'Deny')) return { allowed: false, by: [] };
  const by = matching.filter((s) => s.effect === 'Allow');
  return { allowed: by.length > 0, by };
}
