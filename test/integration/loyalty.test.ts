import { QueryCommand, ScanCommand } from '@aws-sdk/lib-dynamodb';
import { randomBytes } from 'node:crypto';
import { ulid } from 'ulid';
import { beforeAll, describe, expect, it } from 'vitest';
import type { CheckoutInput } from '../../src/shared/contract';
import type { BackendConfig } from '../../src/main/config';
import type { Runtime } from '../../src/main/runtime';
import { clients, DEMO, expectLedgerBalanced, freshCafe, till, ok } from './helpers';

let config: BackendConfig;
let runtime: Runtime;
let till2: Runtime;
const barista = { sessionKey: `barista-${randomBytes(4).toString('hex')}` };
const manager = { sessionKey: `manager-${randomBytes(4).toString('hex')}` };
const barista2 = { sessionKey: `barista2-${randomBytes(4).toString('hex')}` };

beforeAll(async () => {
  config = await freshCafe();
  runtime = till(config, { terminalId: 'T1' });
  till2 = till(config, { terminalId: 'T2' });
  await runtime.dispatch('auth.signIn', { email: DEMO.barista, password: DEMO.password }, barista);
  await runtime.dispatch('auth.signIn', { email: DEMO.manager, password: DEMO.password }, manager);
  await till2.dispatch('auth.signIn', { email: DEMO.barista, password: DEMO.password }, barista2);
});

const demoLines: CheckoutInput['lines'] = [
  { productId: 'latte', quantity: 1, selection: { size: ['large'], milk: ['oat'] }, unitPriceCents: 610 },
  { productId: 'espresso', quantity: 1, selection: {}, unitPriceCents: 300 },
];
const cart = (overrides: Partial<CheckoutInput> = {}): CheckoutInput => ({
  orderId: ulid(),
  lines: demoLines,
  tenders: [{ kind: 'cash', amountCents: 2000 }], openShift: { totalCents: 10_000 },
  expectedTotalCents: 983,
  ...overrides,
});

/** balance = Σ ledger = the Users mirror, for every customer. */
const expectPointsInvariant = () => expectLedgerBalanced(clients().doc, config.tables);

async function itemCount(table: 'Users' | 'Points' | 'Orders') {
  const { Count = 0 } = await clients().doc.send(new ScanCommand({ TableName: config.tables[table], Select: 'COUNT', ConsistentRead: true }));
  return Count;
}

describe('lookup', () => {
  it.each(['555-010-0100', '(555) 010-0100', '+1 555 010 0100', '1 555 010 0100', '5550100100'])('finds Ada with 120 points by phone typed as %s', async (query) => {
    expect(await runtime.dispatch('customers.lookup', { query }, barista)).toEqual({
      ok: true,
      data: [{ customerId: 'cust-ada', name: 'Ada Lovelace', phone: '+15550100100', email: 'ada@example.com', points: 120, address: '12 Analytical Row, Apt 3' }],
    });
  });

  it('finds by email in any case, and answers no match with an empty list', async () => {
    const found = await ok(runtime.dispatch('customers.lookup', { query: ' ADA@Example.com ' }, barista));
    expect(found.map((c) => c.name)).toEqual(['Ada Lovelace']);
    expect(await runtime.dispatch('customers.lookup', { query: '555-999-0000' }, barista)).toEqual({ ok: true, data: [] });
  });

  it('names a malformed phone or email', async () => {
    for (const [query, message] of [
      ['555-010', 'That isn’t a phone number or an email address.'],
      ['ada@', 'That email address doesn’t look right. Check it for typos.'],
      ['', 'Type a phone number or an email address.'],
    ]) {
      expect(await runtime.dispatch('customers.lookup', { query }, barista), query).toMatchObject({ ok: false, error: { code: 'VALIDATION', message } });
    }
  });

  it('is for the counter staff, not shippers', async () => {
    const shipper = { sessionKey: 'shipper-lookup' };
    await runtime.dispatch('auth.signIn', { email: DEMO.shipper, password: DEMO.password }, shipper);
    expect((await runtime.dispatch('customers.lookup', { query: '5550100100' }, shipper)).ok).toBe(false);
  });
});

describe('enrol at the counter', () => {
  it('enrols with a name and a phone, then finds them', async () => {
    const enrolled = await ok(runtime.dispatch('customers.enrol', { name: 'Hedy Lamarr', phone: '(555) 020-1234' }, barista));
    expect(enrolled).toMatchObject({ name: 'Hedy Lamarr', phone: '+15550201234', points: 0 });
    const found = await ok(runtime.dispatch('customers.lookup', { query: '555.020.1234' }, barista));
    expect(found.map((c) => c.customerId)).toEqual([enrolled.customerId]);
  });

  it('refuses a phone or email already enrolled, shows who has it, and writes nothing', async () => {
    const before = await itemCount('Users');
    expect(await runtime.dispatch('customers.enrol', { name: 'Ada Again', phone: '555-010-0100' }, barista)).toMatchObject({
      ok: false,
      error: { code: 'CONFLICT', message: 'Ada Lovelace already has the phone +1 555 010 0100.', details: { existing: { customerId: 'cust-ada', points: 120 } } },
    });
    expect(await runtime.dispatch('customers.enrol', { name: 'Ada Again', phone: '555-123-4567', email: 'Ada@Example.com' }, barista)).toMatchObject({
      ok: false,
      error: { code: 'CONFLICT', message: 'Ada Lovelace already has the email ada@example.com.' },
    });
    expect(await itemCount('Users')).toBe(before);
  });

  it('needs a name and a phone or an email', async () => {
    expect(await runtime.dispatch('customers.enrol', { name: 'No Contact' }, barista)).toMatchObject({
      ok: false,
      error: { code: 'VALIDATION', message: 'Give a phone number or an email address.' },
    });
    expect(await runtime.dispatch('customers.enrol', { name: '', phone: '555-020-9999' }, barista)).toMatchObject({
      ok: false,
      error: { code: 'VALIDATION', message: 'Enter the customer’s name.' },
    });
    expect(await runtime.dispatch('customers.enrol', { name: 'Bad Phone', phone: '12' }, barista)).toMatchObject({
      ok: false,
      error: { code: 'VALIDATION', message: 'That phone number doesn’t look right: use 10 digits, or + and the country code.' },
    });
  });
});

describe('earning and redeeming with the order, atomically', () => {
  it('the demo order with one 60-point reward: $9.10 − $2.00, tax $0.57, total $7.67; earns 7; Ada ends at 67', async () => {
    const order = await ok(runtime.dispatch('orders.checkout', cart({ customerId: 'cust-ada', redeemBlocks: 1, expectedTotalCents: 767 }), barista));
    expect(order).toMatchObject({
      subtotalCents: 910,
      discountCents: 200,
      rewardCents: 200,
      taxCents: 57,
      totalCents: 767,
      customerName: 'Ada Lovelace',
      pointsEarned: 7,
      pointsRedeemed: 60,
    });
    expect(await ok(runtime.dispatch('customers.get', { customerId: 'cust-ada' }, barista))).toMatchObject({ points: 67 });
    const history = await ok(runtime.dispatch('loyalty.history', { customerId: 'cust-ada' }, barista));
    expect(history.customer.points).toBe(67);
    expect(history.entries.slice(0, 2).map((e) => [e.delta, e.reason, e.ticket])).toEqual(
      expect.arrayContaining([
        [-60, 'Redeemed reward', order.ticket],
        [7, 'Earned on order', order.ticket],
      ]),
    );
    expect(history.recentOrders[0]).toMatchObject({ orderId: order.orderId, customerName: 'Ada Lovelace' });

    // A retry of the same order can't earn or spend again.
    const again = await ok(runtime.dispatch('orders.checkout', cart({ orderId: order.orderId, customerId: 'cust-ada', redeemBlocks: 1, expectedTotalCents: 767 }), barista));
    expect(again.ticket).toBe(order.ticket);
    expect(await ok(runtime.dispatch('customers.get', { customerId: 'cust-ada' }, barista))).toMatchObject({ points: 67 });
    await expectPointsInvariant();
  });

  it('redeeming more points than held is refused and writes nothing', async () => {
    const before = [await itemCount('Orders'), await itemCount('Points')];
    const result = await runtime.dispatch('orders.checkout', cart({ customerId: 'cust-grace', redeemBlocks: 1, expectedTotalCents: 767 }), barista);
    expect(result).toMatchObject({
      ok: false,
      error: { code: 'INSUFFICIENT_POINTS', message: 'Grace Hopper now has 45 points, not enough for 60. Nothing was charged: remove the reward and try again.' },
    });
    expect([await itemCount('Orders'), await itemCount('Points')]).toEqual(before);
  });

  it('redeeming needs a customer, and no more than the order is worth before tax', async () => {
    expect(await runtime.dispatch('orders.checkout', cart({ redeemBlocks: 1 }), barista)).toMatchObject({
      ok: false,
      error: { code: 'VALIDATION', message: 'Attach a customer to redeem points.' },
    });
    const espressoOnly = { lines: [demoLines[1]!], customerId: 'cust-alan', redeemBlocks: 2, expectedTotalCents: 0 };
    expect(await runtime.dispatch('orders.checkout', cart(espressoOnly), barista)).toMatchObject({
      ok: false,
      error: { code: 'VALIDATION', message: 'A reward can’t be more than the order: this one is $3.00 before tax.' },
    });
  });

  it('earns on an order without a reward, by whole dollars after discounts', async () => {
    const order = await ok(runtime.dispatch('orders.checkout', cart({ customerId: 'cust-margaret' }), barista));
    expect(order.pointsEarned).toBe(9);
    expect((await ok(runtime.dispatch('customers.get', { customerId: 'cust-margaret' }, barista))).points).toBe(9);
  });
});

describe('refunds and cancels give points back', () => {
  it('cancelling returns the redeemed points and takes back the earned ones', async () => {
    const start = (await ok(runtime.dispatch('customers.get', { customerId: 'cust-barbara' }, barista))).points;
    const order = await ok(runtime.dispatch('orders.checkout', cart({ customerId: 'cust-barbara', redeemBlocks: 1, expectedTotalCents: 767 }), barista));
    expect((await ok(runtime.dispatch('customers.get', { customerId: 'cust-barbara' }, barista))).points).toBe(start - 60 + 7);
    await ok(runtime.dispatch('orders.cancel', { orderId: order.orderId, reason: 'Wrong customer' }, manager));
    expect((await ok(runtime.dispatch('customers.get', { customerId: 'cust-barbara' }, barista))).points).toBe(start);
    await expectPointsInvariant();
  });

  it('a partial refund takes back earned points in proportion', async () => {
    const start = (await ok(runtime.dispatch('customers.get', { customerId: 'cust-tim' }, barista))).points;
    const order = await ok(runtime.dispatch('orders.checkout', cart({ customerId: 'cust-tim' }), barista));
    expect(order.pointsEarned).toBe(9);
    const latte = order.lines.find((l) => l.name === 'Latte')!;
    const refunded = await ok(runtime.dispatch('orders.refund', { orderId: order.orderId, reason: 'Spilled', lines: [{ lineId: latte.lineId, quantity: 1 }] }, manager));
    // $6.59 of $9.83 refunded: floor(9 × 659 / 983) = 6 points back
    expect(refunded).toMatchObject({ refundedCents: 659, pointsReversed: 6 });
    expect((await ok(runtime.dispatch('customers.get', { customerId: 'cust-tim' }, barista))).points).toBe(start + 9 - 6);
    await expectPointsInvariant();
  });
});

describe('manual adjustment', () => {
  it('only a manager, only with a reason, never below zero; recorded in the ledger', async () => {
    expect(await runtime.dispatch('loyalty.adjust', { customerId: 'cust-radia', delta: 10, reason: 'Birthday' }, barista)).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(await runtime.dispatch('loyalty.adjust', { customerId: 'cust-radia', delta: 10, reason: '' }, manager)).toMatchObject({
      ok: false,
      error: { code: 'VALIDATION', message: 'Give a reason for the adjustment (at least 3 characters).' },
    });
    expect(await runtime.dispatch('loyalty.adjust', { customerId: 'cust-radia', delta: -9, reason: 'Correction' }, manager)).toMatchObject({
      ok: false,
      error: { code: 'INSUFFICIENT_POINTS', message: 'Radia Perlman has 8 points: can’t take away 9.' },
    });
    expect(await ok(runtime.dispatch('loyalty.adjust', { customerId: 'cust-radia', delta: 10, reason: 'Birthday' }, manager))).toMatchObject({ points: 18 });
    const history = await ok(runtime.dispatch('loyalty.history', { customerId: 'cust-radia' }, barista));
    expect(history.entries[0]).toMatchObject({ delta: 10, reason: 'Adjusted: Birthday', actor: 'Morgan Lee' });
  });

  it('pages the ledger newest first with a cursor', async () => {
    const customer = await ok(runtime.dispatch('customers.enrol', { name: 'Page Turner', email: `pages-${Date.now()}@example.com` }, barista));
    for (let i = 1; i <= 45; i++) await ok(runtime.dispatch('loyalty.adjust', { customerId: customer.customerId, delta: i, reason: `Entry ${i}` }, manager));
    const seen: number[] = [];
    let cursor: string | undefined;
    do {
      const page = await ok(runtime.dispatch('loyalty.history', { customerId: customer.customerId, ...(cursor && { cursor }) }, barista));
      expect(page.entries.length).toBeLessThanOrEqual(20);
      seen.push(...page.entries.map((e) => e.delta));
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    expect(seen).toEqual(Array.from({ length: 45 }, (_, i) => 45 - i));
    expect(await runtime.dispatch('loyalty.history', { customerId: customer.customerId, cursor: 'garbage' }, barista)).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
  });
});

describe('two tills redeeming the same points at once', () => {
  it('never takes a balance below zero and keeps balance = Σ ledger (50 trials)', async () => {
    let bothSucceeded = 0;
    let oneSucceeded = 0;
    for (let trial = 0; trial < 50; trial++) {
      const customer = await ok(runtime.dispatch('customers.enrol', { name: `Racer ${trial}`, email: `racer-${trial}-${Date.now()}@example.com` }, barista));
      await ok(runtime.dispatch('loyalty.adjust', { customerId: customer.customerId, delta: 60, reason: 'One reward' }, manager));
      const redeem = { customerId: customer.customerId, redeemBlocks: 1, expectedTotalCents: 767 };
      const [a, b] = await Promise.all([
        runtime.dispatch('orders.checkout', cart(redeem), barista),
        till2.dispatch('orders.checkout', cart(redeem), barista2),
      ]);
      const wins = [a, b].filter((r) => r.ok).length;
      if (wins === 2) bothSucceeded++;
      if (wins === 1) oneSucceeded++;
      for (const r of [a, b]) if (!r.ok) expect(r.error.code).toBe('INSUFFICIENT_POINTS');
      const { Items = [] } = await clients().doc.send(
        new QueryCommand({ TableName: config.tables.Points, KeyConditionExpression: 'customerId = :c', ExpressionAttributeValues: { ':c': customer.customerId }, ConsistentRead: true }),
      );
      const balance = Items.find((i) => i.entryId === 'BALANCE')!.balance as number;
      expect(balance).toBeGreaterThanOrEqual(0);
      expect(balance).toBe(Items.filter((i) => i.entryId !== 'BALANCE').reduce((s, i) => s + i.delta, 0));
    }
    expect(bothSucceeded).toBe(0);
    expect(oneSucceeded).toBe(50);
    await expectPointsInvariant();
  });
});
