import { App } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import { AwsSolutionsChecks } from 'cdk-nag';
import { beforeAll, describe, expect, it } from 'vitest';
import { STACK_OUTPUT_KEYS } from '../../src/main/aws/outputs';
import { parseCafeIpRanges } from '../../infra/cafe-ip';
import { ADMIN_COGNITO_ACTIONS, addNagChecks, CoffeeCloudStack } from '../../infra/stack';
import { TABLE_KEYS, TABLES, tableNames, type TableKey } from '../../src/main/data/schema';
import { COGNITO_PASSWORD_POLICY } from '../../src/shared/password-policy';
import { GROUPS } from '../../src/shared/roles';

type Json = Record<string, unknown>;
interface CfnResource {
  Type: string;
  Properties?: Json;
  Metadata?: Json;
  DeletionPolicy?: string;
  UpdateReplacePolicy?: string;
}

const STAGE = 'test';
const NAMES = tableNames(`coffee-cloud-${STAGE}`);

let template: Template;
let resources: Record<string, CfnResource>;

// Without cdk-nag here: a nag finding fails synth, and it should fail the nag tests below by name,
// not every structural test at once.
beforeAll(() => {
  template = Template.fromStack(new CoffeeCloudStack(new App(), 'CoffeeCloud-test', { stage: STAGE }));
  resources = (template.toJSON() as { Resources: Record<string, CfnResource> }).Resources;
}, 60_000);

function ofType(type: string): [string, CfnResource][] {
  return Object.entries(resources).filter(([, r]) => r.Type === type);
}

function only(type: string): [string, CfnResource] {
  const found = ofType(type);
  expect(found, type).toHaveLength(1);
  return found[0]!;
}

function props(resource: CfnResource): Json {
  return resource.Properties ?? {};
}

function tableResource(key: TableKey): [string, CfnResource] {
  const found = ofType('AWS::DynamoDB::Table').filter(([, t]) => props(t).TableName === NAMES[key]);
  expect(found, NAMES[key]).toHaveLength(1);
  return found[0]!;
}

function tableKeyOf(logicalId: string): TableKey {
  const key = TABLE_KEYS.find((k) => tableResource(k)[0] === logicalId);
  if (!key) throw new Error(`${logicalId} is not one of the POS tables`);
  return key;
}

const keySchema = (hash: string, range?: string) => [
  { AttributeName: hash, KeyType: 'HASH' },
  ...(range ? [{ AttributeName: range, KeyType: 'RANGE' }] : []),
];

const getAttArn = (logicalId: string) => ({ 'Fn::GetAtt': [logicalId, 'Arn'] });

/** `Users`, `Orders/index/businessDate-createdAt-index`; anything else (a `*`, another ARN) verbatim. */
function resourceLabel(resource: unknown): string {
  const getAtt = (value: unknown): string | null => {
    const ref = (value as { 'Fn::GetAtt'?: [string, string] })?.['Fn::GetAtt'];
    return ref && ref[1] === 'Arn' ? ref[0] : null;
  };
  const direct = getAtt(resource);
  if (direct) return direct === only('AWS::Cognito::UserPool')[0] ? 'UserPool' : tableKeyOf(direct);
  const join = (resource as { 'Fn::Join'?: [string, unknown[]] })?.['Fn::Join'];
  if (join && join[0] === '' && join[1].length === 2 && typeof join[1][1] === 'string') {
    const table = getAtt(join[1][0]);
    if (table) return `${tableKeyOf(table)}${join[1][1]}`;
  }
  return JSON.stringify(resource);
}

const asArray = <T>(value: T | T[]): T[] => (Array.isArray(value) ? value : [value]);

/**
 * Every (action, resource[, condition]) a role allows, as sorted readable strings: inline policies
 * plus any AWS::IAM::Policy attached to it, and a Deny or NotAction shows up as a mismatch.
 */
function permissionsOf(roleLogicalId: string): string[] {
  const role = resources[roleLogicalId];
  expect(role?.Type).toBe('AWS::IAM::Role');
  expect(props(role!).ManagedPolicyArns).toBeUndefined();
  const inline = ((props(role!).Policies ?? []) as { PolicyDocument: { Statement: Json[] } }[]).flatMap((p) => p.PolicyDocument.Statement);
  const attached = ofType('AWS::IAM::Policy')
    .filter(([, p]) => JSON.stringify(props(p).Roles).includes(`"${roleLogicalId}"`))
    .flatMap(([, p]) => (props(p).PolicyDocument as { Statement: Json[] }).Statement);
  return [...inline, ...attached]
    .flatMap((statement) => {
      const effect = statement.Effect === 'Allow' ? '' : `${String(statement.Effect)} `;
      const condition = statement.Condition ? ` when ${JSON.stringify(statement.Condition)}` : '';
      const actions = asArray((statement.Action ?? `NotAction ${JSON.stringify(statement.NotAction)}`) as string | string[]);
      const targets = asArray((statement.Resource ?? `NotResource ${JSON.stringify(statement.NotResource)}`) as unknown);
      return actions.flatMap((action) => targets.map((target) => `${effect}${action} on ${resourceLabel(target)}${condition}`));
    })
    .toSorted();
}

interface MappingRule {
  Claim: string;
  MatchType: string;
  Value: string;
  RoleARN: { 'Fn::GetAtt': [string, string] };
}

function roleMapping() {
  const [, attachment] = only('AWS::Cognito::IdentityPoolRoleAttachment');
  const mappings = props(attachment).RoleMappings as Record<string, { Type: string; AmbiguousRoleResolution: string; IdentityProvider: unknown; RulesConfiguration: { Rules: MappingRule[] } }>;
  expect(Object.keys(mappings)).toHaveLength(1);
  return { attachment, mapping: Object.values(mappings)[0]! };
}

/** The role the identity pool hands a member of this group, found through the mapping rules. */
function roleOfGroup(group: string): string {
  const rule = roleMapping().mapping.RulesConfiguration.Rules.find((r) => r.Value === group);
  if (!rule) throw new Error(`no role mapping rule for ${group}`);
  return rule.RoleARN['Fn::GetAtt'][0];
}

describe('DynamoDB tables come from the schema module', () => {
  it('has exactly the six tables, named coffee-cloud-<stage>-<Key>', () => {
    expect(TABLE_KEYS).toEqual(['Users', 'Products', 'Orders', 'Points', 'Shifts', 'Timecards']);
    template.resourceCountIs('AWS::DynamoDB::Table', 6);
    expect(ofType('AWS::DynamoDB::Table').map(([, t]) => props(t).TableName).toSorted()).toEqual(
      ['coffee-cloud-test-Orders', 'coffee-cloud-test-Points', 'coffee-cloud-test-Products', 'coffee-cloud-test-Shifts', 'coffee-cloud-test-Timecards', 'coffee-cloud-test-Users'],
    );
  });

  it.each(TABLE_KEYS)('%s: keys, attribute definitions and indexes equal TABLES', (key) => {
    const def = TABLES[key];
    const table = props(tableResource(key)[1]);
    expect(table.KeySchema).toEqual(keySchema(def.hash, def.range));
    const definitions = (table.AttributeDefinitions as { AttributeName: string; AttributeType: string }[]).toSorted((a, b) => a.AttributeName.localeCompare(b.AttributeName));
    expect(definitions).toEqual(
      Object.entries(def.attributes)
        .map(([AttributeName, AttributeType]) => ({ AttributeName, AttributeType }))
        .toSorted((a, b) => a.AttributeName.localeCompare(b.AttributeName)),
    );
    expect(table.GlobalSecondaryIndexes ?? []).toEqual(
      def.indexes.map((index) => ({ IndexName: index.name, KeySchema: keySchema(index.hash, index.range), Projection: { ProjectionType: 'ALL' } })),
    );
  });

  it('has the indexes the services query (a guard against an emptied schema module)', () => {
    const indexNames = (key: TableKey) => ((props(tableResource(key)[1]).GlobalSecondaryIndexes ?? []) as { IndexName: string }[]).map((i) => i.IndexName);
    expect(indexNames('Users')).toEqual(['email-index', 'phone-index']);
    expect(indexNames('Products')).toEqual(['menu-index']);
    expect(indexNames('Orders')).toEqual(['businessDate-createdAt-index', 'customerId-createdAt-index', 'businessDate-updatedAt-index']);
    expect(props(tableResource('Points')[1]).KeySchema).toEqual(keySchema('customerId', 'entryId'));
    expect(indexNames('Shifts')).toEqual(['storeDate-tillOpenedAt-index']);
    expect(props(tableResource('Timecards')[1]).KeySchema).toEqual(keySchema('storeDate', 'entryId'));
  });

  it.each(TABLE_KEYS)('%s: on-demand, point-in-time recovery, deletion protection, KMS encryption, retained', (key) => {
    const [, table] = tableResource(key);
    expect(props(table)).toMatchObject({
      BillingMode: 'PAY_PER_REQUEST',
      PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
      DeletionProtectionEnabled: true,
      SSESpecification: { SSEEnabled: true },
    });
    expect(props(table).ProvisionedThroughput).toBeUndefined();
    expect(table.DeletionPolicy).toBe('Retain');
    expect(table.UpdateReplacePolicy).toBe('Retain');
  });
});

describe('Cognito user pool and app client', () => {
  it('signs in by email, admin-created accounts only, verified email, the shared password policy', () => {
    const [, pool] = only('AWS::Cognito::UserPool');
    expect(props(pool)).toMatchObject({
      UsernameAttributes: ['email'],
      UsernameConfiguration: { CaseSensitive: false },
      AdminCreateUserConfig: { AllowAdminCreateUserOnly: true },
      AutoVerifiedAttributes: ['email'],
      AccountRecoverySetting: { RecoveryMechanisms: [{ Name: 'verified_email', Priority: 1 }] },
      DeletionProtection: 'ACTIVE',
    });
    expect((props(pool).Policies as Json).PasswordPolicy).toEqual(COGNITO_PASSWORD_POLICY);
    // The floor, stated here too so weakening the shared module fails this test.
    expect((props(pool).Policies as Json).PasswordPolicy).toEqual({
      MinimumLength: 8,
      RequireUppercase: true,
      RequireLowercase: true,
      RequireNumbers: true,
      RequireSymbols: true,
      TemporaryPasswordValidityDays: 7,
    });
    expect(pool.DeletionPolicy).toBe('Retain');
  });

  it('has one client: SRP and refresh only, no secret, revocation on, 1 h / 1 h / 30 d tokens, no OAuth', () => {
    const [, client] = only('AWS::Cognito::UserPoolClient');
    const p = props(client);
    expect((p.ExplicitAuthFlows as string[]).toSorted()).toEqual(['ALLOW_REFRESH_TOKEN_AUTH', 'ALLOW_USER_SRP_AUTH']);
    expect(p).toMatchObject({
      GenerateSecret: false,
      EnableTokenRevocation: true,
      PreventUserExistenceErrors: 'ENABLED',
      AllowedOAuthFlowsUserPoolClient: false,
      UserPoolId: { Ref: only('AWS::Cognito::UserPool')[0] },
    });
    expect(p.CallbackURLs).toBeUndefined();
    const minutes = (value: unknown, unit: unknown) => (value as number) * ({ minutes: 1, hours: 60, days: 1440 } as Record<string, number>)[unit as string]!;
    const units = p.TokenValidityUnits as Json;
    expect(minutes(p.IdTokenValidity, units.IdToken)).toBe(60);
    expect(minutes(p.AccessTokenValidity, units.AccessToken)).toBe(60);
    expect(minutes(p.RefreshTokenValidity, units.RefreshToken)).toBe(30 * 24 * 60);
  });

  it('has the four groups with precedence, staff groups carrying the role their mapping rule grants', () => {
    const groups = Object.fromEntries(ofType('AWS::Cognito::UserPoolGroup').map(([, g]) => [props(g).GroupName as string, props(g)]));
    expect(Object.keys(groups).toSorted()).toEqual([...GROUPS].toSorted());
    expect(Object.keys(groups).toSorted()).toEqual(['Admin', 'Barista', 'Customer', 'Shipper']);
    expect(Object.fromEntries(Object.entries(groups).map(([name, g]) => [name, g.Precedence]))).toEqual({ Admin: 1, Barista: 2, Shipper: 3, Customer: 10 });
    for (const staff of ['Admin', 'Barista', 'Shipper']) {
      expect(groups[staff]!.RoleArn).toEqual(getAttArn(roleOfGroup(staff)));
    }
    expect(groups.Customer!.RoleArn).toBeUndefined();
  });
});

describe('identity pool and role mapping', () => {
  it('takes only this pool and client, no guests, no basic flow, server-side token check', () => {
    const [, pool] = only('AWS::Cognito::IdentityPool');
    expect(props(pool)).toMatchObject({
      AllowUnauthenticatedIdentities: false,
      AllowClassicFlow: false,
      CognitoIdentityProviders: [
        {
          ClientId: { Ref: only('AWS::Cognito::UserPoolClient')[0] },
          ProviderName: { 'Fn::GetAtt': [only('AWS::Cognito::UserPool')[0], 'ProviderName'] },
          ServerSideTokenCheck: true,
        },
      ],
    });
    expect(props(pool).CognitoIdentityProviders).toHaveLength(1);
  });

  it('maps cognito:groups by rules, Admin then Barista then Shipper, anything else denied', () => {
    const { attachment, mapping } = roleMapping();
    expect(props(attachment).IdentityPoolId).toEqual({ Ref: only('AWS::Cognito::IdentityPool')[0] });
    expect(mapping.Type).toBe('Rules');
    expect(mapping.AmbiguousRoleResolution).toBe('Deny');
    expect(JSON.stringify(mapping.IdentityProvider)).toContain(only('AWS::Cognito::UserPoolClient')[0]);
    expect(mapping.RulesConfiguration.Rules.map(({ Claim, MatchType, Value }) => ({ Claim, MatchType, Value }))).toEqual([
      { Claim: 'cognito:groups', MatchType: 'Contains', Value: 'Admin' },
      { Claim: 'cognito:groups', MatchType: 'Contains', Value: 'Barista' },
      { Claim: 'cognito:groups', MatchType: 'Contains', Value: 'Shipper' },
    ]);
    // Three distinct roles: no group shares another's permissions by accident.
    expect(new Set(['Admin', 'Barista', 'Shipper'].map(roleOfGroup)).size).toBe(3);
  });

  it('has only an authenticated default role, and it allows nothing', () => {
    const { attachment } = roleMapping();
    const roles = props(attachment).Roles as Record<string, { 'Fn::GetAtt': [string, string] }>;
    expect(Object.keys(roles)).toEqual(['authenticated']);
    expect(permissionsOf(roles.authenticated!['Fn::GetAtt'][0])).toEqual([]);
  });

  it('lets only this identity pool’s authenticated identities assume any role', () => {
    const pool = only('AWS::Cognito::IdentityPool')[0];
    const iamRoles = ofType('AWS::IAM::Role');
    expect(iamRoles).toHaveLength(4);
    for (const [, role] of iamRoles) {
      expect(props(role).AssumeRolePolicyDocument).toEqual({
        Version: '2012-10-17',
        Statement: [
          {
            Effect: 'Allow',
            Principal: { Federated: 'cognito-identity.amazonaws.com' },
            Action: 'sts:AssumeRoleWithWebIdentity',
            Condition: {
              StringEquals: { 'cognito-identity.amazonaws.com:aud': { Ref: pool } },
              'ForAnyValue:StringLike': { 'cognito-identity.amazonaws.com:amr': 'authenticated' },
            },
          },
        ],
      });
    }
  });
});

/**
 * Which calls each role needs is proven from the calls themselves (test/iam/conformance.test.ts:
 * every recorded call allowed, every grant used). What stays here is the café's policy in words,
 * which no grant list may break whatever the app comes to call.
 */
describe('each staff role stays inside the café’s policy', () => {
  const ROLES = ['Admin', 'Barista', 'Shipper'] as const;
  const permissions = (group: string) => permissionsOf(roleOfGroup(group));

  it('a shift’s records are only ever put, never updated: a closed Z can’t be rewritten through the app’s roles', () => {
    const reads = /dynamodb:(GetItem|Query) /;
    for (const group of ['Admin', 'Barista']) expect(permissions(group).filter((p) => / on Shifts/.test(p) && !reads.test(p)), group).toEqual(['dynamodb:PutItem on Shifts']);
    expect(permissions('Shipper').filter((p) => / on Shifts/.test(p))).toEqual([]);
    // Only a manager reads them back: the Z reports of every till (reports.zReports). A barista's X is the till's own.
    expect(permissions('Barista').filter((p) => / on Shifts/.test(p) && reads.test(p))).toEqual([]);
    expect(permissions('Admin').filter((p) => / on Shifts/.test(p) && reads.test(p)).length).toBeGreaterThan(0);
  });

  it('timecards: every role only puts punch attributes and reads and moves only the CLOCK standings; only a manager reads cards, and writes corrections (never an UpdateItem of a card)', () => {
    const onTimecards = (group: string) => permissions(group).filter((p) => / on Timecards/.test(p));
    const bare = (group: string) => onTimecards(group).map((p) => p.replace(/ when .*/, '')).toSorted();
    const clockOnly = '"dynamodb:LeadingKeys":["main#CLOCK"]';
    for (const group of ['Barista', 'Shipper']) {
      expect(bare(group), group).toEqual(['dynamodb:GetItem on Timecards', 'dynamodb:PutItem on Timecards', 'dynamodb:UpdateItem on Timecards']);
      // Writes confined to a punch's attributes: no reason, no old/new time, nothing of a correction.
      expect(onTimecards(group).find((p) => p.includes('PutItem')), group).toContain('"dynamodb:Attributes":["at","email","entryId","kind","name","punchId","storeDate","terminalId","userId","workDate"]');
      // Reads and updates only in the standings' partition, and only a standing's attributes.
      expect(onTimecards(group).find((p) => p.includes('GetItem')), group).toContain(clockOnly);
      expect(onTimecards(group).find((p) => p.includes('UpdateItem')), group).toContain(`{"ForAllValues:StringEquals":{${clockOnly},"dynamodb:Attributes":["at","entryId","inAt","kind","punchId","storeDate","workDate"]}}`);
    }
    expect(bare('Admin')).toEqual(['dynamodb:GetItem on Timecards', 'dynamodb:PutItem on Timecards', 'dynamodb:PutItem on Timecards', 'dynamodb:Query on Timecards', 'dynamodb:UpdateItem on Timecards']);
    expect(onTimecards('Admin').filter((p) => p.includes('UpdateItem')).every((p) => p.includes(clockOnly))).toBe(true);
    expect(onTimecards('Admin').filter((p) => p.includes('"reason"'))).toHaveLength(1);
    // A manager's correction or added punch (no `from`, its `kind`): those attributes and nothing else.
    expect(onTimecards('Admin').find((p) => p.includes('"reason"'))).toContain('"dynamodb:Attributes":["at","by","editId","entryId","from","kind","punchId","reason","storeDate","to","userId","workDate"]');
  });

  it('no role may Scan, delete, batch-write or use a wildcard action or resource', () => {
    for (const group of ROLES) {
      const found = permissions(group).filter((p) => /dynamodb:(Scan|DeleteItem|BatchWriteItem)|^\S*\*| on \S*\*|^Deny|NotAction|NotResource/.test(p));
      expect(found, group).toEqual([]);
    }
  });

  it('only a manager writes whole products, settings or categories; a barista may only 86 a product', () => {
    expect(permissions('Admin')).toContain('dynamodb:PutItem on Products');
    for (const group of ['Barista', 'Shipper']) {
      const writes = permissions(group).filter((p) => / on Products/.test(p) && /PutItem|UpdateItem/.test(p));
      expect(writes, group).toEqual(
        group === 'Barista'
          ? ['dynamodb:UpdateItem on Products when {"ForAllValues:StringEquals":{"dynamodb:Attributes":["available","productId","updatedAt","updatedBy","version"]},"ForAllValues:StringNotLike":{"dynamodb:LeadingKeys":["#*"]}}']
          : [],
      );
    }
  });

  it('a shipper writes only the delivery of an order (and their punches), reads only its delivery attributes, and only the settings item of Products; nothing of customers or points', () => {
    const shipper = permissions('Shipper');
    expect(shipper.filter((p) => /PutItem|UpdateItem/.test(p) && !/ on Timecards/.test(p))).toEqual([
      // Answered with what it wrote at most: ALL_OLD or ALL_NEW would return the whole order.
      'dynamodb:UpdateItem on Orders when {"ForAllValues:StringEquals":{"dynamodb:Attributes":["delivery","orderId","orderType","updatedAt","version"]},"StringEqualsIfExists":{"dynamodb:ReturnValues":["NONE","UPDATED_OLD","UPDATED_NEW"]}}',
    ]);
    const deliveryRead = '{"ForAllValues:StringEquals":{"dynamodb:Attributes":["businessDate","createdAt","delivery","orderId","orderType","status","ticket","totalCents","version"]},"StringEquals":{"dynamodb:Select":"SPECIFIC_ATTRIBUTES"}}';
    // Every read of Orders names its attributes: no lines, prices, tenders or customer id.
    expect(shipper.filter((p) => / on Orders/.test(p) && !/UpdateItem/.test(p)).toSorted()).toEqual(
      [`dynamodb:GetItem on Orders when ${deliveryRead}`, `dynamodb:Query on Orders/index/businessDate-createdAt-index when ${deliveryRead}`].toSorted(),
    );
    expect(shipper.filter((p) => / on Products/.test(p))).toEqual(['dynamodb:GetItem on Products when {"ForAllValues:StringEquals":{"dynamodb:LeadingKeys":["#SETTINGS"]}}']);
    expect(shipper.filter((p) => / on (Users|Points)/.test(p))).toEqual([]);
  });

  it('only a manager manages staff: exactly the Staff screen’s Cognito actions, on this user pool only', () => {
    const cognitoOf = (group: string) => permissions(group).filter((p) => p.startsWith('cognito-idp:'));
    expect(cognitoOf('Admin')).toEqual(ADMIN_COGNITO_ACTIONS.map((a) => `cognito-idp:${a} on UserPool`).toSorted());
    for (const group of ['Barista', 'Shipper']) expect(cognitoOf(group), group).toEqual([]);
    // Nothing that sets a password or signs in as someone else: new passwords go by Cognito's email.
    expect(cognitoOf('Admin').filter((p) => /SetUserPassword|InitiateAuth|RespondToAuthChallenge|UpdateUserAttributes|DeleteGroup|CreateGroup/.test(p))).toEqual([]);
  });

  it('Customer: no role, so no credentials and nothing on the POS tables', () => {
    expect(roleMapping().mapping.RulesConfiguration.Rules.some((r) => r.Value === 'Customer')).toBe(false);
  });

  it('nothing else in the stack grants permissions', () => {
    template.resourceCountIs('AWS::IAM::Policy', 0);
    template.resourceCountIs('AWS::IAM::ManagedPolicy', 0);
    template.resourceCountIs('AWS::IAM::User', 0);
  });
});

describe('stack outputs are the app’s AWS configuration', () => {
  it('are exactly the shared keys', () => {
    expect(STACK_OUTPUT_KEYS).toEqual(['Region', 'UserPoolId', 'UserPoolClientId', 'IdentityPoolId', 'UsersTable', 'ProductsTable', 'OrdersTable', 'PointsTable', 'ShiftsTable', 'TimecardsTable']);
    const outputs = template.toJSON().Outputs as Record<string, { Value: unknown; Export?: unknown }>;
    expect(Object.keys(outputs).toSorted()).toEqual([...STACK_OUTPUT_KEYS].toSorted());
    expect(Object.values(outputs).every((o) => o.Export === undefined)).toBe(true);
  });

  it('point at the right resources', () => {
    const outputs = template.toJSON().Outputs as Record<string, { Value: unknown }>;
    expect(outputs.Region!.Value).toEqual({ Ref: 'AWS::Region' });
    expect(outputs.UserPoolId!.Value).toEqual({ Ref: only('AWS::Cognito::UserPool')[0] });
    expect(outputs.UserPoolClientId!.Value).toEqual({ Ref: only('AWS::Cognito::UserPoolClient')[0] });
    expect(outputs.IdentityPoolId!.Value).toEqual({ Ref: only('AWS::Cognito::IdentityPool')[0] });
    for (const key of TABLE_KEYS) expect(outputs[`${key}Table`]!.Value).toEqual({ Ref: tableResource(key)[0] });
  });
});

/** Every statement of every role's inline policies, by role logical id. */
function statementsByRole(from: Record<string, CfnResource>): Record<string, Json[]> {
  return Object.fromEntries(
    Object.entries(from)
      .filter(([, r]) => r.Type === 'AWS::IAM::Role')
      .map(([id, r]) => [id, ((props(r).Policies ?? []) as { PolicyDocument: { Statement: Json[] } }[]).flatMap((p) => p.PolicyDocument.Statement)]),
  );
}

describe('staff credentials only from the café (cafeIpRanges)', () => {
  const RANGES = ['203.0.113.0/24', '2001:db8:cafe::/48'];
  let limited: Record<string, CfnResource>;
  beforeAll(() => {
    const stack = new CoffeeCloudStack(new App(), 'CoffeeCloud-test', { stage: STAGE, cafeIpRanges: RANGES });
    limited = (Template.fromStack(stack).toJSON() as { Resources: Record<string, CfnResource> }).Resources;
  }, 60_000);

  const staffRoleIds = () => ['Admin', 'Barista', 'Shipper'].map(roleOfGroup);

  it('given: every statement of every staff role needs one of exactly those ranges', () => {
    const byRole = statementsByRole(limited);
    for (const id of staffRoleIds()) {
      expect(byRole[id]!.length, id).toBeGreaterThan(2);
      for (const statement of byRole[id]!) {
        expect((statement.Condition as Json | undefined)?.IpAddress, `${id} ${JSON.stringify(statement.Action)}`).toEqual({ 'aws:SourceIp': RANGES });
      }
    }
  });

  it('given: nothing else changes — the statements are the unlimited ones plus that condition, the trust policies the same', () => {
    const strip = (statement: Json): Json => {
      const { IpAddress: _ip, ...rest } = (statement.Condition ?? {}) as Json;
      const { Condition: _c, ...withoutCondition } = statement;
      return Object.keys(rest).length > 0 ? { ...withoutCondition, Condition: rest } : withoutCondition;
    };
    const limitedByRole = statementsByRole(limited);
    const plainByRole = statementsByRole(resources);
    expect(Object.keys(limitedByRole).toSorted()).toEqual(Object.keys(plainByRole).toSorted());
    for (const id of Object.keys(plainByRole)) {
      expect(limitedByRole[id]!.map(strip), id).toEqual(plainByRole[id]);
      expect(props(limited[id]!).AssumeRolePolicyDocument, id).toEqual(props(resources[id]!).AssumeRolePolicyDocument);
    }
    expect(Object.keys(limited).toSorted()).toEqual(Object.keys(resources).toSorted());
  });

  it('not given: no statement anywhere mentions a source address', () => {
    expect(JSON.stringify(template.toJSON())).not.toMatch(/IpAddress|aws:SourceIp/);
    for (const id of staffRoleIds()) expect(statementsByRole(resources)[id]!.length, id).toBeGreaterThan(2);
  });

  it('reads the ranges as `-c cafeIpRanges=…` gives them or as cdk.json may hold them', () => {
    expect(parseCafeIpRanges(undefined)).toBeUndefined();
    expect(parseCafeIpRanges('')).toBeUndefined();
    expect(parseCafeIpRanges(' , ')).toBeUndefined();
    expect(parseCafeIpRanges('203.0.113.0/24')).toEqual(['203.0.113.0/24']);
    expect(parseCafeIpRanges(' 203.0.113.0/24 , 198.51.100.7/32,2001:db8:cafe::/48,203.0.113.0/24')).toEqual(['203.0.113.0/24', '198.51.100.7/32', '2001:db8:cafe::/48']);
    expect(parseCafeIpRanges(['203.0.113.0/24', '2001:db8::/32'])).toEqual(['203.0.113.0/24', '2001:db8::/32']);
  });

  it.each([
    ['203.0.113.5/24', /"203\.0\.113\.5\/24" has host bits set after \/24: did you mean 203\.0\.113\.0\/24\?/],
    ['2001:db8:cafe::1/48', /"2001:db8:cafe::1\/48" has host bits set after \/48/],
    ['203.0.113.7', /"203\.0\.113\.7" has no prefix length: write 203\.0\.113\.7\/32 for that one address/],
    ['203.0.113.0/33', /an IPv4 prefix is at most \/32/],
    ['2001:db8::/129', /an IPv6 prefix is at most \/128/],
    ['300.1.2.0/24', /300\.1\.2\.0 is not an IPv4 or IPv6 address/],
    ['010.1.2.0/24', /010\.1\.2\.0 is not an IPv4 or IPv6 address/],
    ['cafe', /"cafe" is not a CIDR range such as 203\.0\.113\.0\/24/],
    ['203.0.113.0 /24', /is not a CIDR range/],
    ['0.0.0.0/0', /"0\.0\.0\.0\/0" allows every address: leave cafeIpRanges out instead/],
    ['::/0', /allows every address/],
    ['192.168.1.0/24', /"192\.168\.1\.0\/24" is in a private network range: AWS sees the café’s public address/],
    ['10.0.0.0/8', /private network range/],
    ['172.20.0.0/16', /private network range/],
    ['100.64.1.0/24', /carrier-grade NAT/],
    ['127.0.0.1/32', /loopback/],
    ['8.0.0.0/5', /private network range/],
    ['fd12:3456::/32', /private \(unique local\) IPv6 range/],
    ['203.0.113.0/24,', /an empty entry/],
  ])('refuses %s at synth, saying what is wrong', (ranges, message) => {
    expect(() => parseCafeIpRanges(ranges)).toThrow(message);
    expect(() => new CoffeeCloudStack(new App(), 'Bad', { stage: STAGE, cafeIpRanges: ranges.split(',') })).toThrow(message);
  });

  it('names every bad range at once, and refuses a value that is not a list', () => {
    expect(() => parseCafeIpRanges('10.0.0.0/8,203.0.113.0/24,203.0.113.1')).toThrow(/has 2 bad ranges: "10\.0\.0\.0\/8" .*; "203\.0\.113\.1" has no prefix/);
    expect(() => parseCafeIpRanges(42)).toThrow(/cafeIpRanges must be a comma-separated string or a list of CIDR ranges, not 42/);
    expect(() => parseCafeIpRanges(['203.0.113.0/24', 7])).toThrow(/must be a comma-separated string or a list/);
  });
});

describe('stage', () => {
  it('refuses a stage that would make invalid or colliding names', () => {
    for (const stage of ['', 'Prod', 'prod_1', '1prod', 'a'.repeat(21)]) {
      expect(() => new CoffeeCloudStack(new App(), 'Bad', { stage })).toThrow(/Stage/);
    }
  });
});

describe('cdk-nag AwsSolutions', () => {
  // The same setup app.ts deploys with.
  const app = new App();
  const checks = addNagChecks(app);
  const stack = new CoffeeCloudStack(app, 'CoffeeCloud-nag', { stage: STAGE });

  it('reports no unacknowledged finding, error or warning', () => {
    const report = checks.validateScope(app);
    expect(report.violations.map((v) => `${v.severity} ${v.ruleName}: ${v.violatingResources.map((r) => r.constructPath).join(', ')}`)).toEqual([]);
    expect(report.success).toBe(true);
  }, 30_000);

  it('acknowledges only the reviewed rules, each with a reason of at least 10 words', () => {
    const synthesized = (Template.fromStack(stack).toJSON() as { Resources: Record<string, CfnResource> }).Resources;
    const acknowledged = Object.entries(synthesized).flatMap(([logicalId, r]) =>
      ((r.Metadata?.cdk_nag as { rules_to_suppress?: { id: string; reason: string }[] } | undefined)?.rules_to_suppress ?? []).map((rule) => ({ type: synthesized[logicalId]!.Type, ...rule })),
    );
    expect(acknowledged.map((a) => `${a.id} on ${a.type}`).toSorted()).toEqual([
      'AwsSolutions-COG2 on AWS::Cognito::UserPool',
      'AwsSolutions-COG8 on AWS::Cognito::UserPool',
    ]);
    for (const { id, reason } of acknowledged) {
      expect(reason.trim().split(/\s+/).length, id).toBeGreaterThanOrEqual(10);
    }
  }, 30_000);

  it('is live: the same pack flags a user pool nobody reviewed', () => {
    const bare = new App();
    const probe = new AwsSolutionsChecks(bare);
    new cognito.UserPool(new CoffeeCloudStack(bare, 'Probe', { stage: 'probe' }), 'Unreviewed');
    expect(probe.validateScope(bare).violations.map((v) => v.ruleName).toSorted()).toEqual(['AwsSolutions-COG1', 'AwsSolutions-COG2', 'AwsSolutions-COG8']);
  });
});
