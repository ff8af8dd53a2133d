import { GetCommand, QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { randomBytes } from 'node:crypto';
import { ulid } from 'ulid';
import { beforeAll, describe, expect, it } from 'vitest';
import type { CheckoutInput } from '../../src/shared/contract';
import type { Order } from '../../src/shared/orders';
import type { BackendConfig } from '../../src/main/config';
import type { Runtime } from '../../src/main/runtime';
import { clients, DEMO, freshCafe, ok, signInDemo, till } from './helpers';

let config: BackendConfig;
let runtime: Runtime;
const barista = { sessionKey: `barista-${randomBytes(4).toString('hex')}` };
const manager = { sessionKey: `manager-${randomBytes(4).toString('hex')}` };
const shipper = { sessionKey: `shipper-${randomBytes(4).toString('hex')}` };

beforeAll(async () => {
  config = await freshCafe();
  runtime = till(config, { terminalId: 'T1' });
  await signInDemo(runtime, [
    [barista, DEMO.barista],
    [manager, DEMO.manager],
    [shipper, DEMO.shipper],
  ]);
});

const latteLargeOat = { productId: 'latte', quantity: 1, selection: { size: ['large'], milk: ['oat'] }, unitPriceCents: 610 };
const espresso = { productId: 'espresso', quantity: 1, selection: {}, unitPriceCents: 300 };

function cart(overrides: Partial<CheckoutInput> = {}): CheckoutInput {
  return {
    orderId: ulid(),
    lines: [latteLargeOat, espresso],
    tenders: [{ kind: 'cash', amountCents: 2000 }],
    expectedTotalCents: 983,
    // Cash needs an open shift: the first cash sale opens one with a $100.00 float.
    openShift: { totalCents: 10_000 },
    ...overrides,
  };
}

async function placed(input: CheckoutInput = cart(), who = barista): Promise<Order> {
  const result = await runtime.dispatch('orders.checkout', input, who);
  if (!result.ok) throw new Error(`${result.error.code}: ${result.error.message}`);
  return result.data;
}

/** Every order row in the table, counters aside: "nothing written" means this does not grow. */
async function orderCount(): Promise<number> {
  const { Items = [] } = await clients().doc.send(
    new QueryCommand({
      TableName: config.tables.Orders,
      IndexName: 'businessDate-createdAt-index',
      KeyConditionExpression: 'businessDate = :d',
      ExpressionAttributeValues: { ':d': new Date().toLocaleDateString('sv-SE') },
    }),
  );
  return Items.length;
}

describe('ringing up the demo order', () => {
  it('Latte (Large, Oat) + Espresso: $9.10 + $0.73 tax = $9.83; $20.00 cash gives $10.17 change', async () => {
    const order = await placed();
    expect(order).toMatchObject({
      status: 'placed',
      subtotalCents: 910,
      discountCents: 0,
      taxCents: 73,
      totalCents: 983,
      paidCents: 2000,
      changeCents: 1017,
      terminalId: 'T1',
      createdBy: { name: 'Jamie Cruz', email: DEMO.barista },
    });
    expect(order.ticket).toMatch(/^T1-\d{3}$/);
    expect(order.lines[0]).toMatchObject({
      name: 'Latte',
      unitPriceCents: 610,
      modifiers: [
        { groupName: 'Size', optionName: 'Large', priceDeltaCents: 100 },
        { groupName: 'Milk', optionName: 'Oat', priceDeltaCents: 60 },
      ],
    });
    const stored = await clients().doc.send(new GetCommand({ TableName: config.tables.Orders, Key: { orderId: order.orderId } }));
    expect(stored.Item).toMatchObject({ ticket: order.ticket, totalCents: 983, status: 'placed' });
  });

  it('numbers tickets per terminal per day, one after another', async () => {
    const a = await placed();
    const b = await placed();
    expect(Number(b.ticket.slice(3))).toBe(Number(a.ticket.slice(3)) + 1);
  });

  it('a double tap or a retry never creates a second order', async () => {
    const input = cart();
    const before = await orderCount();
    const [first, second, third] = await Promise.all([placed(input), placed(input), placed(input)]);
    expect(second.ticket).toBe(first.ticket);
    expect(third.ticket).toBe(first.ticket);
    expect(await orderCount()).toBe(before + 1);
    expect((await placed(input)).ticket).toBe(first.ticket);
  });

  it('splits a payment across card and cash', async () => {
    const order = await placed(
      cart({
        tenders: [
          { kind: 'card', amountCents: 500, reference: 'VISA 4242' },
          { kind: 'cash', amountCents: 500 },
        ],
      }),
    );
    expect(order).toMatchObject({ paidCents: 1000, changeCents: 17 });
  });
});

describe('bad carts get a specific error and write nothing', () => {
  const cases: [string, Partial<CheckoutInput>, string, string][] = [
    ['quantity 0', { lines: [{ ...espresso, quantity: 0 }] }, 'VALIDATION', 'Quantity must be at least 1.'],
    ['quantity 100', { lines: [{ ...espresso, quantity: 100 }] }, 'VALIDATION', 'Quantity can’t be more than 99.'],
    ['quantity 1.5', { lines: [{ ...espresso, quantity: 1.5 }] }, 'VALIDATION', 'Quantity must be a whole number.'],
    ['an unknown product', { lines: [{ ...espresso, productId: 'unicorn-frappe' }], expectedTotalCents: 324 }, 'NOT_FOUND', 'An item in this order is no longer on the menu. Remove it and try again.'],
    ['a sold-out product', { lines: [{ productId: 'orange-juice', quantity: 1, selection: {}, unitPriceCents: 400 }], expectedTotalCents: 432 }, 'CONFLICT', 'Fresh Orange Juice is sold out. Remove it from the order.'],
    ['a missing required choice', { lines: [{ ...latteLargeOat, selection: { milk: ['oat'] } }] }, 'VALIDATION', 'Choose a size for Latte.'],
    ['a stale price', { lines: [{ ...latteLargeOat, unitPriceCents: 450 }, espresso] }, 'CONFLICT', 'The price of Latte is now $6.10, not $4.50. Check the order and charge it again.'],
    ['a stale total', { expectedTotalCents: 900 }, 'CONFLICT', 'The total is now $9.83, not $9.00. Check the order and charge it again.'],
    ['tenders short of the total', { tenders: [{ kind: 'cash', amountCents: 900 }] }, 'VALIDATION', 'Payments are $0.83 short of the $9.83 total.'],
    ['a negative amount', { tenders: [{ kind: 'cash', amountCents: -2000 }] }, 'VALIDATION', 'A cash payment can’t be negative.'],
    ['a fractional amount', { tenders: [{ kind: 'cash', amountCents: 1999.5 }] }, 'VALIDATION', 'A cash payment must be whole cents.'],
    ['a card for more than the total', { tenders: [{ kind: 'card', amountCents: 2000 }] }, 'VALIDATION', 'Card payments can’t be more than the total: only cash gives change.'],
    ['no payment', { tenders: [] }, 'VALIDATION', 'Add a payment.'],
    ['an empty order', { lines: [] }, 'VALIDATION', 'The order is empty. Add an item first.'],
    ['a discount without a reason', { orderDiscount: { kind: 'percent', bps: 1000 } }, 'VALIDATION', 'Give a reason for the discount.'],
    ['a malformed order id', { orderId: 'order-1' }, 'VALIDATION', 'That order number isn’t valid.'],
  ];

  it.each(cases)('%s', async (_name, overrides, code, message) => {
    const before = await orderCount();
    const result = await runtime.dispatch('orders.checkout', cart(overrides), barista);
    expect(result.ok ? 'accepted' : result.error.code).toBe(code);
    if (!result.ok) expect(result.error.message).toBe(message);
    expect(await orderCount()).toBe(before);
  });

  it('a shipper cannot ring up an order', async () => {
    const result = await runtime.dispatch('orders.checkout', cart(), shipper);
    expect(result.ok || result.error.code).toBe('FORBIDDEN');
  });
});

describe('discounts', () => {
  it('a small discount with a reason goes through; tax is on the discounted amount', async () => {
    const order = await placed(cart({ orderDiscount: { kind: 'percent', bps: 1000 }, discountReason: 'Regular', expectedTotalCents: 885 }));
    // 910 − 91 = 819; tax 8% = 65.52 → 66; total 885
    expect(order).toMatchObject({ discountCents: 91, taxCents: 66, totalCents: 885, discountReason: 'Regular' });
  });

  it('a discount above 20% needs a manager: refused without, recorded with', async () => {
    const big = cart({ orderDiscount: { kind: 'percent', bps: 5000 }, discountReason: 'Spilled drink', expectedTotalCents: 491 });
    const before = await orderCount();
    expect(await runtime.dispatch('orders.checkout', big, barista)).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN', message: 'A discount over 20% needs a manager’s approval.' },
    });
    expect(await orderCount()).toBe(before);

    expect(await runtime.dispatch('orders.approveDiscount', { orderId: big.orderId, discountCents: 455, email: DEMO.manager, password: 'nope' }, barista)).toMatchObject({
      ok: false,
      error: { code: 'UNAUTHENTICATED', message: 'Incorrect email or password.' },
    });
    expect(await runtime.dispatch('orders.approveDiscount', { orderId: big.orderId, discountCents: 455, email: DEMO.barista, password: DEMO.password }, barista)).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN', message: 'Jamie Cruz isn’t a manager. A manager has to approve this discount.' },
    });
    const approval = await runtime.dispatch('orders.approveDiscount', { orderId: big.orderId, discountCents: 455, email: DEMO.manager, password: DEMO.password }, barista);
    if (!approval.ok) throw new Error(approval.error.message);
    expect(approval.data.approverName).toBe('Morgan Lee');

    // The approval belongs to the till that asked for it.
    const elsewhere = await runtime.dispatch('orders.checkout', { ...big, orderId: ulid(), approvalId: approval.data.approvalId }, manager);
    expect(elsewhere.ok).toBe(true); // the manager needs no approval anyway
    const order = await placed({ ...big, approvalId: approval.data.approvalId });
    expect(order.discountApprovedBy).toMatchObject({ name: 'Morgan Lee', email: DEMO.manager });
    // The barista is still the one signed in.
    expect(await runtime.dispatch('auth.session', {}, barista)).toMatchObject({ ok: true, data: { email: DEMO.barista } });
    // And the approval is used up.
    const again = await runtime.dispatch('orders.checkout', { ...big, orderId: ulid(), approvalId: approval.data.approvalId }, barista);
    expect(again.ok || again.error.code).toBe('FORBIDDEN');
  });
});

describe('discount approval and rewards', () => {
  it('a manager approves what staff take off; the customer’s reward is hers, not part of it', async () => {
    // $2.50 off a $9.10 order is over 20%: approved at $2.50. Ada then redeems a $2.00 reward too.
    const input = cart({ orderDiscount: { kind: 'amount', cents: 250 }, discountReason: 'Spilled drink', customerId: 'cust-ada', redeemBlocks: 1, tenders: [{ kind: 'card', amountCents: 497 }], expectedTotalCents: 497 });
    const approval = await runtime.dispatch('orders.approveDiscount', { orderId: input.orderId, discountCents: 250, email: DEMO.manager, password: DEMO.password }, barista);
    if (!approval.ok) throw new Error(approval.error.message);
    // 910 − 250 − 200 = 460; tax 8% = 36.8 → 37; total 497.
    const order = await placed({ ...input, approvalId: approval.data.approvalId });
    expect(order).toMatchObject({ discountCents: 450, totalCents: 497, pointsRedeemed: 60, discountApprovedBy: { name: 'Morgan Lee' } });
  });
});

describe('the order board', () => {
  it('shows today’s orders and moves them placed → preparing → ready → completed, recording who', async () => {
    const order = await placed();
    const board = await runtime.dispatch('orders.board', {}, manager);
    expect(board.ok && board.data.find((o) => o.orderId === order.orderId)).toMatchObject({ ticket: order.ticket, status: 'placed', itemCount: 2, totalCents: 983 });

    expect(await runtime.dispatch('orders.advance', { orderId: order.orderId, from: 'placed' }, barista)).toMatchObject({ ok: true, data: { status: 'preparing' } });
    expect(await runtime.dispatch('orders.advance', { orderId: order.orderId, from: 'placed' }, manager)).toMatchObject({
      ok: false,
      error: { code: 'CONFLICT', message: `Ticket ${order.ticket} is already preparing.` },
    });
    expect(await runtime.dispatch('orders.advance', { orderId: order.orderId, from: 'preparing' }, manager)).toMatchObject({ ok: true, data: { status: 'ready' } });
    expect(await runtime.dispatch('orders.advance', { orderId: order.orderId, from: 'ready' }, manager)).toMatchObject({ ok: true, data: { status: 'completed' } });

    const full = await runtime.dispatch('orders.get', { orderId: order.orderId }, barista);
    expect(full.ok && full.data.statusHistory.map((h) => [h.status, h.by.name])).toEqual([
      ['placed', 'Jamie Cruz'],
      ['preparing', 'Jamie Cruz'],
      ['ready', 'Morgan Lee'],
      ['completed', 'Morgan Lee'],
    ]);
  });

  it('is the counter’s: a shipper sees their deliveries instead, never the board’s lines and prices', async () => {
    const order = await placed();
    expect(await runtime.dispatch('orders.board', {}, shipper)).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(await runtime.dispatch('orders.get', { orderId: order.orderId }, shipper)).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(await runtime.dispatch('orders.advance', { orderId: order.orderId, from: 'placed' }, shipper)).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
  });

  it('shows another terminal’s orders too', async () => {
    const otherTill = till(config, { terminalId: 'T2' });
    const till2 = { sessionKey: 'till-2' };
    await otherTill.dispatch('auth.signIn', { email: DEMO.barista, password: DEMO.password }, till2);
    const result = await otherTill.dispatch('orders.checkout', cart(), till2);
    if (!result.ok) throw new Error(result.error.message);
    expect(result.data.ticket).toBe('T2-001');
    const board = await runtime.dispatch('orders.board', {}, barista);
    expect(board.ok && board.data.some((o) => o.ticket === 'T2-001')).toBe(true);
  });

  it('a refresh reads only what changed since the board last asked: moves and new orders, from any till', async () => {
    const cafe = await freshCafe();
    // Both tills' clocks, moved on by hand so that "since" can be well past the first sales.
    let later = 0;
    const now = () => new Date(Date.now() + later);
    const t1 = till(cafe, { terminalId: 'T1', now });
    const t2 = till(cafe, { terminalId: 'T2', now });
    for (const t of [t1, t2]) await t.dispatch('auth.signIn', { email: DEMO.barista, password: DEMO.password }, barista);
    const sell = async (t: Runtime) => {
      const result = await t.dispatch('orders.checkout', cart(), barista);
      if (!result.ok) throw new Error(result.error.message);
      return result.data;
    };
    const [moved, untouched] = [await sell(t1), await sell(t1)];
    const lastAsked = new Date(Date.now() + 60_000).toISOString();
    const tickets = async (since: string) => {
      const board = await t1.dispatch('orders.board', { since }, barista);
      if (!board.ok) throw new Error(board.error.message);
      return board.data.map((o) => `${o.ticket} ${o.status} v${o.version}`);
    };
    expect(await tickets(lastAsked)).toEqual([]);

    later = 120_000;
    await t2.dispatch('orders.advance', { orderId: moved.orderId, from: 'placed' }, barista);
    const fresh = await sell(t2);
    expect(await tickets(lastAsked)).toEqual([`${moved.ticket} preparing v2`, `${fresh.ticket} placed v1`]);
    // The full day is still one read away.
    const day = await t1.dispatch('orders.board', {}, barista);
    expect(day.ok && day.data.map((o) => o.ticket)).toEqual([moved.ticket, untouched.ticket, fresh.ticket]);
  });
});

describe('cancel and refund', () => {
  it('a manager refunds chosen lines, then the rest, never more than was paid', async () => {
    const order = await placed();
    const espressoLine = order.lines.find((l) => l.name === 'Espresso')!;
    expect(await runtime.dispatch('orders.refund', { orderId: order.orderId, reason: 'Cold', lines: [{ lineId: espressoLine.lineId, quantity: 1 }] }, barista)).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN' },
    });
    const partial = await runtime.dispatch('orders.refund', { orderId: order.orderId, reason: 'Espresso was cold', lines: [{ lineId: espressoLine.lineId, quantity: 1 }] }, manager);
    if (!partial.ok) throw new Error(partial.error.message);
    // The espresso's share of $9.83: 300/910 of it, to the cent.
    expect(partial.data.refundedCents).toBe(324);
    expect(partial.data.refunds[0]).toMatchObject({ reason: 'Espresso was cold', amountCents: 324, by: { name: 'Morgan Lee' } });

    // An empty choice of items is a mistake, not the whole order: refused, nothing refunded.
    const none = await runtime.dispatch('orders.refund', { orderId: order.orderId, reason: 'Nothing chosen', lines: [] }, manager);
    expect(none).toMatchObject({ ok: false, error: { code: 'VALIDATION', message: 'Choose at least one item to refund, or refund the whole order.' } });
    const twice = await runtime.dispatch('orders.refund', { orderId: order.orderId, reason: 'Again', lines: [{ lineId: espressoLine.lineId, quantity: 1 }] }, manager);
    expect(twice).toMatchObject({ ok: false, error: { code: 'VALIDATION', message: 'Espresso has already been refunded.' } });

    const rest = await runtime.dispatch('orders.refund', { orderId: order.orderId, reason: 'Customer left' }, manager);
    expect(rest.ok && rest.data.refundedCents).toBe(983);
    const beyond = await runtime.dispatch('orders.refund', { orderId: order.orderId, reason: 'One more' }, manager);
    expect(beyond).toMatchObject({ ok: false, error: { code: 'CONFLICT', message: `Ticket ${order.ticket} has already been refunded in full.` } });
  });

  it('asked again for the same refund (its answer was lost), a till refunds it once', async () => {
    const order = await placed();
    const espressoLine = order.lines.find((l) => l.name === 'Espresso')!;
    const ask = { orderId: order.orderId, reason: 'Espresso was cold', lines: [{ lineId: espressoLine.lineId, quantity: 1 }], refundId: '0123456789abcdef' };
    const first = await ok(runtime.dispatch('orders.refund', ask, manager));
    const again = await ok(runtime.dispatch('orders.refund', ask, manager));
    expect(again.refunds).toEqual(first.refunds);
    expect(again.refundedCents).toBe(324);
    // The same for a cancel: the second ask is the first cancel, not "already cancelled".
    const cancelAsk = { orderId: order.orderId, reason: 'Customer left', refundId: 'fedcba9876543210' };
    const cancelled = await ok(runtime.dispatch('orders.cancel', cancelAsk, manager));
    expect(await ok(runtime.dispatch('orders.cancel', cancelAsk, manager))).toEqual(cancelled);
    expect(cancelled.refunds.map((r) => r.refundId)).toEqual(['0123456789abcdef', 'fedcba9876543210']);
    // A made-up id is refused by name.
    expect(await runtime.dispatch('orders.refund', { ...ask, refundId: 'not-an-id' }, manager)).toMatchObject({ ok: false, error: { code: 'VALIDATION', message: 'That refund’s id isn’t valid. Update the app and try again.' } });
  });

  it('a refund needs a reason', async () => {
    const order = await placed();
    expect(await runtime.dispatch('orders.refund', { orderId: order.orderId, reason: '' }, manager)).toMatchObject({
      ok: false,
      error: { code: 'VALIDATION', message: 'Give a reason for the refund (at least 3 characters).' },
    });
  });

  it('a manager cancels an open order with a reason: it is refunded and recorded', async () => {
    const order = await placed();
    expect((await runtime.dispatch('orders.cancel', { orderId: order.orderId, reason: 'Wrong order' }, barista)).ok).toBe(false);
    const cancelled = await runtime.dispatch('orders.cancel', { orderId: order.orderId, reason: 'Wrong order' }, manager);
    if (!cancelled.ok) throw new Error(cancelled.error.message);
    expect(cancelled.data).toMatchObject({ status: 'cancelled', refundedCents: 983 });
    expect(cancelled.data.statusHistory.at(-1)).toMatchObject({ status: 'cancelled', reason: 'Wrong order', by: { name: 'Morgan Lee' } });
    expect((await runtime.dispatch('orders.advance', { orderId: order.orderId, from: 'placed' }, barista)).ok).toBe(false);
  });
});

describe('the catalogue in main', () => {
  it('a price change reaches checkout with the register’s next menu refresh: the old price is refused', async () => {
    await placed(); // warms main's catalogue with Espresso at $3.00
    await clients().doc.send(
      new UpdateCommand({
        TableName: config.tables.Products,
        Key: { productId: 'espresso' },
        UpdateExpression: 'SET priceCents = :p, version = version + :one',
        ExpressionAttributeValues: { ':p': 325, ':one': 1 },
      }),
    );
    // The open register refreshes its menu every few seconds; main keeps that copy.
    expect((await runtime.dispatch('menu.list', {}, barista)).ok).toBe(true);
    const before = await orderCount();
    const stale = await runtime.dispatch('orders.checkout', cart(), barista);
    expect(stale).toMatchObject({ ok: false, error: { code: 'CONFLICT', message: 'The price of Espresso is now $3.25, not $3.00. Check the order and charge it again.' } });
    expect(await orderCount()).toBe(before);
    const fresh = await placed(cart({ lines: [latteLargeOat, { ...espresso, unitPriceCents: 325 }], expectedTotalCents: 1010 }));
    expect(fresh.subtotalCents).toBe(935);
  });

  it('charges the new price when the register has it before main’s cache does', async () => {
    await placed(cart({ lines: [latteLargeOat, { ...espresso, unitPriceCents: 325 }], expectedTotalCents: 1010 })); // cache: $3.25
    await clients().doc.send(
      new UpdateCommand({
        TableName: config.tables.Products,
        Key: { productId: 'espresso' },
        UpdateExpression: 'SET priceCents = :p, version = version + :one',
        ExpressionAttributeValues: { ':p': 350, ':one': 1 },
      }),
    );
    // The register polled the menu and shows $3.50; main still has $3.25 cached.
    const order = await placed(cart({ lines: [latteLargeOat, { ...espresso, unitPriceCents: 350 }], expectedTotalCents: 1037 }));
    expect(order.lines[1]?.unitPriceCents).toBe(350);
  });
});
