import type { AuthService } from '../auth/service';
import type { MenuService } from '../menu/service';
import type { OrdersService } from '../orders/service';
import type { Handlers } from './router';

export interface Services {
  auth: AuthService;
  menu: MenuService;
  orders: OrdersService;
}

/** Every contract channel, wired to its domain service. The type makes a missing channel a compile error. */
export function createHandlers({ auth, menu, orders }: Services): Handlers {
  return {
    'auth.session': async (_input, { sessionKey }) => (await auth.current(sessionKey))?.view ?? null,
    'auth.signIn': ({ email, password }, { sessionKey }) => auth.signIn(sessionKey, email, password),
    'auth.completeNewPassword': ({ newPassword }, { sessionKey }) => auth.completeNewPassword(sessionKey, newPassword),
    'auth.forgotPassword': ({ email }) => auth.forgotPassword(email),
    'auth.confirmForgotPassword': ({ email, code, newPassword }) => auth.confirmForgotPassword(email, code, newPassword),
    'auth.signOut': async (_input, { sessionKey }) => {
      auth.signOut(sessionKey);
      return { signedOut: true };
    },
    'settings.get': () => menu.settings(),
    'menu.list': () => menu.list(),
    'orders.board': ({ businessDate }) => orders.board(businessDate),
  };
}
