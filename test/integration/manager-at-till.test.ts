import { randomBytes } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Runtime } from '../../src/main/runtime';
import { DEMO, demoCart, expectLedgerBalanced, clients, freshCafe, till, ok } from './helpers';

/**
 * A manager covers the till at rush: everything a barista does, as the Admin role. On AWS the
 * Admin role carries its own copy of the barista's grants, so this walk is also what the IAM
 * conformance check sees of them (a grant of the Admin role that no call used would fail it).
 */
let runtime: Runtime;
let tables: Awaited<ReturnType<typeof freshCafe>>['tables'];
const manager = { sessionKey: `mgr-${randomBytes(4).toString('hex')}` };

beforeAll(async () => {
  const config = await freshCafe();
  tables = config.tables;
  runtime = till(config);
  await ok(runtime.dispatch('auth.signIn', { email: DEMO.manager, password: DEMO.password }, manager));
});

describe('a manager working the register', () => {
  it('enrols a customer, finds them by phone and email, rings their order, moves it along the board and reads their history', async () => {
    const enrolled = await ok(runtime.dispatch('customers.enrol', { name: 'Mary Jackson', phone: '(555) 030-4040', email: 'mary@example.com' }, manager));
    expect((await ok(runtime.dispatch('customers.lookup', { query: '555 030 4040' }, manager))).map((c) => c.customerId)).toEqual([enrolled.customerId]);
    expect((await ok(runtime.dispatch('customers.lookup', { query: 'MARY@example.com' }, manager))).map((c) => c.customerId)).toEqual([enrolled.customerId]);

    const order = await ok(runtime.dispatch('orders.checkout', demoCart(enrolled.customerId), manager));
    expect(order.pointsEarned).toBe(9);
    const asked = new Date(Date.now() - 1_000).toISOString();
    const board = await ok(runtime.dispatch('orders.board', {}, manager));
    expect(board.find((o) => o.orderId === order.orderId)?.status).toBe('placed');
    expect(await ok(runtime.dispatch('orders.advance', { orderId: order.orderId, from: 'placed' }, manager))).toMatchObject({ status: 'preparing' });
    // The board's next refresh reads only what changed since it last asked.
    const changed = await ok(runtime.dispatch('orders.board', { since: asked }, manager));
    expect(changed.find((o) => o.orderId === order.orderId)?.status).toBe('preparing');

    // Out of muffins at rush: the manager 86es them from the register like a barista, and back.
    expect(await ok(runtime.dispatch('menu.setAvailable', { productId: 'blueberry-muffin', available: false }, manager))).toMatchObject({ available: false });
    expect(await ok(runtime.dispatch('menu.setAvailable', { productId: 'blueberry-muffin', available: true }, manager))).toMatchObject({ available: true });

    const history = await ok(runtime.dispatch('loyalty.history', { customerId: enrolled.customerId }, manager));
    expect(history.customer.points).toBe(9);
    expect(history.entries.map((e) => e.delta)).toEqual([9]);
    expect(history.recentOrders.map((o) => o.orderId)).toEqual([order.orderId]);
    await expectLedgerBalanced(clients().doc, tables);
  });
});

describe('a second barista following the board', () => {
  it('sees a ticket move along through the board’s change-only refresh', async () => {
    const shipper = { sessionKey: `ship-${randomBytes(4).toString('hex')}` };
    await ok(runtime.dispatch('auth.signIn', { email: DEMO.riley, password: DEMO.password }, shipper));
    const order = await ok(runtime.dispatch('orders.checkout', demoCart(), manager));
    const asked = new Date(Date.now() - 1_000).toISOString();
    expect((await ok(runtime.dispatch('orders.board', {}, shipper))).some((o) => o.orderId === order.orderId)).toBe(true);
    await ok(runtime.dispatch('orders.advance', { orderId: order.orderId, from: 'placed' }, manager));
    const changed = await ok(runtime.dispatch('orders.board', { since: asked }, shipper));
    expect(changed.find((o) => o.orderId === order.orderId)?.status).toBe('preparing');
  });
});
