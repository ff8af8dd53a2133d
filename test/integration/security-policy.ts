import type { Channel, InputOf } from '../../src/shared/contract';
import { DEMO_SETTINGS } from '../../src/main/local/demo-data';
import { DEMO } from './helpers';

/**
 * The café's policy, in words a manager would sign, one row per IPC channel: who may do it and an
 * input the contract accepts (so that a refusal can only come from who is asking). The type makes a
 * channel without a row a compile error; the role matrix also checks the rows against CHANNELS.
 *
 * "Customer" is someone signing in with a customer account: the POS refuses them at sign-in, so
 * they hold no session and count as nobody. "display" is the customer-facing display's window (or
 * page on its own secret): it may only read its feed.
 */
export const CALLERS = ['nobody', 'Customer', 'Shipper', 'Barista', 'Admin', 'display'] as const;
export type Caller = (typeof CALLERS)[number];

/** Everyone at the till's own screen; the customer display (which faces the customer) is not among them. */
const EVERYONE: readonly Caller[] = ['nobody', 'Customer', 'Shipper', 'Barista', 'Admin'];
const DISPLAY: readonly Caller[] = ['display'];
const STAFF: readonly Caller[] = ['Shipper', 'Barista', 'Admin'];
const COUNTER: readonly Caller[] = ['Barista', 'Admin'];
const MANAGER: readonly Caller[] = ['Admin'];

export interface PolicyRow<C extends Channel> {
  rule: string;
  who: readonly Caller[];
  /** Valid for the contract, and chosen to change nothing when it is allowed (unknown ids, stale versions, duplicates). */
  input: InputOf<C>;
}

const NO_ORDER = '01JZZZZZZZZZZZZZZZZZZZZZZZ';
const draft = { name: 'Latte', description: '', category: 'Coffee', priceCents: 450, modifierGroups: [], available: true, sortOrder: 1 };

export const POLICY: { [C in Channel]: PolicyRow<C> } = {
  'setup.status': { rule: 'Anyone at the till can see whether it runs the demo or an AWS account.', who: EVERYONE, input: {} },
  'setup.saveAws': { rule: 'Only a manager signed in here can connect a till that already runs to another AWS account.', who: MANAGER, input: { outputs: '{not json' } },
  'auth.session': { rule: 'Anyone can ask who is signed in at their own screen.', who: EVERYONE, input: {} },
  'auth.signIn': { rule: 'Anyone can try to sign in.', who: EVERYONE, input: { email: DEMO.barista, password: 'Wrong#Password1' } },
  'auth.completeNewPassword': { rule: 'Anyone in the middle of a first sign-in can choose their password.', who: EVERYONE, input: { newPassword: 'Another#Pass2026' } },
  'auth.forgotPassword': { rule: 'Anyone can ask for a password-reset code.', who: EVERYONE, input: { email: 'nobody@example.com' } },
  'auth.confirmForgotPassword': { rule: 'Anyone with a reset code can set a new password.', who: EVERYONE, input: { email: 'nobody@example.com', code: '123456', newPassword: 'Another#Pass2026' } },
  'auth.signOut': { rule: 'Anyone can sign out.', who: EVERYONE, input: {} },
  'auth.till': { rule: 'Anyone at the till sees who is signed in on it (names and roles, for the lock screen).', who: EVERYONE, input: {} },
  'auth.lock': { rule: 'Every staff member can lock the till behind them.', who: STAFF, input: {} },
  'auth.preparePin': { rule: 'Anyone at the lock screen may send the PIN they are typing; it answers the same for every PIN and person, and counts nothing.', who: EVERYONE, input: { email: DEMO.barista, pin: '0000' } },
  'auth.unlock': { rule: 'Anyone at the lock screen can try a PIN; it only opens a session already signed in on this till.', who: EVERYONE, input: { email: DEMO.barista, pin: '0000' } },
  'settings.get': { rule: 'Every staff member sees the shop’s settings (tax, currency).', who: STAFF, input: {} },
  'settings.edit': { rule: 'Only a manager opens the shop settings to edit them.', who: MANAGER, input: {} },
  'settings.save': { rule: 'Only a manager changes the shop settings (tax, thresholds, loyalty).', who: MANAGER, input: { expectedVersion: 999_999, settings: DEMO_SETTINGS } },
  'menu.list': { rule: 'Baristas and managers see the menu to ring up sales.', who: COUNTER, input: {} },
  'orders.board': { rule: 'Baristas and managers see the order board; a shipper sees their deliveries instead (no lines or prices).', who: COUNTER, input: {} },
  'orders.get': { rule: 'Baristas and managers open an order from the board.', who: COUNTER, input: { orderId: NO_ORDER } },
  'orders.checkout': {
    rule: 'Baristas and managers ring up sales; shippers don’t take money.',
    who: COUNTER,
    input: { orderId: NO_ORDER, lines: [{ productId: 'no-such-product', quantity: 1, selection: {}, unitPriceCents: 100 }], tenders: [{ kind: 'cash', amountCents: 100 }], expectedTotalCents: 100 },
  },
  'orders.approveDiscount': { rule: 'A barista or manager at the register asks for a manager’s approval.', who: COUNTER, input: { orderId: NO_ORDER, discountCents: 100, email: DEMO.manager, password: DEMO.password } },
  'orders.advance': { rule: 'Baristas and managers move tickets along the board.', who: COUNTER, input: { orderId: NO_ORDER, from: 'placed' } },
  'orders.cancel': { rule: 'Only a manager cancels an order.', who: MANAGER, input: { orderId: NO_ORDER, reason: 'customer left' } },
  'orders.refund': { rule: 'Only a manager refunds.', who: MANAGER, input: { orderId: NO_ORDER, reason: 'cold drink' } },
  'shift.current': { rule: 'Baristas and managers see whether a shift is open on this till.', who: COUNTER, input: {} },
  'shift.open': { rule: 'Baristas and managers open a shift with its float.', who: COUNTER, input: { float: { count: { '3': 1 } } } },
  'shift.movement': { rule: 'Baristas and managers pay in, pay out, drop cash and open the drawer for no sale, with a reason.', who: COUNTER, input: { kind: 'noSale', amountCents: 5, reason: 'checking the roll' } },
  'shift.close': { rule: 'Baristas (blind) and managers close a shift with its count.', who: COUNTER, input: { count: { totalCents: 0 } } },
  'shift.report': { rule: 'Managers see any shift’s X or Z; a barista only their own shift’s.', who: COUNTER, input: {} },
  'sync.status': { rule: 'Every staff member sees what waits to sync.', who: STAFF, input: {} },
  'sync.now': { rule: 'Every staff member can ask the till to sync now.', who: STAFF, input: {} },
  'sync.setTerminalId': { rule: 'Only a manager renames this till (its id on tickets).', who: MANAGER, input: { terminalId: 'T9' } },
  'sync.retryParked': { rule: 'Only a manager retries orders the cloud refused.', who: MANAGER, input: {} },
  'receipts.print': { rule: 'Every staff member reprints a receipt.', who: STAFF, input: {} },
  'display.show': { rule: 'Baristas and managers show the sale they ring on the customer display.', who: COUNTER, input: { kind: 'idle' } },
  'display.open': { rule: 'Baristas and managers open the customer display.', who: COUNTER, input: {} },
  'display.watch': { rule: 'Only the customer display reads its feed; it can do nothing else.', who: DISPLAY, input: { after: 999_999 } },
  'customers.lookup': { rule: 'Baristas and managers look up a loyalty customer.', who: COUNTER, input: { query: '+1 555 010 0100' } },
  'customers.get': { rule: 'Baristas and managers open a loyalty customer.', who: COUNTER, input: { customerId: 'cust-nobody' } },
  'customers.enrol': { rule: 'Baristas and managers enrol a customer at the counter.', who: COUNTER, input: { name: 'Ada Again', phone: '+1 555 010 0100' } },
  'menu.adminList': { rule: 'Only a manager opens the menu editor.', who: MANAGER, input: {} },
  'menu.create': { rule: 'Only a manager adds a product.', who: MANAGER, input: { product: draft } },
  'menu.update': { rule: 'Only a manager edits a product.', who: MANAGER, input: { productId: 'no-such-product', expectedVersion: 1, product: draft } },
  'menu.setAvailable': { rule: 'Baristas and managers mark an item sold out ("86") and back.', who: COUNTER, input: { productId: 'no-such-product', available: false } },
  'menu.archive': { rule: 'Only a manager archives a product.', who: MANAGER, input: { productId: 'no-such-product', expectedVersion: 1 } },
  'menu.rollbackPrice': { rule: 'Only a manager rolls a price back.', who: MANAGER, input: { productId: 'no-such-product', expectedVersion: 1, toPriceCents: 300 } },
  'menu.schedulePrice': { rule: 'Only a manager schedules a price.', who: MANAGER, input: { productId: 'no-such-product', expectedVersion: 1, schedule: null } },
  'menu.saveCategories': { rule: 'Only a manager edits the categories.', who: MANAGER, input: { expectedVersion: 999_999, categories: [{ categoryId: 'coffee', name: 'Coffee', sortOrder: 1 }] } },
  'loyalty.history': { rule: 'Baristas and managers see a customer’s points history.', who: COUNTER, input: { customerId: 'cust-nobody' } },
  'loyalty.adjust': { rule: 'Only a manager adjusts a customer’s points by hand.', who: MANAGER, input: { customerId: 'cust-nobody', delta: 10, reason: 'goodwill' } },
  'printer.config': { rule: 'Only a manager sees this till’s printer settings.', who: MANAGER, input: {} },
  'printer.save': { rule: 'Only a manager sets up this till’s printer.', who: MANAGER, input: { host: '', port: 9100, paperWidth: 80, drawer: false, receipts: 'ask', footer: '' } },
  'printer.testPage': { rule: 'Only a manager prints a test page.', who: MANAGER, input: {} },
  'printer.status': { rule: 'Every staff member sees whether the printer is working.', who: STAFF, input: {} },
  'printer.receipt': { rule: 'Baristas and managers print a receipt on the printer.', who: COUNTER, input: { orderId: NO_ORDER } },
  'printer.retry': { rule: 'Baristas and managers retry a print that failed.', who: COUNTER, input: { jobId: NO_ORDER } },
  'printer.shiftReport': { rule: 'Baristas and managers print the X or Z they may see on the printer.', who: COUNTER, input: {} },
  'delivery.list': { rule: 'Shippers (and managers) see the day’s deliveries: contact, address and what to collect, nothing else of the order.', who: ['Shipper', 'Admin'], input: {} },
  'delivery.move': { rule: 'Shippers (and managers) claim a delivery and move it along; a barista can’t.', who: ['Shipper', 'Admin'], input: { orderId: NO_ORDER, action: 'claim' } },
  'delivery.owed': { rule: 'The counter sees what each shipper has to hand in today.', who: COUNTER, input: {} },
  'delivery.settle': { rule: 'The counter takes a shipper’s cash on delivery into the drawer.', who: COUNTER, input: { shipperId: 'nobody-with-cash' } },
  'reports.sales': { rule: 'Only a manager sees the sales reports.', who: MANAGER, input: { from: '2001-01-01', to: '2001-01-01' } },
  'reports.ordersCsv': { rule: 'Only a manager downloads the orders as CSV.', who: MANAGER, input: { from: '2001-01-01', to: '2001-01-01' } },
  'timeclock.status': { rule: 'Anyone at the till sees who signed in here is clocked in or on a break (the lock screen shows it).', who: EVERYONE, input: {} },
  'timeclock.punch': { rule: 'Anyone at the till can try a PIN to clock in or out; it only punches for someone signed in on this till, with their PIN.', who: EVERYONE, input: { email: DEMO.barista, pin: '0000', kind: 'in' } },
  'timecards.list': { rule: 'Only a manager sees the staff’s timecards.', who: MANAGER, input: { from: '2001-01-01', to: '2001-01-01' } },
  'timecards.edit': { rule: 'Only a manager corrects a punch, with a reason kept on the timecard.', who: MANAGER, input: { workDate: '2001-01-01', userId: 'nobody', punchId: 'abc-0123456789ab', at: '2001-01-01T09:00:00.000Z', reason: 'forgot to clock in' } },
  'timecards.add': { rule: 'Only a manager adds a forgotten punch, with a reason kept on the timecard.', who: MANAGER, input: { workDate: '2001-01-01', userId: 'nobody', kind: 'out', at: '2001-01-01T17:00:00.000Z', reason: 'forgot to clock out' } },
  'reports.zReports': { rule: 'Only a manager sees every till’s Z reports.', who: MANAGER, input: { from: '2001-01-01', to: '2001-01-01' } },
  'printer.dismiss': { rule: 'Every staff member can dismiss a print-failure message.', who: STAFF, input: { jobId: NO_ORDER } },
  'staff.list': { rule: 'Only a manager sees the staff accounts.', who: MANAGER, input: {} },
  'staff.invite': { rule: 'Only a manager invites a new staff member.', who: MANAGER, input: { email: DEMO.barista, name: 'Jamie Again', group: 'Barista' } },
  'staff.setGroup': { rule: 'Only a manager moves a staff member to another group.', who: MANAGER, input: { email: 'nobody@coffeecloud.dev', group: 'Barista' } },
  'staff.setEnabled': { rule: 'Only a manager disables or re-enables a staff account.', who: MANAGER, input: { email: 'nobody@coffeecloud.dev', enabled: false } },
  'staff.resetPassword': { rule: 'Only a manager resets someone’s password.', who: MANAGER, input: { email: 'nobody@coffeecloud.dev' } },
  'staff.resetPin': { rule: 'Only a manager resets someone’s PIN on this till.', who: MANAGER, input: { email: 'nobody@coffeecloud.dev' } },
};

/** The demo account each caller signs in with (nobody signs in). */
export const SIGN_IN: Record<Caller, string | null> = {
  nobody: null,
  Customer: DEMO.customer,
  Shipper: DEMO.shipper,
  Barista: DEMO.barista,
  Admin: DEMO.manager,
  display: null,
};

/** How the transport marks each caller's calls. */
export const callerContext = (caller: Caller, sessionKey: string) => ({ sessionKey, ...(caller === 'display' && { display: true as const }) });
