import { beforeAll, describe, expect, it } from 'vitest';
import { INDEX, SETTINGS_ID } from '../../src/main/data/schema';
import { conditionHolds, evaluate, synthesizePolicies, type Statement, type SynthesizedPolicies } from '../iam/policy';
import { expressionAttributes, iamRequests } from '../iam/requests';

/**
 * The IAM check is only as good as its model of IAM: these pin the semantics it relies on, so a
 * change to the evaluator that would let a refused call through fails here first.
 */
describe('IAM condition semantics', () => {
  const attrs = (list?: string[]) => ({ 'dynamodb:Attributes': list });

  it('ForAllValues holds when every requested value is allowed, and also when the request has none', () => {
    expect(conditionHolds('ForAllValues:StringEquals', 'dynamodb:Attributes', ['a', 'b'], attrs(['a']))).toBe(true);
    expect(conditionHolds('ForAllValues:StringEquals', 'dynamodb:Attributes', ['a', 'b'], attrs(['a', 'c']))).toBe(false);
    // The famous gotcha: a Scan has no LeadingKeys, and ForAllValues lets it through.
    expect(conditionHolds('ForAllValues:StringEquals', 'dynamodb:LeadingKeys', ['#SETTINGS'], {})).toBe(true);
  });

  it('ForAnyValue needs at least one match; a plain operator on a missing key fails unless IfExists', () => {
    expect(conditionHolds('ForAnyValue:StringEquals', 'k', ['a'], { k: ['b', 'a'] })).toBe(true);
    expect(conditionHolds('ForAnyValue:StringEquals', 'k', ['a'], {})).toBe(false);
    expect(conditionHolds('StringEquals', 'dynamodb:ReturnValues', ['NONE'], {})).toBe(false);
    expect(conditionHolds('StringEqualsIfExists', 'dynamodb:ReturnValues', ['NONE'], {})).toBe(true);
    expect(conditionHolds('StringEqualsIfExists', 'dynamodb:ReturnValues', ['NONE'], { 'dynamodb:ReturnValues': 'ALL_NEW' })).toBe(false);
    expect(conditionHolds('ForAllValues:StringLike', 'k', ['avail*'], { k: ['available'] })).toBe(true);
    expect(conditionHolds('ForAllValues:StringNotLike', 'k', ['price*'], { k: ['priceCents'] })).toBe(false);
  });

  it('a negated operator holds when the request lacks the key (IAM: "the right key is not present")', () => {
    expect(conditionHolds('StringNotLike', 'k', ['a*'], {})).toBe(true);
    expect(conditionHolds('NotIpAddress', 'aws:SourceIp', ['203.0.113.0/24'], {})).toBe(true);
    expect(conditionHolds('StringNotLike', 'k', ['a*'], { k: 'abc' })).toBe(false);
  });

  it('IpAddress: inside any of the ranges, IPv4 and IPv6, never a missing or malformed address', () => {
    const ranges = ['203.0.113.0/24', '2001:db8:cafe::/48'];
    const from = (ip?: string) => conditionHolds('IpAddress', 'aws:SourceIp', ranges, ip === undefined ? {} : { 'aws:SourceIp': ip });
    expect(from('203.0.113.0')).toBe(true);
    expect(from('203.0.113.255')).toBe(true);
    expect(from('2001:db8:cafe:1::7')).toBe(true);
    expect(from('203.0.114.0')).toBe(false);
    expect(from('203.0.112.255')).toBe(false);
    expect(from('2001:db8:caff::1')).toBe(false);
    expect(from('not-an-ip')).toBe(false);
    expect(from(undefined)).toBe(false);
    expect(conditionHolds('IpAddress', 'aws:SourceIp', '198.51.100.7/32', { 'aws:SourceIp': '198.51.100.7' })).toBe(true);
    expect(conditionHolds('IpAddress', 'aws:SourceIp', '198.51.100.7/32', { 'aws:SourceIp': '198.51.100.8' })).toBe(false);
    expect(conditionHolds('NotIpAddress', 'aws:SourceIp', ranges, { 'aws:SourceIp': '198.51.100.8' })).toBe(true);
    expect(conditionHolds('NotIpAddress', 'aws:SourceIp', ranges, { 'aws:SourceIp': '203.0.113.9' })).toBe(false);
  });

  it('refuses to guess an operator it does not model', () => {
    expect(() => conditionHolds('NumericLessThan', 'k', ['1'], { k: '0' })).toThrow(/doesn't model/);
  });

  it('a grant on an index does not cover the table, nor another index', () => {
    const onIndex: Statement = { label: 's', effect: 'Allow', actions: ['dynamodb:Query'], resources: ['arn:t/index/a'], condition: {} };
    expect(evaluate([onIndex], 'dynamodb:Query', 'arn:t/index/a', {}).allowed).toBe(true);
    expect(evaluate([onIndex], 'dynamodb:Query', 'arn:t', {}).allowed).toBe(false);
    expect(evaluate([onIndex], 'dynamodb:Query', 'arn:t/index/b', {}).allowed).toBe(false);
  });

  it('an explicit Deny wins over any Allow', () => {
    const allow: Statement = { label: 'a', effect: 'Allow', actions: ['dynamodb:*'], resources: ['*'], condition: {} };
    const deny: Statement = { label: 'd', effect: 'Deny', actions: ['dynamodb:Scan'], resources: ['*'], condition: {} };
    expect(evaluate([allow, deny], 'dynamodb:Scan', 'arn:t', {}).allowed).toBe(false);
    expect(evaluate([allow, deny], 'dynamodb:GetItem', 'arn:t', {}).allowed).toBe(true);
  });
});

describe('what IAM sees of a call', () => {
  it('reads the attributes an update and its condition touch, keys included, functions and placeholders not', () => {
    expect(expressionAttributes('SET available = :a, #v = #v + :one, updatedAt = if_not_exists(updatedAt, :at)', { '#v': 'version' }).toSorted()).toEqual([
      'available',
      'updatedAt',
      'version',
    ]);
    expect(expressionAttributes('attribute_not_exists(orderId) AND #s IN (:a, :b) AND lines[0].name = :n', { '#s': 'status' }).toSorted()).toEqual([
      'lines',
      'orderId',
      'status',
    ]);
    expect(() => expressionAttributes('SET #x = :x', {})).toThrow(/without ExpressionAttributeNames/);
  });

  it('splits a transaction into one request per item, each with its own action and keys', () => {
    const requests = iamRequests({
      role: 'Barista',
      command: 'TransactWriteItems',
      input: {
        TransactItems: [
          { Put: { TableName: 'x-Orders', Item: { orderId: 'o1', total: 1 }, ConditionExpression: 'attribute_not_exists(orderId)' } },
          { Update: { TableName: 'x-Points', Key: { customerId: 'c1', entryId: 'BALANCE' }, UpdateExpression: 'ADD balance :d', ExpressionAttributeValues: { ':d': 1 } } },
        ],
      },
    });
    expect(requests.map((r) => [r.action, r.table, r.context['dynamodb:LeadingKeys']])).toEqual([
      ['dynamodb:PutItem', 'Orders', ['o1']],
      ['dynamodb:UpdateItem', 'Points', ['c1']],
    ]);
    expect(requests[1]!.context['dynamodb:Attributes']).toEqual(['balance', 'customerId', 'entryId']);
  });

  it('takes an index query’s leading key from its key condition', () => {
    const [request] = iamRequests({
      role: 'Shipper',
      command: 'Query',
      input: {
        TableName: 'x-Orders',
        IndexName: INDEX.ordersByDate,
        KeyConditionExpression: 'businessDate = :d AND createdAt > :t',
        ExpressionAttributeValues: { ':d': '2026-12-01', ':t': 'x' },
      },
    });
    expect(request!.context['dynamodb:LeadingKeys']).toEqual(['2026-12-01']);
    expect(request!.index).toBe(INDEX.ordersByDate);
  });

  it('refuses a command it has not been taught', () => {
    expect(() => iamRequests({ role: 'Admin', command: 'ExecuteStatement', input: {} })).toThrow(/doesn't know/);
  });
});

describe('the synthesized template, judged as IAM would', () => {
  let policies: SynthesizedPolicies;
  beforeAll(() => {
    policies = synthesizePolicies();
  }, 60_000);

  const decide = (role: 'Admin' | 'Barista' | 'Shipper', command: string, input: Record<string, unknown>) =>
    iamRequests({ role, command, input }).every((r) => evaluate(policies.statements[role], r.action, policies.arn(r.table!, r.index), r.context).allowed);

  it('a shipper reads the settings item and nothing else of Products', () => {
    expect(decide('Shipper', 'GetItem', { TableName: 'x-Products', Key: { productId: SETTINGS_ID } })).toBe(true);
    expect(decide('Shipper', 'GetItem', { TableName: 'x-Products', Key: { productId: 'latte' } })).toBe(false);
  });

  it('a shipper may move a delivery along but not touch its money or its status on the board', () => {
    const move = { TableName: 'x-Orders', Key: { orderId: 'o1' }, UpdateExpression: 'SET #d = :d, version = version + :one, updatedAt = :at', ExpressionAttributeNames: { '#d': 'delivery' } };
    expect(decide('Shipper', 'UpdateItem', move)).toBe(true);
    expect(decide('Shipper', 'UpdateItem', { ...move, UpdateExpression: 'SET totalCents = :zero' })).toBe(false);
    expect(decide('Shipper', 'UpdateItem', { ...move, UpdateExpression: 'SET #s = :s', ExpressionAttributeNames: { '#s': 'status' } })).toBe(false);
  });

  it('with café ranges, a call is allowed only from them', () => {
    const limited = synthesizePolicies({ cafeIpRanges: ['203.0.113.0/24'] });
    const get = iamRequests({ role: 'Barista', command: 'GetItem', input: { TableName: 'x-Orders', Key: { orderId: 'o1' } } })[0]!;
    const decideFrom = (ip: string) => evaluate(limited.statements.Barista, get.action, limited.arn('Orders'), { ...get.context, 'aws:SourceIp': ip }).allowed;
    expect(decideFrom('203.0.113.10')).toBe(true);
    expect(decideFrom('198.51.100.7')).toBe(false);
    expect(evaluate(limited.statements.Barista, get.action, limited.arn('Orders'), get.context).allowed).toBe(false);
    // Without the option the same call is allowed from anywhere.
    expect(evaluate(policies.statements.Barista, get.action, policies.arn('Orders'), { ...get.context, 'aws:SourceIp': '198.51.100.7' }).allowed).toBe(true);
  }, 60_000);

  it('nobody may Scan a table', () => {
    for (const role of ['Admin', 'Barista', 'Shipper'] as const) {
      for (const table of ['Products', 'Orders', 'Users', 'Points']) expect(decide(role, 'Scan', { TableName: `x-${table}` }), `${role} ${table}`).toBe(false);
    }
  });
});
