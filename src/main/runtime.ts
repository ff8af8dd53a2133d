import { AuthService } from './auth/service';
import type { BackendConfig } from './config';
import { createDb } from './aws/db';
import { setupHandlers, type SetupHandlers } from './setup';
import { createHandlers } from './ipc/handlers';
import { requestContext } from './ipc/request-context';
import { createRouter, type Dispatch } from './ipc/router';
import { createLoyaltyService } from './loyalty/service';
import { createMenuAdmin } from './menu/admin';
import { createCatalogue, SETTINGS_TTL_MS } from './menu/catalogue';
import { createMenuService } from './menu/service';
import { ApprovalStore } from './orders/approvals';
import { createOrdersService } from './orders/service';

export interface Runtime {
  dispatch: Dispatch;
  auth: AuthService;
}

export interface RuntimeOptions {
  now?: () => Date;
  log?: (msg: string, error?: unknown) => void;
  /** This till's id on tickets (T1-042); COFFEE_CLOUD_TERMINAL_ID, else T1. */
  terminalId?: string;
  /** How this till was set up, for the setup channels; tests that don't care get a local answer. */
  setup?: SetupHandlers;
}

const TERMINAL_ID = /^[A-Z][A-Z0-9]{0,3}$/;

function memo<T>(load: () => Promise<T>, ttlMs: number, now: () => number): () => Promise<T> {
  let cached: { value: Promise<T>; at: number } | null = null;
  return () => {
    if (!cached || now() - cached.at > ttlMs) {
      const value = load();
      cached = { value, at: now() };
      value.catch(() => (cached = null));
    }
    return cached.value;
  };
}

/** Builds the services and the router from a backend configuration: the same for Electron, the web bridge and tests. */
export function createRuntime(config: BackendConfig, options: RuntimeOptions = {}): Runtime {
  const now = options.now ?? (() => new Date());
  const nowMs = () => now().getTime();
  const terminalId = options.terminalId ?? process.env.COFFEE_CLOUD_TERMINAL_ID ?? 'T1';
  if (!TERMINAL_ID.test(terminalId)) {
    throw new Error(`Terminal id “${terminalId}” must be a capital letter then up to 3 capitals or digits, like T1.`);
  }
  const auth = new AuthService(
    { userPoolId: config.userPoolId, clientId: config.clientId, endpoint: config.cognitoEndpoint, authFlow: config.authFlow },
    nowMs,
  );
  const doc = createDb(config, auth);
  const menu = createMenuService(doc, config.tables);
  const settings = memo(() => menu.settings(), SETTINGS_TTL_MS, nowMs);
  const menuAdmin = createMenuAdmin({ doc, tables: config.tables, settings, now });
  const approvals = new ApprovalStore(nowMs);
  const loyalty = createLoyaltyService({ doc, tables: config.tables, now });
  const orders = createOrdersService({
    loyalty,
    doc,
    tables: config.tables,
    catalogue: createCatalogue(doc, config.tables, nowMs),
    approvals,
    terminalId,
    now,
  });
  const setup = options.setup ?? setupHandlers(() => ({ mode: config.mode, configPath: '' }), '');
  const handlers = { ...createHandlers({ auth, menu, menuAdmin, orders, loyalty, approvals }), ...setup };
  return {
    dispatch: createRouter(handlers, auth, {
      log: options.log,
      ...(config.mode === 'aws' && { withContext: (context, run) => requestContext.run(context, run) }),
    }),
    auth,
  };
}
