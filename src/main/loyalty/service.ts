import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import {
  GetCommand,
  QueryCommand,
  TransactWriteCommand,
  type DynamoDBDocumentClient,
  type TransactWriteCommandInput,
} from '@aws-sdk/lib-dynamodb';
import { randomBytes } from 'node:crypto';
import type { CustomerView, LedgerEntry } from '../../shared/customers';
import { formatPhone } from '../../shared/customers';
import { summarize, type Order, type OrderSummary, type StaffStamp } from '../../shared/orders';
import { AppError } from '../../shared/result';
import { INDEX, type TableNames } from '../data/schema';
import { readOrLastKnown, type Connectivity } from '../sync/connectivity';

type TransactItem = NonNullable<TransactWriteCommandInput['TransactItems']>[number];

export const BALANCE_ID = 'BALANCE';
/** Marker items in Users that make a phone or an email unique across customers. */
export const phoneKey = (phone: string) => `#PHONE#${phone}`;
export const emailKey = (email: string) => `#EMAIL#${email}`;

interface StoredCustomer {
  userId: string;
  name: string;
  phone?: string;
  email?: string;
  /** Where deliveries to them go. */
  address?: string;
  role: string;
  /** Mirror of the Points balance, written in the same transactions, so a lookup is one query. */
  points?: number;
}

export function toCustomerView(c: StoredCustomer, points = c.points ?? 0): CustomerView {
  return {
    customerId: c.userId,
    name: c.name,
    ...(c.phone && { phone: c.phone }),
    ...(c.email && { email: c.email }),
    ...(c.address && { address: c.address }),
    points,
  };
}

export interface PointsChange {
  customerId: string;
  /** Ledger lines; the balance moves by their sum. */
  entries: { suffix: string; delta: number; reason: string; orderId?: string; ticket?: string }[];
  actor: StaffStamp;
  at: string;
  /** The balance must be at least this before the change (a redemption's points). */
  atLeast?: number;
}

/**
 * The items that move a customer's points, for the caller's transaction: the balance (with its
 * condition), the Users mirror, and one ledger item per entry. Balance = Σ ledger holds because they
 * are written together or not at all.
 */
export function pointsItems(tables: TableNames, change: PointsChange): TransactItem[] {
  const delta = change.entries.reduce((sum, e) => sum + e.delta, 0);
  const condition = change.atLeast ? 'attribute_exists(customerId) AND balance >= :atLeast' : 'attribute_exists(customerId)';
  return [
    {
      Update: {
        TableName: tables.Points,
        Key: { customerId: change.customerId, entryId: BALANCE_ID },
        UpdateExpression: 'ADD balance :delta, version :one SET updatedAt = :at',
        ConditionExpression: condition,
        ExpressionAttributeValues: { ':delta': delta, ':one': 1, ':at': change.at, ...(change.atLeast && { ':atLeast': change.atLeast }) },
      },
    },
    {
      Update: {
        TableName: tables.Users,
        Key: { userId: change.customerId },
        UpdateExpression: 'ADD points :delta',
        ConditionExpression: 'attribute_exists(userId)',
        ExpressionAttributeValues: { ':delta': delta },
      },
    },
    ...change.entries.map(
      (e): TransactItem => ({
        Put: {
          TableName: tables.Points,
          Item: {
            customerId: change.customerId,
            entryId: `TXN#${change.at}#${e.suffix}`,
            delta: e.delta,
            reason: e.reason,
            ...(e.orderId && { orderId: e.orderId }),
            ...(e.ticket && { ticket: e.ticket }),
            actor: change.actor.name,
            actorId: change.actor.userId,
            createdAt: change.at,
          },
          ConditionExpression: 'attribute_not_exists(entryId)',
        },
      }),
    ),
  ];
}

function encodeCursor(key: Record<string, unknown> | undefined): string | null {
  return key ? Buffer.from(JSON.stringify(key)).toString('base64url') : null;
}

function decodeCursor(cursor: string | undefined, customerId: string): Record<string, unknown> | undefined {
  if (!cursor) return undefined;
  try {
    const key = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as Record<string, unknown>;
    if (key.customerId !== customerId || typeof key.entryId !== 'string') throw new Error('foreign cursor');
    return { customerId, entryId: key.entryId };
  } catch {
    throw new AppError('VALIDATION', 'That page of history doesn’t exist. Start from the first page.');
  }
}

export function createLoyaltyService({
  doc,
  tables,
  connectivity,
  now = () => new Date(),
}: {
  doc: DynamoDBDocumentClient;
  tables: TableNames;
  connectivity?: Connectivity;
  now?: () => Date;
}) {
  /**
   * Customers this till has seen since it started: if the connection drops mid-shift, the regulars
   * can still be found and earn points (their balance shown is the last one seen).
   */
  const seen = new Map<string, StoredCustomer>();
  const remember = (customers: StoredCustomer[]) => customers.forEach((c) => seen.set(c.userId, c));

  async function storedCustomer(customerId: string): Promise<StoredCustomer> {
    const { Item } = await doc.send(new GetCommand({ TableName: tables.Users, Key: { userId: customerId }, ConsistentRead: true }));
    if (!Item || Item.role !== 'Customer') throw new AppError('NOT_FOUND', 'That customer doesn’t exist any more. Look them up again.');
    remember([Item as StoredCustomer]);
    return Item as StoredCustomer;
  }


  async function balanceOf(customerId: string): Promise<number> {
    const { Item } = await doc.send(new GetCommand({ TableName: tables.Points, Key: { customerId, entryId: BALANCE_ID }, ConsistentRead: true }));
    return typeof Item?.balance === 'number' ? Item.balance : 0;
  }

  async function byIndex(index: string, attribute: string, value: string): Promise<StoredCustomer[]> {
    const { Items = [] } = await doc.send(
      new QueryCommand({
        TableName: tables.Users,
        IndexName: index,
        KeyConditionExpression: '#a = :v',
        ExpressionAttributeNames: { '#a': attribute },
        ExpressionAttributeValues: { ':v': value },
      }),
    );
    return (Items as StoredCustomer[]).filter((u) => u.role === 'Customer');
  }

  /** The customer a phone or email marker points at, if any. */
  async function holderOf(markerId: string): Promise<StoredCustomer | null> {
    const { Item } = await doc.send(new GetCommand({ TableName: tables.Users, Key: { userId: markerId }, ConsistentRead: true }));
    return Item?.customerId ? storedCustomer(Item.customerId as string) : null;
  }

  return {
    /** By phone (E.164) or email (lower-case): one indexed query, points from the mirror. */
    async lookup(by: { phone: string } | { email: string }): Promise<CustomerView[]> {
      const found = await readOrLastKnown(
        connectivity,
        async () => {
          const customers = 'phone' in by ? await byIndex(INDEX.usersByPhone, 'phone', by.phone) : await byIndex(INDEX.usersByEmail, 'email', by.email);
          remember(customers);
          return customers;
        },
        () => {
          const matches = [...seen.values()].filter((c) => ('phone' in by ? c.phone === by.phone : c.email === by.email));
          return matches.length > 0 ? matches : null;
        },
        'It hasn’t seen that customer since it started, so it can’t find them offline. Ring the order without them.',
      );
      return found.map((c) => toCustomerView(c)).toSorted((a, b) => a.name.localeCompare(b.name));
    },

    /** The customer to put on an order: whom this till already knows, else a read. */
    customerForOrder(customerId: string): Promise<StoredCustomer> {
      const known = seen.get(customerId);
      if (known) return Promise.resolve(known);
      return readOrLastKnown(connectivity, () => storedCustomer(customerId), () => null, 'It can’t check that customer. Ring the order without them.');
    },

    /** One customer with their live balance, for attaching to an order. */
    async get(customerId: string): Promise<CustomerView> {
      const [customer, balance] = await Promise.all([storedCustomer(customerId), balanceOf(customerId)]);
      return toCustomerView(customer, balance);
    },

    /** For the screen: the live customer, or offline the one this till last saw (points as they were then). */
    show(customerId: string): Promise<CustomerView> {
      return readOrLastKnown(
        connectivity,
        () => this.get(customerId),
        () => {
          const known = seen.get(customerId);
          return known ? toCustomerView(known) : null;
        },
        'It hasn’t seen that customer since it started. Ring the order without them.',
      );
    },

    storedCustomer,

    async enrol(input: { name: string; phone?: string; email?: string }, actor: StaffStamp): Promise<CustomerView> {
      const customerId = `cust-${randomBytes(8).toString('hex')}`;
      const at = now().toISOString();
      const customer = {
        userId: customerId,
        name: input.name,
        ...(input.phone && { phone: input.phone }),
        ...(input.email && { email: input.email }),
        role: 'Customer',
        points: 0,
        createdAt: at,
        createdBy: actor.name,
      };
      const markers = [...(input.phone ? [phoneKey(input.phone)] : []), ...(input.email ? [emailKey(input.email)] : [])];
      try {
        await doc.send(
          new TransactWriteCommand({
            TransactItems: [
              ...markers.map((userId) => ({
                Put: { TableName: tables.Users, Item: { userId, customerId }, ConditionExpression: 'attribute_not_exists(userId)' },
              })),
              { Put: { TableName: tables.Users, Item: customer, ConditionExpression: 'attribute_not_exists(userId)' } },
              {
                Put: {
                  TableName: tables.Points,
                  Item: { customerId, entryId: BALANCE_ID, balance: 0, version: 1, updatedAt: at },
                  ConditionExpression: 'attribute_not_exists(entryId)',
                },
              },
            ],
          }),
        );
      } catch (error) {
        if (!(error instanceof TransactionCanceledException)) throw error;
        const taken = markers.findIndex((_, i) => error.CancellationReasons?.[i]?.Code === 'ConditionalCheckFailed');
        if (taken < 0) throw error;
        const existing = await holderOf(markers[taken]!);
        const what = markers[taken]!.startsWith('#PHONE#') ? `phone ${formatPhone(input.phone!)}` : `email ${input.email}`;
        throw new AppError('CONFLICT', `${existing?.name ?? 'Another customer'} already has the ${what}.`, {
          fields: [{ path: markers[taken]!.startsWith('#PHONE#') ? 'phone' : 'email', message: 'Already enrolled.' }],
          ...(existing && { existing: toCustomerView(existing, await balanceOf(existing.userId)) }),
        });
      }
      return toCustomerView(customer, 0);
    },

    /** Newest first, a page at a time, with the customer's recent orders. */
    async history(customerId: string, cursor?: string, pageSize = 20): Promise<{ customer: CustomerView; entries: LedgerEntry[]; nextCursor: string | null; recentOrders: OrderSummary[] }> {
      const [customer, balance, page, orders] = await Promise.all([
        storedCustomer(customerId),
        balanceOf(customerId),
        doc.send(
          new QueryCommand({
            TableName: tables.Points,
            KeyConditionExpression: 'customerId = :c AND begins_with(entryId, :txn)',
            ExpressionAttributeValues: { ':c': customerId, ':txn': 'TXN#' },
            ScanIndexForward: false,
            Limit: pageSize,
            ExclusiveStartKey: decodeCursor(cursor, customerId),
            ConsistentRead: true,
          }),
        ),
        doc.send(
          new QueryCommand({
            TableName: tables.Orders,
            IndexName: INDEX.ordersByCustomer,
            KeyConditionExpression: 'customerId = :c',
            ExpressionAttributeValues: { ':c': customerId },
            ScanIndexForward: false,
            Limit: 10,
          }),
        ),
      ]);
      const entries = (page.Items ?? []).map(
        (e): LedgerEntry => ({
          entryId: e.entryId,
          at: e.createdAt,
          delta: e.delta,
          reason: e.reason,
          ...(e.orderId && { orderId: e.orderId }),
          ...(e.ticket && { ticket: e.ticket }),
          actor: e.actor,
        }),
      );
      return {
        customer: toCustomerView(customer, balance),
        entries,
        nextCursor: encodeCursor(page.LastEvaluatedKey),
        recentOrders: ((orders.Items ?? []) as Order[]).map(summarize),
      };
    },

    /** A manager's correction, with its reason in the ledger. The balance never goes below zero. */
    async adjust(customerId: string, delta: number, reason: string, actor: StaffStamp): Promise<CustomerView> {
      const customer = await storedCustomer(customerId);
      const at = now().toISOString();
      try {
        await doc.send(
          new TransactWriteCommand({
            TransactItems: pointsItems(tables, {
              customerId,
              entries: [{ suffix: `adjust-${randomBytes(4).toString('hex')}`, delta, reason: `Adjusted: ${reason}` }],
              actor,
              at,
              ...(delta < 0 && { atLeast: -delta }),
            }),
          }),
        );
      } catch (error) {
        if (error instanceof TransactionCanceledException && error.CancellationReasons?.[0]?.Code === 'ConditionalCheckFailed') {
          const balance = await balanceOf(customerId);
          throw new AppError('INSUFFICIENT_POINTS', `${customer.name} has ${balance} points: can’t take away ${-delta}.`);
        }
        throw error;
      }
      return toCustomerView(customer, await balanceOf(customerId));
    },
  };
}
export type LoyaltyService = ReturnType<typeof createLoyaltyService>;
