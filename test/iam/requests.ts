import { TABLE_KEYS, TABLES, type TableKey } from '../../src/main/data/schema';
import type { AwsCall } from '../../src/main/aws/call-log';

/**
 * What IAM sees of one DynamoDB (or Cognito) call: one authorisation request per action and
 * resource. A TransactWriteItems is authorised item by item (Put → PutItem…), a BatchGetItem table
 * by table, and each request carries DynamoDB's condition keys as the service fills them in.
 */
export interface IamRequest {
  action: string;
  /** Where the call goes: a table key and, for index queries, the index name. */
  table?: TableKey;
  index?: string;
  /** For non-table resources (Cognito user pools). */
  resource?: string;
  context: Record<string, string | string[] | undefined>;
}

type Names = Record<string, string> | undefined;

/** Words of DynamoDB's expression grammar that are never attribute names. */
const KEYWORDS = new Set(['SET', 'REMOVE', 'ADD', 'DELETE', 'AND', 'OR', 'NOT', 'BETWEEN', 'IN']);

/**
 * The top-level attribute names an expression touches (`#v = #v + :one` → version), as IAM's
 * dynamodb:Attributes sees them: nested paths count as their first segment.
 */
export function expressionAttributes(expression: string | undefined, names: Names): string[] {
  if (!expression) return [];
  const found = new Set<string>();
  // Drop value placeholders first, so `:at` is never read as an attribute called "at".
  const text = expression.replace(/:[A-Za-z0-9_]+/g, ' ');
  const token = /(#?[A-Za-z_][A-Za-z0-9_]*)((?:\.#?[A-Za-z_][A-Za-z0-9_]*|\[\d+\])*)(\s*\()?/g;
  for (const match of text.matchAll(token)) {
    const [, head, , call] = match;
    if (call) continue; // a function: attribute_not_exists(…), if_not_exists(…), size(…)
    if (!head!.startsWith('#') && KEYWORDS.has(head!.toUpperCase())) continue;
    if (head!.startsWith('#')) {
      const name = names?.[head!];
      if (name === undefined) throw new Error(`Expression “${expression}” uses ${head} without ExpressionAttributeNames`);
      found.add(name);
    } else {
      found.add(head!);
    }
  }
  return [...found];
}

export function tableKeyOf(tableName: string): TableKey {
  const key = TABLE_KEYS.find((k) => tableName.endsWith(`-${k}`));
  if (!key) throw new Error(`Table ${tableName} is not one of the POS tables`);
  return key;
}

function hashOf(table: TableKey, index?: string): string {
  if (!index) return TABLES[table].hash;
  const def = TABLES[table].indexes.find((i) => i.name === index);
  if (!def) throw new Error(`${table} has no index ${index}`);
  return def.hash;
}

function keyNames(table: TableKey): string[] {
  return [TABLES[table].hash, ...(TABLES[table].range ? [TABLES[table].range!] : [])];
}

function leadingKey(table: TableKey, key: Record<string, unknown>): string {
  return String(key[TABLES[table].hash]);
}

/** The partition value a Query's key condition fixes (`#d = :d` on the index's hash key). */
function queryLeadingKey(input: QueryLike, table: TableKey): string[] {
  const hash = hashOf(table, input.IndexName);
  for (const match of (input.KeyConditionExpression ?? '').matchAll(/(#?[A-Za-z_][A-Za-z0-9_]*)\s*=\s*(:[A-Za-z0-9_]+)/g)) {
    const name = match[1]!.startsWith('#') ? input.ExpressionAttributeNames?.[match[1]!] : match[1];
    if (name === hash) return [String(input.ExpressionAttributeValues?.[match[2]!])];
  }
  throw new Error(`Query on ${table}${input.IndexName ? `/${input.IndexName}` : ''} has no equality on ${hash}`);
}

interface Expressions {
  ConditionExpression?: string;
  ExpressionAttributeNames?: Names;
  ProjectionExpression?: string;
}
interface QueryLike extends Expressions {
  TableName: string;
  IndexName?: string;
  KeyConditionExpression?: string;
  FilterExpression?: string;
  ExpressionAttributeValues?: Record<string, unknown>;
  Select?: string;
}

function reads(input: Expressions & { Select?: string }, indexQuery: boolean): IamRequest['context'] {
  const projected = expressionAttributes(input.ProjectionExpression, input.ExpressionAttributeNames);
  return {
    'dynamodb:Select': input.Select ?? (projected.length > 0 ? 'SPECIFIC_ATTRIBUTES' : indexQuery ? 'ALL_PROJECTED_ATTRIBUTES' : 'ALL_ATTRIBUTES'),
    ...(projected.length > 0 && { 'dynamodb:Attributes': projected }),
  };
}

function write(table: TableKey, leading: string, written: string[], input: Expressions & { ReturnValues?: string }): IamRequest['context'] {
  const conditioned = expressionAttributes(input.ConditionExpression, input.ExpressionAttributeNames);
  return {
    'dynamodb:LeadingKeys': [leading],
    'dynamodb:Attributes': [...new Set([...keyNames(table), ...written, ...conditioned])].toSorted(),
    'dynamodb:ReturnValues': input.ReturnValues ?? 'NONE',
  };
}

type Item = Record<string, unknown>;
interface PutLike extends Expressions {
  TableName: string;
  Item: Item;
  ReturnValues?: string;
}
interface UpdateLike extends Expressions {
  TableName: string;
  Key: Item;
  UpdateExpression?: string;
  ReturnValues?: string;
}
interface KeyLike extends Expressions {
  TableName: string;
  Key: Item;
  ReturnValues?: string;
}

function put(input: PutLike): IamRequest {
  const table = tableKeyOf(input.TableName);
  return { action: 'dynamodb:PutItem', table, context: write(table, leadingKey(table, input.Item), Object.keys(input.Item), input) };
}
function update(input: UpdateLike): IamRequest {
  const table = tableKeyOf(input.TableName);
  const written = expressionAttributes(input.UpdateExpression, input.ExpressionAttributeNames);
  return { action: 'dynamodb:UpdateItem', table, context: write(table, leadingKey(table, input.Key), written, input) };
}
function remove(input: KeyLike): IamRequest {
  const table = tableKeyOf(input.TableName);
  return { action: 'dynamodb:DeleteItem', table, context: write(table, leadingKey(table, input.Key), [], input) };
}
function conditionCheck(input: KeyLike): IamRequest {
  const table = tableKeyOf(input.TableName);
  const context = write(table, leadingKey(table, input.Key), [], input);
  delete context['dynamodb:ReturnValues'];
  return { action: 'dynamodb:ConditionCheckItem', table, context };
}
function get(input: KeyLike, action = 'dynamodb:GetItem'): IamRequest {
  const table = tableKeyOf(input.TableName);
  return { action, table, context: { 'dynamodb:LeadingKeys': [leadingKey(table, input.Key)], ...reads(input, false) } };
}

/** The IAM requests one recorded call becomes. Throws on a command it doesn't know, so none slips through unchecked. */
export function iamRequests(call: AwsCall): IamRequest[] {
  const input = call.input as Record<string, unknown>;
  switch (call.command) {
    case 'GetItem':
      return [get(input as unknown as KeyLike)];
    case 'PutItem':
      return [put(input as unknown as PutLike)];
    case 'UpdateItem':
      return [update(input as unknown as UpdateLike)];
    case 'DeleteItem':
      return [remove(input as unknown as KeyLike)];
    case 'Query': {
      const q = input as unknown as QueryLike;
      const table = tableKeyOf(q.TableName);
      return [
        {
          action: 'dynamodb:Query',
          table,
          ...(q.IndexName && { index: q.IndexName }),
          context: { 'dynamodb:LeadingKeys': queryLeadingKey(q, table), ...reads(q, Boolean(q.IndexName)) },
        },
      ];
    }
    case 'Scan': {
      const s = input as unknown as QueryLike;
      const table = tableKeyOf(s.TableName);
      // A Scan names no partition: dynamodb:LeadingKeys is absent, which ForAllValues lets through.
      return [{ action: 'dynamodb:Scan', table, ...(s.IndexName && { index: s.IndexName }), context: reads(s, Boolean(s.IndexName)) }];
    }
    case 'BatchGetItem': {
      const tables = (input.RequestItems ?? {}) as Record<string, { Keys: Item[] } & Expressions>;
      return Object.entries(tables).map(([name, request]) => {
        const table = tableKeyOf(name);
        return {
          action: 'dynamodb:BatchGetItem',
          table,
          context: { 'dynamodb:LeadingKeys': [...new Set(request.Keys.map((k) => leadingKey(table, k)))], ...reads(request, false) },
        };
      });
    }
    case 'BatchWriteItem': {
      const tables = (input.RequestItems ?? {}) as Record<string, { PutRequest?: { Item: Item }; DeleteRequest?: { Key: Item } }[]>;
      return Object.entries(tables).map(([name, requests]) => {
        const table = tableKeyOf(name);
        const keys = requests.map((r) => leadingKey(table, (r.PutRequest?.Item ?? r.DeleteRequest?.Key)!));
        return { action: 'dynamodb:BatchWriteItem', table, context: { 'dynamodb:LeadingKeys': [...new Set(keys)] } };
      });
    }
    case 'TransactWriteItems':
      return ((input.TransactItems ?? []) as Record<string, unknown>[]).map((item) => {
        if (item.Put) return put(item.Put as PutLike);
        if (item.Update) return update(item.Update as UpdateLike);
        if (item.Delete) return remove(item.Delete as KeyLike);
        if (item.ConditionCheck) return conditionCheck(item.ConditionCheck as KeyLike);
        throw new Error(`Unknown transaction item ${Object.keys(item).join(',')}`);
      });
    case 'TransactGetItems':
      return ((input.TransactItems ?? []) as { Get: KeyLike }[]).map((item) => get(item.Get));
    default:
      if (call.command.startsWith('Admin') || call.command.startsWith('ListUsers') || call.command.includes('UserPool')) {
        return [{ action: `cognito-idp:${call.command}`, resource: `userpool/${String(input.UserPoolId ?? '*')}`, context: {} }];
      }
      if (call.command === 'DescribeTable' || call.command === 'CreateTable') {
        return [{ action: `dynamodb:${call.command}`, table: tableKeyOf(String(input.TableName)), context: {} }];
      }
      throw new Error(`The IAM check doesn't know the ${call.command} command yet: teach test/iam/requests.ts what IAM sees of it`);
  }
}

/** Short, stable text for a request, to group many identical calls in a failure message. */
export function describeRequest(request: IamRequest): string {
  const where = request.table ? `${request.table}${request.index ? `/index/${request.index}` : ''}` : request.resource;
  const context = Object.entries(request.context)
    .filter(([, v]) => v !== undefined)
    .map(([k, v]) => `${k.replace('dynamodb:', '')}=${Array.isArray(v) ? `[${v.length > 4 ? `${v.slice(0, 4).join(',')},…` : v.join(',')}]` : v}`)
    .join(' ');
  return `${request.action} on ${where}${context ? ` (${context})` : ''}`;
}
