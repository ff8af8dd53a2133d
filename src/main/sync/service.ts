import { GetCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { businessDateOf, STATUS_LABEL, type Order, type OrderStatus, type StaffStamp } from '../../shared/orders';
import { AppError } from '../../shared/result';
import type { ParkedOrder, ParkedRecord, SyncStatus } from '../../shared/sync';
import { DRAWER_LABEL } from '../../shared/shift';
import { PUNCH_LABEL } from '../../shared/timecards';
import { SETTINGS_ID, type TableNames } from '../data/schema';
import { isNetworkError, type Connectivity } from './connectivity';
import { Journal, type JournalDamage, type JournalRecord } from './journal';
import type { SendContext } from './kinds/kind';
import { drawerKey, drawerSender } from './kinds/drawer';
import { deliverySender, pendingDeliveries } from './kinds/delivery';
import type { DeliveryMoveRecord } from '../../shared/delivery';
import { moveSender, pendingMoves } from './kinds/move';
import { counterKey, orderSender } from './kinds/order';
import { pointsKey, pointsSender } from './kinds/points';
import { closeKey, shiftCloseSender } from './kinds/shift-close';
import { shiftKey, shiftOpenSender } from './kinds/shift-open';
import { punchKey, punchSender } from './kinds/punch';
import { claimTerminal, newInstallId, newTerminalId, TERMINAL_ID, TERMINAL_ID_RULE, terminalKey, terminalSender } from './kinds/terminal';
import { lockFolder } from './lock';
import { applyRecord, snapshot } from './records';
import { shiftJournal } from './shifts';
import { timeclockJournal } from './timeclock';
import { createTillState, pendingPunches, pendingShiftRecords, raiseCounter, unsent, view, type EntryState } from './state';
import type { TillActivity } from './till-first';
import { createWorker } from './worker';

export { counterKey } from './kinds/order';
export { statusUpdate } from './kinds/move';

export interface SyncDeps {
  dir: string;
  doc: DynamoDBDocumentClient;
  tables: TableNames;
  /** The id a new till takes on its first start (tests); otherwise one is made up. */
  firstTerminalId?: string;
  connectivity: Connectivity;
  /** Runs a database call as a signed-in staff member (AWS mode); throws UNAUTHENTICATED if nobody is. */
  /** `shipper`: a shipper's own delivery steps may go out as a shipper too. */
  asStaff?: <T>(run: () => Promise<T>, options?: { shipper?: boolean }) => Promise<T>;
  /** Runs a call as one staff member if they are signed in on this machine, else as `asStaff` does. */
  asStaffMember?: <T>(userId: string, run: () => Promise<T>, options?: { shipper?: boolean }) => Promise<T>;
  now?: () => Date;
  log?: (message: string, error?: unknown) => void;
  /** First retry delay and the most it grows to. */
  backoff?: { baseMs: number; capMs: number };
  /** Records written before the journal is compacted (once nothing is waiting). */
  compactAfter?: number;
  /** The till's calls, which each send waits behind (till-first.ts); without it, sends go at once. */
  activity?: TillActivity;
}

/** Compaction keeps the journal from growing without end on a busy till. */
const COMPACT_AFTER_RECORDS = 2_000;
/** How long the first sale of a day waits to learn the cloud's ticket counter (after a reinstall). */
const COUNTER_READ_MS = 1_500;

/**
 * The till's outbox: one durable journal of typed records (kinds/: an order placed, a board move, an
 * order's points sent apart, this till's id) and the generic worker that empties it into DynamoDB.
 * This closure only wires them together and answers the rest of main.
 */
export function createSync({ dir, doc, tables, firstTerminalId, connectivity, asStaff = (run) => run(), asStaffMember, now = () => new Date(), log = () => {}, backoff = { baseMs: 250, capMs: 5_000 }, compactAfter = COMPACT_AFTER_RECORDS, activity }: SyncDeps) {
  if (firstTerminalId !== undefined && !TERMINAL_ID.test(firstTerminalId)) throw new Error(`Terminal id “${firstTerminalId}” must be ${TERMINAL_ID_RULE}.`);
  const lock = lockFolder(dir);
  let opened;
  try {
    opened = Journal.open(dir, now);
  } catch (error) {
    lock.release();
    throw error;
  }
  const journal = opened.journal;
  const damaged: JournalDamage[] = [...opened.damage];
  const state = createTillState();
  opened.records.forEach((r) => applyRecord(state, r));
  /** The highest ticket number known to be in the cloud's counter, per `terminal#date`. */
  const cloudCounter = new Map<string, number>();
  /** Orders whose checkout waits to hear whether their reward's points went through. */
  const held = new Set<string>();

  if (!state.terminal) {
    // A till from before ids were kept carries on with the one its orders have.
    const id = [...state.entries.values()].at(-1)?.order.terminalId ?? firstTerminalId ?? newTerminalId();
    const claim: JournalRecord = { t: 'terminal', id, installId: newInstallId(), at: now().toISOString() };
    // Applied before it is on disk, unlike other records: no sale has used the id yet, and every
    // sale's record is queued behind this one.
    applyRecord(state, claim);
    journal.append([claim]).catch((error: unknown) => log('Couldn’t save this till’s id', error));
  }
  const terminalId = () => state.terminal!.id;

  /** Writes a record and only then acts on it: memory never runs ahead of the disk. */
  const record = (entry: JournalRecord, durable = true) => journal.append([entry], durable, () => applyRecord(state, entry));

  const listeners = new Set<() => void>();
  const changed = () => listeners.forEach((listener) => listener());
  const pendingEntries = () => [...state.entries.values()].filter((e) => e.state === 'pending');

  const ctx: SendContext = {
    doc,
    tables,
    state,
    now,
    log,
    asStaff,
    record,
    transient: (error) => worker.transient(error),
    retryBecause: (message) => worker.retryBecause(message),
  };
  const orders = orderSender(ctx, { cloudCounter, held, terminalId });
  // Orders first, then their points and the board moves made on them; then the drawer, a shift's
  // opening before its movements before its close; the till's id claim last, as nothing waits for
  // it (a sale's ticket is this till's whether or not the cloud knows it yet).
  const asMember = asStaffMember ?? ((_userId, run, options) => asStaff(run, options));
  const senders = [orders, pointsSender(ctx), moveSender(ctx), deliverySender(ctx, asMember), shiftOpenSender(ctx), drawerSender(ctx), shiftCloseSender(ctx), punchSender(ctx, asMember), terminalSender(ctx)];

  let compactedTo = 0;
  const worker = createWorker({
    senders,
    connectivity,
    now,
    log,
    backoff,
    changed,
    // Except when a checkout is waiting on the send itself (a reward's points): then it is the till's call.
    yieldToTill: () => activity?.quiet(() => held.size > 0),
    probe: async () => {
      try {
        await asStaff(() => doc.send(new GetCommand({ TableName: tables.Products, Key: { productId: SETTINGS_ID }, ProjectionExpression: 'productId' })));
        return true;
      } catch {
        return false;
      }
    },
    compact: async () => {
      // Only after `compactAfter` records since the last compaction: a long day's kept orders never make every sync rewrite the file.
      if (journal.appended - compactedTo < compactAfter || pendingEntries().length > 0) return;
      await journal.rewrite(() => {
        const records = snapshot(state, now);
        compactedTo = records.length;
        return records;
      });
    },
  });
  const run = () => worker.run();
  /**
   * After a sale or a move: the barista's answer goes out first. Started at once, the send's SDK
   * work (serializing, signing) ran in the same microtask queue as the checkout's reply and held it
   * back; the worker then waits for the till to be quiet (till-first.ts) before each send.
   */
  const soon = () => void setImmediate(run);

  /** Open waits on an order's outcome; each removes itself when it ends. */
  const waits = new Set<() => void>();
  listeners.add(() => waits.forEach((check) => check()));

  // Restart-safe: whatever a previous run left unsent goes out now.
  if (senders.some((s) => s.next())) queueMicrotask(() => void run());

  const parkedList = (): ParkedOrder[] => {
    const list: ParkedOrder[] = [];
    for (const e of state.entries.values()) {
      const base = { orderId: e.order.orderId, ticket: e.order.ticket, totalCents: e.order.totalCents, createdAt: e.order.createdAt, createdBy: e.order.createdBy.name };
      if (e.state === 'parked') list.push({ ...base, part: 'order', reason: e.reason ?? '', parkedAt: e.parkedAt ?? '' });
      if (e.points?.state === 'parked') {
        list.push({
          ...base,
          part: 'points',
          reason: e.points.reason,
          parkedAt: e.points.parkedAt,
          points: { customerName: e.order.customerName ?? '', earned: e.order.pointsEarned ?? 0, redeemed: e.order.pointsRedeemed ?? 0 },
        });
      }
    }
    return list;
  };

  /** Shift, drawer and time-clock records refused for good, each under the key a retry names. */
  const parkedRecords = (): ParkedRecord[] => {
    const list: ParkedRecord[] = [];
    const parked = (key: string, what: string, r: { state: string; at: string; problem?: string }) => r.state === 'parked' && list.push({ key, what, at: r.at, reason: r.problem ?? '' });
    for (const { open, movements, close } of state.shifts.values()) {
      parked(shiftKey(open.shiftId), `Shift opened by ${open.by.name}`, open);
      for (const m of movements) parked(drawerKey(m.movementId), `${DRAWER_LABEL[m.kind]}: ${m.reason}`, m);
      if (close) parked(closeKey(close.shiftId), `Shift closed by ${close.by.name}`, close);
    }
    for (const p of state.punches.values()) parked(punchKey(p.punchId), `${PUNCH_LABEL[p.kind]}: ${p.name}`, p);
    return list;
  };

  return {
    /** This till's id on tickets. */
    terminalId,

    /** This till's shifts and drawer (sync/shifts.ts): journaled, then sent by the worker. */
    shifts: shiftJournal(state, (r) => record(r), () => {
      changed();
      void run();
    }),

    /** This till's time clock (sync/timeclock.ts): punches journaled, then sent by the worker. */
    timeclock: timeclockJournal(state, (r) => record(r), () => {
      changed();
      void run();
    }),

    /**
     * A manager gives this till another id: claimed in the cloud first (refused if another till
     * holds it, unless they take it over), then numbering goes on above that id's cloud counter.
     */
    async setTerminalId(id: string, options: { takeOver?: boolean } = {}): Promise<void> {
      if (!TERMINAL_ID.test(id)) throw new AppError('VALIDATION', `A till id is ${TERMINAL_ID_RULE}.`, { fields: [{ path: 'terminalId', message: 'Not a till id.' }] });
      const current = state.terminal!;
      if (id === current.id && current.state === 'synced') return;
      const offline = new AppError('OFFLINE', 'Changing this till’s id needs the cloud, to check no other till uses it. Try again once the till is online.');
      if (!connectivity.online) throw offline;
      const at = now().toISOString();
      let claimed;
      try {
        claimed = await claimTerminal(doc, tables, { id, installId: current.installId, at }, options.takeOver);
      } catch (error) {
        if (isNetworkError(error)) throw offline;
        throw error;
      }
      if (!claimed.ok) throw new AppError('CONFLICT', `${claimed.reason} If that till is gone for good, take the id over.`, { fields: [{ path: 'terminalId', message: 'In use on another till.' }] });
      const date = businessDateOf(now());
      const { Item } = await doc.send(new GetCommand({ TableName: tables.Orders, Key: { orderId: counterKey(id, date) }, ConsistentRead: true }));
      const cloudSeq = typeof Item?.seq === 'number' ? Item.seq : 0;
      await record({ t: 'terminal', id, installId: current.installId, at });
      await record({ t: 'synced', ids: [terminalKey(id)], at }, false);
      // The tickets that id already rang today stay unique: this till numbers on above them, after
      // a restart too (journaled: a counter raised in memory only fell back to this journal's own).
      if (cloudSeq > (state.counters.get(date) ?? 0)) await record({ t: 'counter', date, seq: cloudSeq });
      cloudCounter.set(`${id}#${date}`, Math.max(cloudCounter.get(`${id}#${date}`) ?? 0, cloudSeq));
      changed();
    },

    /** The next ticket number for a day on this till; asks the cloud only the first time it sees a day. */
    async reserveSequence(businessDate: string, readCloud: () => Promise<number>): Promise<number> {
      if (!state.counters.has(businessDate)) {
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
        raiseCounter(state, businessDate, fromCloud);
        const key = `${terminalId()}#${businessDate}`;
        cloudCounter.set(key, Math.max(cloudCounter.get(key) ?? 0, fromCloud));
      }
      const seq = state.counters.get(businessDate)! + 1;
      state.counters.set(businessDate, seq);
      return seq;
    },

    /**
     * Saves a sale durably, then starts sending it. The barista is told only after this returns.
     * `hold`: the checkout waits on `outcome` to learn whether a reward's points went through; until
     * then a refused redemption parks the whole order, so the checkout can withdraw it.
     */
    async commit(order: Order, seq: number, options: { hold?: boolean } = {}): Promise<void> {
      if (options.hold) held.add(order.orderId);
      try {
        await record({ t: 'order', seq, order });
      } catch (error) {
        held.delete(order.orderId);
        throw error;
      }
      changed();
      // A checkout waiting on its points doesn't wait for the till to go quiet: it is the till.
      if (options.hold) activity?.nudge();
      soon();
    },

    /** Withdraws a journaled order whose sale didn't go through (the barista sees an error instead). */
    async withdraw(orderId: string, reason: string): Promise<void> {
      await record({ t: 'void', id: orderId, reason, at: now().toISOString() });
      changed();
    },

    /** Waits until an order leaves the queue (sent or parked), or the time is up; ends a commit's hold. */
    outcome(orderId: string, timeoutMs: number): Promise<{ state: EntryState; reason?: string }> {
      return new Promise((resolve) => {
        const finish = () => {
          clearTimeout(timeout);
          waits.delete(check);
          held.delete(orderId);
          const entry = state.entries.get(orderId);
          resolve({ state: entry?.state ?? 'void', ...(entry?.reason && { reason: entry.reason }) });
        };
        const check = () => {
          if (state.entries.get(orderId)?.state !== 'pending') finish();
        };
        const timeout = setTimeout(finish, timeoutMs);
        waits.add(check);
        check();
      });
    },

    /** Open waits on outcomes: each ends when its order leaves the queue or its time is up. */
    openWaits: () => waits.size,

    /** This till's copy of an order (moves applied); `unsent` while the cloud lacks it, a move on it or its points. */
    local(orderId: string): { order: Order; state: EntryState; unsent: boolean } | null {
      const entry = state.entries.get(orderId);
      if (!entry || entry.state === 'void') return null;
      return { order: view(entry), state: entry.state, unsent: unsent(entry) };
    },

    /** This till's journaled orders for a day, for the board when the cloud can't be asked. */
    localOrders(businessDate: string): { order: Order; state: EntryState; unsent: boolean }[] {
      return [...state.entries.values()]
        .filter((e) => e.order.businessDate === businessDate && e.state !== 'void')
        .map((e) => ({ order: view(e), state: e.state, unsent: unsent(e) }));
    },

    /**
     * Moves one of this till's orders along the board without the cloud: saved in the journal and
     * sent after the order. Refused if the order isn't where the barista saw it.
     */
    async move(orderId: string, from: OrderStatus, to: OrderStatus, by: StaffStamp): Promise<void> {
      const entry = state.entries.get(orderId);
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

    /** A shipper's delivery step made offline: journaled (fdatasync), then sent by the worker. */
    async deliveryMove(move: DeliveryMoveRecord): Promise<void> {
      await record({ t: 'delivery', move });
      changed();
      void run();
    },

    /** Delivery steps this till holds, not yet in the cloud (pending) or refused (parked, with why). */
    localDeliveries: () => [...state.deliveries.values()].filter((m) => m.state !== 'synced').map((m) => ({ ...m })),

    /** Points this till has promised as rewards but not yet sent: the live balance isn't all spendable. */
    unsentRedemptions(customerId: string): number {
      return [...state.entries.values()]
        .filter((e) => e.order.customerId === customerId && (e.state === 'pending' ? !e.points : e.points?.state === 'pending'))
        .reduce((sum, e) => sum + (e.order.pointsRedeemed ?? 0), 0);
    },

    status(): SyncStatus {
      const pending = pendingEntries();
      const drawer = pendingShiftRecords(state);
      const punches = pendingPunches(state);
      const oldestAt = [pending[0]?.order.createdAt ?? null, drawer.oldestAt, punches.oldestAt].filter((at) => at !== null).toSorted()[0] ?? null;
      const moves = pendingMoves(state) + pendingDeliveries(state);
      // Anything at all still to send (a board move or a delivery step alone too): an error or the
      // next try is news while there is.
      const backlog = pending.length > 0 || drawer.count > 0 || punches.count > 0 || moves > 0 || state.terminal?.state === 'pending';
      const { waitingFor, lastError, nextAttemptAt } = worker.status();
      const drained = orders.drained();
      const claim = state.terminal!;
      return {
        asOf: now().toISOString(),
        online: connectivity.online,
        since: connectivity.since,
        pending: pending.length,
        pendingDrawer: drawer.count,
        pendingPunches: punches.count,
        oldestAt,
        // Progress means something only while it is moving: offline, the backlog is just waiting.
        draining: pending.length > 0 && drained !== null && connectivity.online ? { done: drained, total: drained + pending.length } : null,
        waitingFor,
        lastError: backlog ? lastError : null,
        nextAttemptAt: backlog ? nextAttemptAt : null,
        pendingMoves: moves,
        parked: parkedList(),
        parkedRecords: parkedRecords(),
        damaged,
        terminal: { id: claim.id, state: claim.state, ...(claim.reason && { problem: claim.reason }) },
      };
    },

    /** "Sync now": try at once, parked records too if asked, and resolve after that attempt. */
    async syncNow(options: { includeParked?: boolean } = {}): Promise<void> {
      if (options.includeParked) {
        // What the sync panel lists as parked is what is retried.
        const ids = parkedList().map((p) => (p.part === 'points' ? pointsKey(p.orderId) : p.orderId));
        if (state.terminal?.state === 'parked') ids.push(terminalKey(state.terminal.id));
        // A shift's opening parked held back its drawer and its close: retried, they follow it.
        ids.push(...parkedRecords().map((r) => r.key));
        if (ids.length > 0) await record({ t: 'retry', ids, at: now().toISOString() });
      }
      // An attempt already on its way finishes first; then one more, without waiting out the backoff.
      while (worker.running)
        await new Promise<void>((resolve) =>
          listeners.add(function done() {
            listeners.delete(done);
            resolve();
          }),
        );
      worker.resetBackoff();
      await run();
    },

    staffChanged: () => worker.staffChanged(),

    /** Resolves once nothing is waiting (parked records don't count). For shutdown, tests and benchmarks. */
    idle(): Promise<void> {
      return new Promise((resolve) => {
        const check = () => {
          if (!worker.running && !senders.some((s) => s.next())) {
            listeners.delete(check);
            resolve();
          }
        };
        listeners.add(check);
        check();
      });
    },

    async stop(): Promise<void> {
      await worker.stop();
      await journal.close();
      lock.release();
    },
  };
}

export type SyncService = ReturnType<typeof createSync>;
