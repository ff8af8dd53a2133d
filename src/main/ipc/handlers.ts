import type { Order } from '../../shared/orders';
import { AppError } from '../../shared/result';
import type { AuthService, StaffSession } from '../auth/service';
import type { LoyaltyService } from '../loyalty/service';
import type { MenuAdmin } from '../menu/admin';
import type { MenuService } from '../menu/service';
import type { SettingsAdmin } from '../menu/settings';
import type { ApprovalStore } from '../orders/approvals';
import { stampOf, type OrdersService } from '../orders/service';
import type { Catalogue } from '../menu/catalogue';
import type { DisplayChannel } from '../display/handlers';
import type { PrinterChannel } from '../printer/handlers';
import type { ShiftChannel } from '../shifts/handlers';
import type { TimeclockChannel } from '../timeclock/handlers';
import type { ReportsChannel } from '../reports/handlers';
import type { StaffChannel } from '../staff/handlers';
import type { DeliveryChannel } from '../delivery/handlers';
import type { PrinterService } from '../printer/service';
import type { SyncService } from '../sync/service';
import type { HandlerContext, Handlers } from './router';
import { SETTINGS_ID } from '../data/schema';

export interface Services {
  auth: AuthService;
  menu: MenuService;
  menuAdmin: MenuAdmin;
  settingsAdmin: SettingsAdmin;
  orders: OrdersService;
  loyalty: LoyaltyService;
  approvals: ApprovalStore;
  sync: SyncService;
  catalogue: Catalogue;
  /** Told about money that changed hands, after the fact: it only queues, so it never holds up a sale. */
  printer: Pick<PrinterService, 'afterSale' | 'afterRefund'>;
}

/** The router only calls staff channels with a session; this states it for the type checker. */
function staff(ctx: HandlerContext): StaffSession {
  if (!ctx.session) throw new AppError('UNAUTHENTICATED', 'Please sign in first.');
  return ctx.session;
}

/**
 * Every domain channel, wired to its service; the setup channels come from bootstrap. The type
 * makes a missing channel a compile error.
 */
export function createHandlers({ auth, menu, menuAdmin, settingsAdmin, orders, loyalty, approvals, sync, catalogue, printer }: Services): Omit<Handlers, 'setup.status' | 'setup.saveAws' | PrinterChannel | DisplayChannel | ShiftChannel | ReportsChannel | StaffChannel | TimeclockChannel | DeliveryChannel> {
  /** A menu change on this till is priced from the database by the next sale, not from our copy. */
  async function menuWrite<T>(write: Promise<T>, ids: string[]): Promise<T> {
    const result = await write;
    catalogue.invalidate(ids);
    return result;
  }

  /** A cancel gives back what was left of the payment, if anything was: a refund made at the same moment. */
  const cancelRefunded = (order: Order) => {
    if (order.refunds.at(-1)?.at === order.statusHistory.at(-1)?.at) printer.afterRefund(order);
  };

  /** The sale or refund stands whatever the printer does: a printing bug is logged, never answered. */
  function printed(order: Order, tell: (order: Order) => void): Order {
    try {
      tell(order);
    } catch (error) {
      console.error('[printer] could not queue a print', error);
    }
    return order;
  }

  return {
    'auth.session': async (_input, { sessionKey }) => (await auth.current(sessionKey))?.view ?? null,
    'auth.signIn': async ({ email, password, pin }, { sessionKey }) => {
      const result = await auth.signIn(sessionKey, email, password, pin);
      // Orders left by the last person (or waiting since start) go out under this session.
      sync.staffChanged();
      return result;
    },
    'auth.completeNewPassword': async ({ newPassword }, { sessionKey }) => {
      const result = await auth.completeNewPassword(sessionKey, newPassword);
      sync.staffChanged();
      return result;
    },
    'auth.forgotPassword': ({ email }) => auth.forgotPassword(email),
    'auth.confirmForgotPassword': ({ email, code, newPassword }) => auth.confirmForgotPassword(email, code, newPassword),
    'auth.signOut': async ({ everyone }, { sessionKey }) => {
      if (everyone) auth.signOutAll(sessionKey);
      else auth.signOut(sessionKey);
      return { signedOut: true };
    },
    'auth.till': async (_input, { sessionKey }) => auth.till(sessionKey),
    'auth.lock': async (_input, { sessionKey }) => auth.lock(sessionKey),
    'auth.unlock': ({ email, pin }, { sessionKey }) => auth.unlock(sessionKey, email, pin),
    'auth.preparePin': async ({ email, pin }, { sessionKey }) => {
      auth.preparePin(sessionKey, email, pin);
      return { received: true };
    },
    'settings.get': () => menu.settings(),
    'settings.edit': () => settingsAdmin.forEditor(),
    'settings.save': ({ expectedVersion, settings }, ctx) => menuWrite(settingsAdmin.save(expectedVersion, settings, staff(ctx).name), [SETTINGS_ID]),
    'menu.list': () => menu.list(),
    'orders.board': ({ businessDate, since }) => orders.board(businessDate, since),
    'orders.get': ({ orderId }) => orders.getOrder(orderId),
    'orders.checkout': async (input, ctx) => printed(await orders.checkout(input, staff(ctx), ctx.sessionKey), printer.afterSale),
    'orders.approveDiscount': async ({ orderId, discountCents, email, password, pin }, ctx) => {
      // A PIN only works for a manager signed in on this very till; anyone else uses their password.
      const approver = pin ? await auth.verifyPin(ctx.sessionKey, email, pin) : await auth.verify(email, password!);
      if (approver.role !== 'Admin') {
        throw new AppError('FORBIDDEN', `${approver.name} isn’t a manager. A manager has to approve this discount.`);
      }
      const granted = approvals.grant(ctx.sessionKey, { orderId, discountCents }, stampOf(staff(ctx)), stampOf(approver), pin ? 'pin' : 'password');
      return { ...granted, approverName: approver.name, discountCents };
    },
    'orders.advance': ({ orderId, from }, ctx) => orders.advance(orderId, from, staff(ctx)),
    'orders.cancel': async ({ orderId, reason, back, refundId }, ctx) => printed(await orders.cancel(orderId, reason, staff(ctx), back, refundId), cancelRefunded),
    'orders.refund': async ({ orderId, reason, lines, back, refundId }, ctx) => printed(await orders.refund(orderId, reason, lines, staff(ctx), back, refundId), printer.afterRefund),
    'receipts.print': async (_input, { print }) => {
      if (!print) return { printed: false };
      await print();
      return { printed: true };
    },
    'customers.lookup': ({ query }) => loyalty.lookup(query),
    'customers.get': ({ customerId }) => loyalty.show(customerId),
    'customers.enrol': (input, ctx) => loyalty.enrol(input, stampOf(staff(ctx))),
    'menu.adminList': () => menuAdmin.list(),
    'menu.create': ({ product }, ctx) => menuAdmin.create(product, staff(ctx).name),
    'menu.update': ({ productId, expectedVersion, product }, ctx) => menuWrite(menuAdmin.update(productId, expectedVersion, product, staff(ctx).name), [productId]),
    'menu.setAvailable': ({ productId, available }, ctx) => menuWrite(menuAdmin.setAvailable(productId, available, staff(ctx).name), [productId]),
    'menu.archive': ({ productId, expectedVersion }, ctx) => menuWrite(menuAdmin.archive(productId, expectedVersion, staff(ctx).name), [productId]),
    'menu.rollbackPrice': ({ productId, expectedVersion, toPriceCents }, ctx) =>
      menuWrite(menuAdmin.rollbackPrice(productId, expectedVersion, toPriceCents, staff(ctx).name), [productId]),
    'menu.schedulePrice': ({ productId, expectedVersion, schedule }, ctx) =>
      menuWrite(menuAdmin.schedulePrice(productId, expectedVersion, schedule, staff(ctx).name), [productId]),
    'menu.saveCategories': ({ expectedVersion, categories }, ctx) => menuAdmin.saveCategories(expectedVersion, categories, staff(ctx).name),
    'sync.status': async () => sync.status(),
    'sync.now': async () => {
      await sync.syncNow();
      return sync.status();
    },
    'sync.retryParked': async () => {
      await sync.syncNow({ includeParked: true });
      return sync.status();
    },
    'sync.setTerminalId': async ({ terminalId, takeOver }) => {
      await sync.setTerminalId(terminalId, { takeOver });
      return sync.status();
    },
    'loyalty.history': ({ customerId, cursor }) => loyalty.history(customerId, cursor),
    'loyalty.adjust': ({ customerId, delta, reason }, ctx) => loyalty.adjust(customerId, delta, reason, stampOf(staff(ctx))),
  };
}
