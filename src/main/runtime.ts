import { AuthService } from './auth/service';
import type { BackendConfig } from './config';
import { createDocumentClient } from './data/client';
import { createHandlers } from './ipc/handlers';
import { createRouter, type Dispatch } from './ipc/router';
import { LOCAL_CREDENTIALS } from './local/stack';
import { createMenuService } from './menu/service';
import { createOrdersService } from './orders/service';

export interface Runtime {
  dispatch: Dispatch;
  auth: AuthService;
}

export interface RuntimeOptions {
  now?: () => Date;
  log?: (msg: string, error?: unknown) => void;
}

/** Builds the services and the router from a backend configuration: the same for Electron, the web bridge and tests. */
export function createRuntime(config: BackendConfig, options: RuntimeOptions = {}): Runtime {
  const now = options.now ?? (() => new Date());
  const doc = createDocumentClient({
    region: config.region,
    ...(config.dynamoEndpoint && { endpoint: config.dynamoEndpoint, credentials: LOCAL_CREDENTIALS }),
  });
  const auth = new AuthService(
    {
      userPoolId: config.userPoolId,
      clientId: config.clientId,
      endpoint: config.cognitoEndpoint,
      authFlow: config.authFlow,
    },
    () => now().getTime(),
  );
  const handlers = createHandlers({
    auth,
    menu: createMenuService(doc, config.tables),
    orders: createOrdersService(doc, config.tables, now),
  });
  return { dispatch: createRouter(handlers, auth, options.log), auth };
}
