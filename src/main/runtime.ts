import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import path from 'node:path';
import { AppError } from '../shared/result';
import { AuthService } from './auth/service';
import type { BackendConfig } from './config';
import { recordingClient, recordingDb, type CallSink } from './aws/call-log';
import { createCognitoAdmin } from './aws/cognito-admin';
import { localCognitoGaps } from './local/cognito-gaps';
import { createStaffHandlers } from './staff/handlers';
import { createStaffService } from './staff/service';
import { AWS_CONFIG_FILE } from './aws/config';
import { createDb } from './aws/db';
import { setupHandlers, type SetupHandlers, type SetupSessions } from './setup';
import { createHandlers } from './ipc/handlers';
import { requestContext } from './ipc/request-context';
import { createRouter, type CallerContext, type Dispatch } from './ipc/router';
import { createLoyaltyService } from './loyalty/service';
import { createMenuAdmin } from './menu/admin';
import { CATALOGUE_TTL_MS, createCatalogue } from './menu/catalogue';
import { createMenuService } from './menu/service';
import { createSettingsAdmin } from './menu/settings';
import { ApprovalStore } from './orders/approvals';
import { createOrdersService } from './orders/service';
import { createShiftHandlers } from './shifts/handlers';
import { cloudShiftOrders } from './shifts/cloud-orders';
import { createShiftService } from './shifts/service';
import { createConnectivity } from './sync/connectivity';
import { createSync, type SyncService } from './sync/service';
import { createTillActivity, type TillActivity } from './sync/till-first';
import { SETTINGS_ID } from './data/schema';
import { DEMO_PINS } from './local/demo-data';
import { createPrinterHandlers } from './printer/handlers';
import { createDisplayHandlers, type DisplayOpener } from './display/handlers';
import { createDisplayService } from './display/service';
import { createReportsHandlers } from './reports/handlers';
import { createDeliveryHandlers } from './delivery/handlers';
import { createDeliveryService } from './delivery/service';
import { createReportsService } from './reports/service';
import { createTimeclockHandlers } from './timeclock/handlers';
import { createTimeclockService } from './timeclock/service';
import { FALLBACK_SHOP, type ReceiptShop } from './printer/receipt';
import { createPrinterService, type PrinterDeps, type PrinterService } from './printer/service';

export interface Runtime {
  dispatch: Dispatch;
  /** Lets the transport that owns the windows open the customer display. */
  setDisplayOpener(open: DisplayOpener): void;
  auth: AuthService;
  sync: SyncService;
  printer: PrinterService;
  /** Saves the menu copy, stops the sync worker and closes the journal (pending orders stay in it for next time). */
  stop(): Promise<void>;
}

export interface RuntimeOptions {
  now?: () => Date;
  log?: (msg: string, error?: unknown) => void;
  /** Tests: the id on tickets (T1-042) a new till takes on its first start, instead of a made-up one. */
  terminalId?: string;
  /**
   * How this till was set up, for the setup channels, given this till's sign-ins; tests that don't
   * care get a till that already runs on `config`, saving to aws-config.json in `dataDir`.
   */
  setup?: (sessions: SetupSessions) => SetupHandlers;
  /** Where this till keeps its order journal and its copy of the menu. */
  dataDir: string;
  /** Tests only: wraps the database client, to force faults the emulator never produces. */
  wrapDb?: (doc: DynamoDBDocumentClient) => DynamoDBDocumentClient;
  /** Tests only: the sync worker's retry delays, and how soon the journal is compacted. */
  backoff?: { baseMs: number; capMs: number };
  compactAfter?: number;
  /**
   * Tests only: every AWS call, with the staff role it runs as, for the IAM conformance check.
   * Turns on the per-request context AWS mode uses, so calls are attributed the way IAM would.
   */
  recordCalls?: CallSink;
  /** Tests only: the printer's timeouts and retry delays. */
  printer?: Pick<PrinterDeps, 'timeouts' | 'retryDelaysMs'>;
}

function memo<T>(load: () => Promise<T>, ttlMs: number, now: () => number): { get: () => Promise<T>; clear: () => void } {
  let cached: { value: Promise<T>; at: number } | null = null;
  return {
    get: () => {
      if (!cached || now() - cached.at > ttlMs) {
        const value = load();
        cached = { value, at: now() };
        value.catch(() => (cached = null));
      }
      return cached.value;
    },
    clear: () => (cached = null),
  };
}

/** Every call, whoever makes it, tells the sync worker the till is busy: its sends wait (till-first.ts). */
function tillFirst(route: Dispatch, activity: TillActivity): Dispatch {
  return (async (channel: unknown, input: unknown, caller: CallerContext) => {
    activity.touched();
    try {
      return await route(channel, input, caller);
    } finally {
      activity.touched();
    }
  }) as Dispatch;
}

/** Builds the services and the router from a backend configuration: the same for Electron, the web bridge and tests. */
export function createRuntime(config: BackendConfig, options: RuntimeOptions): Runtime {
  const now = options.now ?? (() => new Date());
  const nowMs = () => now().getTime();
  // The local demo's stand-ins for what Cognito does itself and cognito-local doesn't (refusing a
  // disabled account, emailing a reset): run with the emulator's keys, so never recorded as a call.
  const emulator = config.mode === 'local' ? localCognitoGaps(config) : null;
  const auth = new AuthService(
    { userPoolId: config.userPoolId, clientId: config.clientId, endpoint: config.cognitoEndpoint, authFlow: config.authFlow },
    nowMs,
    // The demo café's PINs apply to the demo café only, never to a shop's own pool.
    emulator ? { demoPins: DEMO_PINS, isDisabled: emulator.isDisabled } : {},
  );
  const connectivity = createConnectivity(now);
  // Who a call runs as matters in AWS mode (its credentials) and when recording (its role).
  const perStaff = config.mode === 'aws' || Boolean(options.recordCalls);
  const rawDoc = createDb(config, auth, connectivity);
  // Recorded nearest the wire: a fault a test injects never reached AWS, so IAM never saw it.
  const recorded = options.recordCalls ? recordingDb(rawDoc, options.recordCalls) : rawDoc;
  const doc = options.wrapDb ? options.wrapDb(recorded) : recorded;
  // Each set of tables gets its own journal: a till moved from the demo café to AWS never sends
  // demo orders to the shop's account.
  const tillDir = path.join(options.dataDir, 'till', config.tables.Orders);
  const catalogue = createCatalogue(doc, config.tables, { now: nowMs, connectivity, file: path.join(tillDir, 'catalogue.json') });
  const menu = createMenuService(doc, config.tables, catalogue, connectivity);
  const settings = memo(() => menu.settings(), CATALOGUE_TTL_MS, nowMs);
  const menuAdmin = createMenuAdmin({ doc, tables: config.tables, settings: settings.get, now });
  // A lowered price cap applies to the very next product edit, not after the memo's 30 s.
  const settingsAdmin = createSettingsAdmin({ doc, tables: config.tables, now, onSaved: settings.clear });
  const approvals = new ApprovalStore(nowMs);
  const loyalty = createLoyaltyService({ doc, tables: config.tables, connectivity, now });
  const activity = createTillActivity();
  /**
   * A punch or a delivery step goes with its maker's own credentials while they are signed in
   * here, so every role's own grant carries its own work; otherwise with whoever's are.
   */
  const asMember =
    (via: string) =>
    async <T>(userId: string, run: () => Promise<T>, opts?: { shipper?: boolean }): Promise<T> => {
      const owner = (await auth.member(userId)) ?? (await auth.someone(opts?.shipper));
      if (!owner) throw new AppError('UNAUTHENTICATED', 'Nobody is signed in.');
      return requestContext.run({ ...owner, via }, run);
    };
  const sync = createSync({
    dir: tillDir,
    activity,
    doc,
    tables: config.tables,
    ...(options.terminalId && { firstTerminalId: options.terminalId }),
    connectivity,
    now,
    ...(options.log && { log: options.log }),
    ...(options.backoff && { backoff: options.backoff }),
    ...(options.compactAfter && { compactAfter: options.compactAfter }),
    ...(perStaff && {
      // AWS credentials belong to a person: send as whoever is signed in. Orders keep their createdBy.
      asStaff: async <T>(run: () => Promise<T>, opts?: { shipper?: boolean }) => {
        const someone = await auth.someone(opts?.shipper);
        if (!someone) throw new AppError('UNAUTHENTICATED', 'Nobody is signed in.');
        return requestContext.run({ ...someone, via: 'sync worker' }, run);
      },
      asStaffMember: asMember('sync worker'),
    }),
  });
  // The shop's settings as pricing reads them: from the till's copy when the cloud can't be asked.
  const shifts = createShiftService({
    shifts: sync.shifts,
    terminalId: sync.terminalId,
    settings: async () => (await catalogue.pricing([])).shop,
    cloudOrders: cloudShiftOrders(doc, config.tables, connectivity),
    categories: () => Object.fromEntries(catalogue.lastKnownMenu().map((p) => [p.productId as string, p.category as string])),
    now,
    // `printer` is made below; this runs only when a movement is made, long after.
    onCashMoved: (movement) => printer.cashMoved(movement),
  });
  const orders = createOrdersService({
    shifts,
    loyalty,
    doc,
    sync,
    connectivity,
    tables: config.tables,
    catalogue,
    approvals,
    terminalId: sync.terminalId,
    now,
  });
  /** The shop's name and money format as this till last read them: no database call, so no role needed. */
  const knownShop = (): ReceiptShop => {
    const item = catalogue.lastKnown(SETTINGS_ID) as Partial<ReceiptShop> | null;
    return {
      shopName: item?.shopName ?? FALLBACK_SHOP.shopName,
      currency: item?.currency ?? FALLBACK_SHOP.currency,
      locale: item?.locale ?? FALLBACK_SHOP.locale,
    };
  };
  const printer = createPrinterService({
    // The printer is this till's, whichever backend it sells to: beside the journals, not in them.
    file: path.join(options.dataDir, 'printer.json'),
    shop: knownShop,
    now,
    ...(options.log && { log: options.log }),
    ...options.printer,
  });
  const reports = createReportsService({
    doc,
    tables: config.tables,
    // Archived products too: an old order's line still belongs to its category.
    categories: async () => Object.fromEntries((await menuAdmin.list()).products.map((p) => [p.productId, p.category])),
    unsent: (date) => sync.localOrders(date).flatMap((e) => (e.unsent ? [e.order] : [])),
    now,
  });
  const cognitoAdmin = createCognitoAdmin(config, auth);
  const staff = createStaffService({
    cognito: options.recordCalls ? recordingClient(cognitoAdmin, options.recordCalls) : cognitoAdmin,
    doc,
    userPoolId: config.userPoolId,
    tables: config.tables,
    delivery: emulator ? { kind: 'screen', setTemporaryPassword: emulator.setTemporaryPassword } : { kind: 'email' },
    now,
  });
  const timeclock = createTimeclockService({
    doc,
    tables: config.tables,
    timeclock: sync.timeclock,
    shifts: sync.shifts,
    terminalId: sync.terminalId,
    people: (key) => auth.members(key),
    verifyPin: (key, email, pin) => auth.verifyPin(key, email, pin),
    connectivity,
    // The time clock is public (the lock screen shows it): each person's standing is read as them.
    ...(perStaff && { asMember: asMember('timeclock') }),
    ...(options.log && { log: options.log }),
    now,
  });
  const configPath = path.join(options.dataDir, AWS_CONFIG_FILE);
  const setup = options.setup ? options.setup(auth) : setupHandlers(() => ({ mode: config.mode, configPath, fresh: false }), configPath, auth);
  // The display has no staff role: it must never make an AWS call of its own.
  const display = createDisplayService({ shop: knownShop });
  let displayOpener: DisplayOpener | null = null;
  const handlers = {
    ...createDisplayHandlers(display, () => displayOpener),
    ...createHandlers({ auth, menu, menuAdmin, settingsAdmin, orders, loyalty, approvals, sync, catalogue, printer }),
    ...createPrinterHandlers({ printer, orders, shifts }),
    ...createShiftHandlers({ shifts }),
    ...createReportsHandlers({ reports }),
    ...createStaffHandlers({ staff, auth }),
    ...createTimeclockHandlers({ timeclock }),
    ...createDeliveryHandlers({
      delivery: createDeliveryService({ doc, tables: config.tables, sync, connectivity, shop: async () => knownShop(), now }),
      shifts,
      doc,
      tables: config.tables,
      now,
    }),
    ...setup,
  };
  return {
    dispatch: tillFirst(
      createRouter(handlers, auth, {
        log: options.log,
        ...(perStaff && { withContext: (context, run) => requestContext.run(context, run) }),
      }),
      activity,
    ),
    auth,
    sync,
    printer,
    setDisplayOpener: (open) => {
      displayOpener = open;
    },
    stop: async () => {
      printer.stop();
      catalogue.flush();
      await sync.stop();
    },
  };
}
