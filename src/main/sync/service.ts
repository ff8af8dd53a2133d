import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { GetCommand, TransactWriteCommand, UpdateCommand, type DynamoDBDocumentClient, type TransactWriteCommandInput, type UpdateCommandInput } from '@aws-sdk/lib-dynamodb';
import { createHash } from 'node:crypto';
import { STATUS_LABEL, type Order, type OrderStatus, type StaffStamp } from '../../shared/orders';
import { AppError } from '../../shared/result';
import type { ParkedOrder, SyncStatus } from '../../shared/sync';
import { SETTINGS_ID, type TableNames } from '../data/schema';
import { pointsItems, type PointsChange } from '../loyalty/service';
import { describeNetworkProblem, isNetworkError, type Connectivity } from './connectivity';
import { Journal, type JournalDamage, type JournalRecord } from './journal';

type TransactItem = NonNullable<TransactWriteCommandInput['TransactItems']>[number];
type State = 'pending' | 'synced' | 'parked' | 'void';

/** A board move (Start, Ready, Complete) made on this till, sent after its order. */
interface Move {
  from: OrderStatus;
  to: OrderStatus;
  at: string;
  by: StaffStamp;
  state: 'pending' | 'synced' | 'skipped';
}

interface Entry {
  order: Order;
  seq: number;
  state: State;
  reason?: string;
  parkedAt?: string;
  moves: Move[];
}

/** A move's id in sync records: its order and when it was made. */
const moveKey = (orderId: string, at: string) => `${orderId}@${at}`;

/** The order as this till knows it: as rung up, then moved along the board. */
function view(entry: Entry): Order {
  const moves = entry.moves.filter((m) => m.state !== 'skipped');
  if (moves.length === 0) return entry.order;
  return {
    ...entry.order,
    status: moves.at(-1)!.to,
    statusHistory: [...entry.order.statusHistory, ...moves.map((m) => ({ status: m.to, at: m.at, by: m.by }))],
  };
}

export interface SyncDeps {
  dir: string;
  doc: DynamoDBDocumentClient;
  tables: TableNames;
  terminalId: string;
  connectivity: Connectivity;
  /** Runs a database call as a signed-in staff member (AWS mode); throws UNAUTHENTICATED if nobody is. */
  asStaff?: <T>(run: () => Promise<T>) => Promise<T>;
  now?: () => Date;
  log?: (message: string, error?: unknown) => void;
  /** First retry delay and the most it grows to. */
  backoff?: { baseMs: number; capMs: number };
  /** Records written before the journal is compacted (once nothing is waiting). */
  compactAfter?: number;
}

/** DynamoDB's limit on one transaction; a group leaves room for two days' ticket counters (midnight). */
const MAX_ITEMS = 100;
/** Well under the 4 MB request limit, leaving room for the request's own wrapping. */
const MAX_GROUP_BYTES = 3_000_000;
/** Compaction keeps the journal from growing without end on a busy till. */
const COMPACT_AFTER_RECORDS = 2_000;
const COUNTER_DAYS_KEPT = 7;
/** How long the first sale of a day waits to learn the cloud's ticket counter (after a reinstall). */
const COUNTER_READ_MS = 1_500;

const RETRYABLE = new Set([
  'ThrottlingError',
  'ThrottlingException',
  'ProvisionedThroughputExceeded',
  'ProvisionedThroughputExceededException',
  'RequestLimitExceeded',
  'TransactionConflict',
  'TransactionConflictException',
  'TransactionInProgressException',
  'InternalServerError',
  'ServiceUnavailable',
  'LimitExceededException',
]);

/**
 * Everything one order writes, built only from the journaled order so that every retry is
 * byte-identical: the order itself (never twice: `attribute_not_exists`) and the points it earns or
 * spends, in the same transaction.
 */
export function orderItems(tables: TableNames, order: Order): TransactItem[] {
  const items: TransactItem[] = [{ Put: { TableName: tables.Orders, Item: order, ConditionExpression: 'attribute_not_exists(orderId)' } }];
  if (order.customerId && (order.pointsEarned || order.pointsRedeemed)) {
    const change: PointsChange = {
      customerId: order.customerId,
      entries: [
        ...(order.pointsRedeemed ? [{ suffix: `${order.orderId}#R`, delta: -order.pointsRedeemed, reason: 'Redeemed reward', orderId: order.orderId, ticket: order.ticket }] : []),
        ...(order.pointsEarned ? [{ suffix: `${order.orderId}#E`, delta: order.pointsEarned, reason: 'Earned on order', orderId: order.orderId, ticket: order.ticket }] : []),
      ],
      actor: order.createdBy,
      at: order.createdAt,
      ...(order.pointsRedeemed && { atLeast: order.pointsRedeemed }),
    };
    items.push(...pointsItems(tables, change));
  }
  return items;
}

/** Each item's table and key, to keep two writes to one item out of one transaction. */
function itemKey(item: TransactItem): string {
  const op = item.Put ?? item.Update ?? item.Delete ?? item.ConditionCheck;
  if (!op) return '';
  const key = item.Put ? { orderId: item.Put.Item?.orderId, customerId: item.Put.Item?.customerId, entryId: item.Put.Item?.entryId, userId: item.Put.Item?.userId } : (op as { Key: Record<string, unknown> }).Key;
  return `${op.TableName}|${JSON.stringify(key)}`;
}

interface Group {
  entries: Entry[];
  /** Where each order's items start in the transaction. */
  starts: number[];
  items: TransactItem[];
  /** Bumped if DynamoDB ever says the token was used for another payload. */
  generation: number;
}

/**
 * Moves an order along the board, only from where the mover saw it; the same write online and from
 * the journal. `sentAt` is when it is written (a move made offline reaches the cloud later than it
 * was made): boards read what changed since their last refresh by that time.
 */
export function statusUpdate(tables: TableNames, orderId: string, from: OrderStatus, change: { status: OrderStatus; at: string; by: StaffStamp }, sentAt = change.at): UpdateCommandInput {
  return {
    TableName: tables.Orders,
    Key: { orderId },
    UpdateExpression: 'SET #status = :to, statusHistory = list_append(statusHistory, :change), version = version + :one, updatedAt = :sent',
    ConditionExpression: 'attribute_exists(ticket) AND #status = :from',
    ExpressionAttributeNames: { '#status': 'status' },
    ExpressionAttributeValues: { ':to': change.status, ':from': from, ':change': [change], ':one': 1, ':sent': sentAt },
  };
}

/**
 * The order puts stamped with when they are sent, so boards reading changes since their last
 * refresh see an order that waited offline. A retry after a lost answer therefore differs from the
 * try that landed: DynamoDB answers IdempotentParameterMismatch, the next generation's token finds
 * the order already there, and that counts as sent.
 */
function stampSent(items: TransactItem[], ordersTable: string, sentAt: string): TransactItem[] {
  return items.map((item) => (item.Put?.TableName === ordersTable && item.Put.Item?.ticket ? { Put: { ...item.Put, Item: { ...item.Put.Item, updatedAt: sentAt } } } : item));
}

export const counterKey = (terminalId: string, businessDate: string) => `#COUNTER#${terminalId}#${businessDate}`;

/**
 * The durable journal and the worker that empties it into DynamoDB. Orders go in the order they
 * were rung up, several to a transaction (never two writes to one item in one), one transaction at
 * a time: a retry resends the same group with the same ClientRequestToken, so within DynamoDB's
 * 10-minute window it is a no-op if the first try landed; after that, `attribute_not_exists` on the
 * order id makes it recognisable as already there.
 */
export function createSync({ dir, doc, tables, terminalId, connectivity, asStaff = (run) => run(), now = () => new Date(), log = () => {}, backoff = { baseMs: 250, capMs: 5_000 }, compactAfter = COMPACT_AFTER_RECORDS }: SyncDeps) {
  const opened = Journal.open(dir, now);
  const journal = opened.journal;
  const damaged: JournalDamage[] = [...opened.damage];
  const entries = new Map<string, Entry>();
  const counters = new Map<string, number>();
  /** The highest ticket number already written to the cloud's counter, per day. */
  const cloudCounter = new Map<string, number>();

  function findMove(key: string): Move | undefined {
    const at = key.indexOf('@');
    if (at === -1) return undefined;
    return entries.get(key.slice(0, at))?.moves.find((m) => m.at === key.slice(at + 1));
  }

  function apply(record: JournalRecord): void {
    switch (record.t) {
      case 'order':
        entries.set(record.order.orderId, { order: record.order, seq: record.seq, state: 'pending', moves: [] });
        counters.set(record.order.businessDate, Math.max(counters.get(record.order.businessDate) ?? 0, record.seq));
        break;
      case 'status':
        entries.get(record.id)?.moves.push({ from: record.from, to: record.to, at: record.at, by: record.by, state: 'pending' });
        break;
      case 'synced':
        for (const id of record.ids) {
          const move = findMove(id);
          if (move) move.state = 'synced';
          const entry = entries.get(id);
          if (entry) {
            entry.state = 'synced';
            delete entry.reason;
          }
        }
        break;
      case 'parked': {
        const move = findMove(record.id);
        if (move) move.state = 'skipped';
        const entry = entries.get(record.id);
        if (entry && entry.state === 'pending') Object.assign(entry, { state: 'parked', reason: record.reason, parkedAt: record.at });
        break;
      }
      case 'retry':
        for (const id of record.ids) {
          const entry = entries.get(id);
          if (entry?.state === 'parked') entry.state = 'pending';
        }
        break;
      case 'void': {
        const entry = entries.get(record.id);
        if (entry) Object.assign(entry, { state: 'void', reason: record.reason });
        break;
      }
      case 'counter':
        counters.set(record.date, Math.max(counters.get(record.date) ?? 0, record.seq));
        break;
    }
  }
  opened.records.forEach(apply);

  /** Writes a record and only then acts on it: memory never runs ahead of the disk. */
  async function record(entry: JournalRecord, durable = true): Promise<void> {
    await journal.append([entry], durable);
    apply(entry);
  }

  let stopped = false;
  let running = false;
  let again = false;
  let timer: NodeJS.Timeout | null = null;
  let attempt = 0;
  let sticky: Group | null = null;
  let waitingFor: SyncStatus['waitingFor'] = null;
  let lastError: string | null = null;
  let nextAttemptAt: string | null = null;
  /** Orders sent since the current backlog started to go out; what is left is still pending. */
  let drained: number | null = null;
  const listeners = new Set<() => void>();
  const changed = () => listeners.forEach((listener) => listener());

  const pendingEntries = () => [...entries.values()].filter((e) => e.state === 'pending');

  function nextGroup(): Group | null {
    const group: Group = { entries: [], starts: [], items: [], generation: 0 };
    const keys = new Set<string>();
    let bytes = 0;
    for (const entry of entries.values()) {
      if (entry.state !== 'pending') continue;
      const items = orderItems(tables, entry.order);
      const itemKeys = items.map(itemKey);
      const size = JSON.stringify(items).length;
      const fits = group.items.length + items.length <= MAX_ITEMS - 2 && bytes + size <= MAX_GROUP_BYTES && !itemKeys.some((k) => keys.has(k));
      if (!fits) {
        if (group.entries.length > 0) break;
      }
      group.starts.push(group.items.length);
      group.entries.push(entry);
      group.items.push(...items);
      itemKeys.forEach((k) => keys.add(k));
      bytes += size;
      if (!fits) break;
    }
    return group.entries.length > 0 ? group : null;
  }

  /** The transaction for a group: its orders, then each day's ticket counter moved up to the group's last ticket. */
  function transaction(group: Group): TransactWriteCommandInput {
    const highest = new Map<string, number>();
    for (const { order, seq } of group.entries) highest.set(order.businessDate, Math.max(highest.get(order.businessDate) ?? 0, seq));
    const counterItems: TransactItem[] = [...highest]
      .filter(([date, seq]) => seq > (cloudCounter.get(date) ?? 0))
      .map(([date, seq]) => ({
        Update: { TableName: tables.Orders, Key: { orderId: counterKey(terminalId, date) }, UpdateExpression: 'SET seq = :seq', ExpressionAttributeValues: { ':seq': seq } },
      }));
    const ids = group.entries.map((e) => e.order.orderId).join(',');
    const token = createHash('sha256').update(`${ids}#${group.generation}`).digest('base64url').slice(0, 36);
    return { TransactItems: [...stampSent(group.items, tables.Orders, now().toISOString()), ...counterItems], ClientRequestToken: token };
  }

  async function markSynced(group: Entry[]): Promise<void> {
    if (group.length === 0) return;
    // Not flushed: losing this marker only means the orders are sent again and recognised by their ids.
    await record({ t: 'synced', ids: group.map((e) => e.order.orderId), at: now().toISOString() }, false);
    for (const { order, seq } of group) cloudCounter.set(order.businessDate, Math.max(cloudCounter.get(order.businessDate) ?? 0, seq));
    if (drained !== null) drained += group.length;
  }

  async function park(entry: Entry, reason: string): Promise<void> {
    log(`Ticket ${entry.order.ticket} parked: ${reason}`);
    await record({ t: 'parked', id: entry.order.orderId, reason, at: now().toISOString() });
  }

  function pointsReason(order: Order): string {
    const who = order.customerName ?? 'The customer';
    return order.pointsRedeemed
      ? `${who} didn’t have the ${order.pointsRedeemed} points for the reward any more when this order reached the cloud. The sale stands; adjust their points if needed, then try again.`
      : `${who}’s loyalty account wasn’t found, so the ${order.pointsEarned ?? 0} points earned couldn’t be added.`;
  }

  type Outcome = 'next' | 'retry' | 'wait';

  /** The first board move whose order is in the cloud; a move waits for its order. */
  function nextMove(): { entry: Entry; move: Move } | null {
    for (const entry of entries.values()) {
      if (entry.state !== 'synced') continue;
      const move = entry.moves.find((m) => m.state === 'pending');
      if (move) return { entry, move };
    }
    return null;
  }

  const pendingMoves = () => [...entries.values()].filter((e) => e.state === 'synced').reduce((n, e) => n + e.moves.filter((m) => m.state === 'pending').length, 0);

  /**
   * Sends one board move, only if the order is still where this till left it. If the cloud already
   * has this very move (an earlier try landed), it is done; if someone else moved the order on
   * meanwhile, theirs stands and ours is dropped with a note.
   */
  async function pushMove(entry: Entry, move: Move): Promise<Outcome> {
    const { orderId, ticket } = entry.order;
    const key = moveKey(orderId, move.at);
    const change = { status: move.to, at: move.at, by: move.by };
    try {
      await asStaff(() => doc.send(new UpdateCommand(statusUpdate(tables, orderId, move.from, change, now().toISOString()))));
    } catch (error) {
      const transient = waitOrRetry(error);
      if (transient) return transient;
      let reason = `DynamoDB refused it: ${(error as Error).message}`;
      if ((error as { name?: string }).name === 'ConditionalCheckFailedException') {
        const { Item } = await asStaff(() => doc.send(new GetCommand({ TableName: tables.Orders, Key: { orderId }, ConsistentRead: true })));
        const current = Item as Order | undefined;
        if (current?.statusHistory.some((h) => h.at === move.at && h.status === move.to)) {
          await record({ t: 'synced', ids: [key], at: now().toISOString() }, false);
          return 'next';
        }
        reason = `Ticket ${ticket} was already ${STATUS_LABEL[current?.status ?? move.from].toLowerCase()} on another till, so this till’s “${STATUS_LABEL[move.to]}” was left out.`;
      }
      log(reason);
      await record({ t: 'parked', id: key, reason, at: now().toISOString() });
      return 'next';
    }
    await record({ t: 'synced', ids: [key], at: now().toISOString() }, false);
    return 'next';
  }

  /**
   * The failures that say nothing about the write itself: nobody to send as (wait for a sign-in),
   * no answer, or DynamoDB too busy (try again after the backoff). Null for a real refusal.
   */
  function waitOrRetry(error: unknown): Outcome | null {
    if (error instanceof AppError && error.code === 'UNAUTHENTICATED') {
      waitingFor = 'sign-in';
      lastError = 'Waiting for someone to sign in to send them.';
      return 'wait';
    }
    if (isNetworkError(error)) {
      lastError = `Can’t send them: ${describeNetworkProblem(error)}. Trying again every few seconds.`;
      return 'retry';
    }
    if (RETRYABLE.has((error as { name?: string }).name ?? '')) {
      lastError = 'The database is busy; trying again shortly.';
      return 'retry';
    }
    return null;
  }

  async function push(group: Group): Promise<Outcome> {
    try {
      await asStaff(() => doc.send(new TransactWriteCommand(transaction(group))));
      sticky = null;
      await markSynced(group.entries);
      return 'next';
    } catch (error) {
      const transient = waitOrRetry(error);
      if (transient) return transient;
      const name = (error as { name?: string }).name ?? '';
      if (error instanceof TransactionCanceledException) {
        const reasons = error.CancellationReasons ?? [];
        const code = (i: number) => reasons[i]?.Code ?? 'None';
        const synced: Entry[] = [];
        let definitive = false;
        for (const [index, entry] of group.entries.entries()) {
          const start = group.starts[index]!;
          const end = group.starts[index + 1] ?? group.items.length;
          const codes = Array.from({ length: end - start }, (_, i) => code(start + i));
          if (codes[0] === 'ConditionalCheckFailed') {
            // Our own order id is already there: an earlier try landed.
            synced.push(entry);
            definitive = true;
          } else if (codes.includes('ConditionalCheckFailed')) {
            await park(entry, pointsReason(entry.order));
            definitive = true;
          } else if (codes.includes('ValidationError')) {
            await park(entry, `DynamoDB refused this order: ${reasons[start + codes.indexOf('ValidationError')]?.Message ?? 'invalid data'}.`);
            definitive = true;
          }
        }
        if (definitive) {
          sticky = null;
          await markSynced(synced);
          return 'next';
        }
        if (reasons.some((r) => RETRYABLE.has(r.Code ?? ''))) {
          lastError = 'The database is busy; trying again shortly.';
          return 'retry';
        }
      } else if (name === 'IdempotentParameterMismatchException') {
        group.generation += 1;
        return 'next';
      }
      if (group.entries.length > 1) {
        // Something about one order: send them one at a time to find which.
        sticky = { entries: [group.entries[0]!], starts: [0], items: orderItems(tables, group.entries[0]!.order), generation: 0 };
        return 'next';
      }
      if (name === 'AccessDeniedException' || name === 'UnrecognizedClientException' || name === 'ExpiredTokenException') {
        lastError = `The signed-in staff member can’t send orders (${(error as Error).message}).`;
        return 'retry';
      }
      sticky = null;
      await park(group.entries[0]!, `DynamoDB refused this order: ${(error as Error).message ?? name}`);
      return 'next';
    }
  }

  function schedule(delayMs: number): void {
    if (stopped) return;
    if (timer) clearTimeout(timer);
    nextAttemptAt = new Date(now().getTime() + delayMs).toISOString();
    timer = setTimeout(() => {
      timer = null;
      nextAttemptAt = null;
      void run();
    }, delayMs);
  }

  function delay(): number {
    const ms = Math.min(backoff.capMs, backoff.baseMs * 2 ** attempt);
    attempt += 1;
    // Jitter: tills coming back online together don't all retry on the same beat.
    return Math.round(ms * (0.8 + Math.random() * 0.4));
  }

  /** While offline with nothing to send, one cheap read tells us when the database is back. */
  async function probe(): Promise<boolean> {
    try {
      await asStaff(() => doc.send(new GetCommand({ TableName: tables.Products, Key: { productId: SETTINGS_ID }, ProjectionExpression: 'productId' })));
      return true;
    } catch {
      return false;
    }
  }

  async function run(): Promise<void> {
    if (running) {
      again = true;
      return;
    }
    running = true;
    try {
      do {
        again = false;
        while (!stopped) {
          const group = sticky ?? nextGroup();
          // Orders first, then the board moves made on them.
          const move = group ? null : nextMove();
          if (!group && !move) break;
          let outcome: Outcome;
          if (group) {
            sticky = group;
            drained ??= 0;
            outcome = await push(group);
          } else outcome = await pushMove(move!.entry, move!.move);
          changed();
          if (outcome === 'wait') return;
          if (outcome === 'retry') {
            schedule(delay());
            return;
          }
          attempt = 0;
          waitingFor = null;
          lastError = null;
        }
      } while (again && !stopped);
      drained = null;
      if (!stopped && !connectivity.online) {
        if (await probe()) attempt = 0;
        else schedule(delay());
      }
      await compactIfDue();
    } catch (error) {
      // A journal write failed (disk full?): keep the orders, try again later.
      lastError = `Couldn’t update the journal: ${(error as Error).message}`;
      log('sync', error);
      schedule(delay());
    } finally {
      running = false;
      changed();
    }
  }

  let compactedTo = 0;

  async function compactIfDue(): Promise<void> {
    // Only after `compactAfter` records since the last compaction: a long day's kept orders never make every sync rewrite the file.
    if (journal.appended - compactedTo < compactAfter || pendingEntries().length > 0) return;
    const today = [...counters.keys()].sort().at(-1);
    const records: JournalRecord[] = [...counters]
      .sort(([a], [b]) => a.localeCompare(b))
      .slice(-COUNTER_DAYS_KEPT)
      .map(([date, seq]) => ({ t: 'counter', date, seq }));
    const syncedToday: string[] = [];
    for (const entry of entries.values()) {
      // Today's orders stay (the board can show them offline); older ones only while unsent.
      if (entry.state === 'void' || (entry.state === 'synced' && entry.order.businessDate !== today)) {
        entries.delete(entry.order.orderId);
        continue;
      }
      records.push({ t: 'order', seq: entry.seq, order: entry.order });
      if (entry.state === 'synced') syncedToday.push(entry.order.orderId);
      for (const move of entry.moves) {
        records.push({ t: 'status', id: entry.order.orderId, from: move.from, to: move.to, at: move.at, by: move.by });
        if (move.state === 'synced') syncedToday.push(moveKey(entry.order.orderId, move.at));
        if (move.state === 'skipped') records.push({ t: 'parked', id: moveKey(entry.order.orderId, move.at), reason: 'Overtaken on another till.', at: move.at });
      }
      if (entry.state === 'parked') records.push({ t: 'parked', id: entry.order.orderId, reason: entry.reason ?? '', at: entry.parkedAt ?? now().toISOString() });
    }
    if (syncedToday.length > 0) records.push({ t: 'synced', ids: syncedToday, at: now().toISOString() });
    await journal.rewrite(records);
    compactedTo = records.length;
  }

  const outcomeWaiters = new Map<string, Set<() => void>>();
  listeners.add(() => {
    for (const [id, waiters] of outcomeWaiters) {
      if (entries.get(id)?.state !== 'pending') waiters.forEach((w) => w());
    }
  });

  // Restart-safe: whatever a previous run left unsent goes out now.
  if (pendingEntries().length > 0 || pendingMoves() > 0) queueMicrotask(() => void run());

  return {
    /** The next ticket number for a day on this till; asks the cloud only the first time it sees a day. */
    async reserveSequence(businessDate: string, readCloud: () => Promise<number>): Promise<number> {
      if (!counters.has(businessDate)) {
        let fromCloud = 0;
        if (connectivity.online) {
          // Once a day, and never long: a till whose network just dropped still sells at once.
          let timer: NodeJS.Timeout | undefined;
          const giveUp = new Promise<number>((resolve) => (timer = setTimeout(() => resolve(0), COUNTER_READ_MS)));
          try {
            fromCloud = await Promise.race([asStaff(readCloud), giveUp]);
          } catch (error) {
            if (!isNetworkError(error) && !(error instanceof AppError)) throw error;
          } finally {
            clearTimeout(timer);
          }
        }
        counters.set(businessDate, Math.max(counters.get(businessDate) ?? 0, fromCloud));
        cloudCounter.set(businessDate, Math.max(cloudCounter.get(businessDate) ?? 0, fromCloud));
      }
      const seq = counters.get(businessDate)! + 1;
      counters.set(businessDate, seq);
      return seq;
    },

    /** Saves a sale durably, then starts sending it. The barista is told only after this returns. */
    async commit(order: Order, seq: number): Promise<void> {
      await record({ t: 'order', seq, order });
      changed();
      void run();
    },

    /** Withdraws a journaled order whose sale didn't go through (the barista sees an error instead). */
    async withdraw(orderId: string, reason: string): Promise<void> {
      await record({ t: 'void', id: orderId, reason, at: now().toISOString() });
      changed();
    },

    /** Waits until an order leaves the queue (sent or parked), or the time is up. */
    outcome(orderId: string, timeoutMs: number): Promise<{ state: State; reason?: string }> {
      return new Promise((resolve) => {
        const finish = () => {
          clearTimeout(timeout);
          outcomeWaiters.get(orderId)?.delete(finish);
          const entry = entries.get(orderId);
          resolve({ state: entry?.state ?? 'void', ...(entry?.reason && { reason: entry.reason }) });
        };
        const timeout = setTimeout(finish, timeoutMs);
        if (entries.get(orderId)?.state !== 'pending') return finish();
        let waiters = outcomeWaiters.get(orderId);
        if (!waiters) outcomeWaiters.set(orderId, (waiters = new Set()));
        waiters.add(finish);
      });
    },

    /** This till's copy of an order (moves applied); `unsent` while the cloud lacks it or a move on it. */
    local(orderId: string): { order: Order; state: State; unsent: boolean } | null {
      const entry = entries.get(orderId);
      if (!entry || entry.state === 'void') return null;
      return { order: view(entry), state: entry.state, unsent: entry.state !== 'synced' || entry.moves.some((m) => m.state === 'pending') };
    },

    /** This till's journaled orders for a day, for the board when the cloud can't be asked. */
    localOrders(businessDate: string): { order: Order; state: State; unsent: boolean }[] {
      return [...entries.values()]
        .filter((e) => e.order.businessDate === businessDate && e.state !== 'void')
        .map((e) => ({ order: view(e), state: e.state, unsent: e.state !== 'synced' || e.moves.some((m) => m.state === 'pending') }));
    },

    /**
     * Moves one of this till's orders along the board without the cloud: saved in the journal and
     * sent after the order. Refused if the order isn't where the barista saw it.
     */
    async move(orderId: string, from: OrderStatus, to: OrderStatus, by: StaffStamp): Promise<void> {
      const entry = entries.get(orderId);
      if (!entry || entry.state === 'void') throw new AppError('NOT_FOUND', 'That order isn’t on this till.');
      const current = view(entry);
      if (current.status !== from) throw new AppError('CONFLICT', `Ticket ${current.ticket} is already ${STATUS_LABEL[current.status].toLowerCase()}.`);
      const last = current.statusHistory.at(-1)?.at ?? '';
      // Two moves in one millisecond would share a key: keep each one's time distinct and rising.
      let at = now().toISOString();
      if (at <= last) at = new Date(Date.parse(last) + 1).toISOString();
      await record({ t: 'status', id: orderId, from, to, at, by });
      changed();
      void run();
    },

    /** Points this till has promised as rewards but not yet sent: the live balance isn't all spendable. */
    unsentRedemptions(customerId: string): number {
      return pendingEntries()
        .filter((e) => e.order.customerId === customerId)
        .reduce((sum, e) => sum + (e.order.pointsRedeemed ?? 0), 0);
    },

    status(): SyncStatus {
      const pending = pendingEntries();
      const parked: ParkedOrder[] = [...entries.values()]
        .filter((e) => e.state === 'parked')
        .map((e) => ({
          orderId: e.order.orderId,
          ticket: e.order.ticket,
          totalCents: e.order.totalCents,
          createdAt: e.order.createdAt,
          createdBy: e.order.createdBy.name,
          reason: e.reason ?? '',
          parkedAt: e.parkedAt ?? '',
        }));
      return {
        asOf: now().toISOString(),
        online: connectivity.online,
        since: connectivity.since,
        pending: pending.length,
        oldestAt: pending[0]?.order.createdAt ?? null,
        // Progress means something only while it is moving: offline, the backlog is just waiting.
        draining: pending.length > 0 && drained !== null && connectivity.online ? { done: drained, total: drained + pending.length } : null,
        waitingFor,
        lastError: pending.length > 0 ? lastError : null,
        nextAttemptAt: pending.length > 0 ? nextAttemptAt : null,
        pendingMoves: pendingMoves(),
        parked,
        damaged,
      };
    },

    /** "Sync now": try at once, parked orders too if asked, and resolve after that attempt. */
    async syncNow(options: { includeParked?: boolean } = {}): Promise<void> {
      const parked = [...entries.values()].filter((e) => e.state === 'parked').map((e) => e.order.orderId);
      if (options.includeParked && parked.length > 0) {
        await record({ t: 'retry', ids: parked, at: now().toISOString() });
      }
      // An attempt already on its way finishes first; then one more, without waiting out the backoff.
      while (running) await new Promise<void>((resolve) => listeners.add(function done() {
        listeners.delete(done);
        resolve();
      }));
      attempt = 0;
      waitingFor = null;
      if (timer) clearTimeout(timer);
      timer = null;
      nextAttemptAt = null;
      await run();
    },

    /** Someone signed in: if the queue was waiting for credentials, go. */
    staffChanged(): void {
      if (waitingFor === 'sign-in') {
        waitingFor = null;
        void run();
      }
    },

    /** Resolves once nothing is waiting (parked orders don't count). For shutdown, tests and benchmarks. */
    idle(): Promise<void> {
      return new Promise((resolve) => {
        const check = () => {
          if (!running && pendingEntries().length === 0 && pendingMoves() === 0) {
            listeners.delete(check);
            resolve();
          }
        };
        listeners.add(check);
        check();
      });
    },

    async stop(): Promise<void> {
      stopped = true;
      if (timer) clearTimeout(timer);
      while (running) await new Promise((r) => setTimeout(r, 10));
      await journal.close();
    },
  };
}

export type SyncService = ReturnType<typeof createSync>;
