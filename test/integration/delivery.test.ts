import { PutCommand } from '@aws-sdk/lib-dynamodb';
import { randomBytes } from 'node:crypto';
import { ulid } from 'ulid';
import { beforeAll, describe, expect, it } from 'vitest';
import type { CheckoutInput } from '../../src/shared/contract';
import { businessDateOf, type Order } from '../../src/shared/orders';
import type { BackendConfig } from '../../src/main/config';
import type { Runtime } from '../../src/main/runtime';
import type { AwsCall } from '../../src/main/aws/call-log';
import { aroundSend, clients, DEMO, freshCafe, ok, recordCalls, signInDemo, till, unplugged } from './helpers';

let config: BackendConfig;
let runtime: Runtime;
const key = (who: string) => ({ sessionKey: `${who}-${randomBytes(4).toString('hex')}` });
const barista = key('barista');
const manager = key('manager');
const alex = key('alex');
const sam = key('sam');

beforeAll(async () => {
  config = await freshCafe();
  runtime = till(config, { terminalId: 'T1' });
  await signInDemo(runtime, [
    [barista, DEMO.barista],
    [manager, DEMO.manager],
    [alex, DEMO.shipper],
    [sam, DEMO.sam],
  ]);
});

const espresso = { productId: 'espresso', quantity: 1, selection: {}, unitPriceCents: 300 };
const ada = { type: 'delivery', name: 'Ada Lovelace', phone: '555-010-0100', address: '12 Analytical Row, Apt 3' } as const;

function cart(overrides: Partial<CheckoutInput> = {}): CheckoutInput {
  return { orderId: ulid(), lines: [espresso], tenders: [{ kind: 'card', amountCents: 540 }], expectedTotalCents: 540, fulfilment: ada, ...overrides };
}

async function placed(input: CheckoutInput = cart()): Promise<Order> {
  const result = await runtime.dispatch('orders.checkout', input, barista);
  if (!result.ok) throw new Error(`${result.error.code}: ${result.error.message}`);
  return result.data;
}

describe('order types at checkout', () => {
  it('a delivery: main adds the shop’s $2.00 fee and taxes it ($3.00 + $2.00 + 8% = $5.40), and keeps the contact', async () => {
    const order = await placed();
    expect(order).toMatchObject({ orderType: 'delivery', subtotalCents: 300, taxCents: 40, totalCents: 540 });
    expect(order.delivery).toMatchObject({ name: 'Ada Lovelace', phone: '+15550100100', address: '12 Analytical Row, Apt 3', feeCents: 200, feeTaxed: true, status: 'waiting' });
    // Points are for what was bought, not for the trip.
    const board = await runtime.dispatch('orders.board', {}, barista);
    expect(board.ok && board.data.find((o) => o.orderId === order.orderId)).toMatchObject({ orderType: 'delivery', deliveryName: 'Ada Lovelace', delivery: { status: 'waiting' } });
  });

  it('a known customer’s phone and address come with the lookup, for the delivery form', async () => {
    const found = await runtime.dispatch('customers.lookup', { query: '555-010-0100' }, barista);
    expect(found.ok && found.data[0]).toMatchObject({ name: 'Ada Lovelace', phone: '+15550100100', address: '12 Analytical Row, Apt 3' });
  });

  it('the fee is main’s, not the till’s: a total without it is refused and nothing is written', async () => {
    const input = cart({ tenders: [{ kind: 'card', amountCents: 324 }], expectedTotalCents: 324 });
    const result = await runtime.dispatch('orders.checkout', input, barista);
    expect(result.ok || result.error).toMatchObject({ code: 'CONFLICT', message: 'The total is now $5.40, not $3.24. Check the order and charge it again.' });
    expect((await runtime.dispatch('orders.get', { orderId: input.orderId }, barista)).ok).toBe(false);
  });

  it('a delivery without an address or a phone gets a message for each', async () => {
    const result = await runtime.dispatch('orders.checkout', cart({ fulfilment: { type: 'delivery', name: 'Ada Lovelace', phone: '', address: '' } }), barista);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.code).toBe('VALIDATION');
    const fields = Object.fromEntries((result.error.details?.fields ?? []).map((f) => [f.path, f.message]));
    expect(fields).toMatchObject({
      'fulfilment.phone': 'A delivery needs a phone number for the shipper to call.',
      'fulfilment.address': 'A delivery needs an address: street and number at least.',
    });
  });

  it('to go and pickup carry no fee; pickup keeps who and when', async () => {
    const toGo = await placed(cart({ fulfilment: { type: 'toGo' }, tenders: [{ kind: 'card', amountCents: 324 }], expectedTotalCents: 324 }));
    expect(toGo).toMatchObject({ orderType: 'toGo', totalCents: 324 });
    const pickup = await placed(cart({ fulfilment: { type: 'pickup', name: 'Grace', time: '14:30' }, tenders: [{ kind: 'card', amountCents: 324 }], expectedTotalCents: 324 }));
    expect(pickup).toMatchObject({ orderType: 'pickup', pickup: { name: 'Grace', time: '14:30' } });
    const plain = await placed(cart({ fulfilment: undefined, tenders: [{ kind: 'card', amountCents: 324 }], expectedTotalCents: 324 }));
    expect(plain.orderType).toBe('forHere');
  });

  it('cash on delivery takes no payment now; a payment with it is refused', async () => {
    const cod = await placed(cart({ fulfilment: { ...ada, payOnDelivery: true }, tenders: [] }));
    expect(cod).toMatchObject({ paidCents: 0, tenders: [], delivery: { payOnDelivery: true } });
    const both = await runtime.dispatch('orders.checkout', cart({ fulfilment: { ...ada, payOnDelivery: true } }), barista);
    expect(both.ok || both.error.message).toBe('Cash on delivery is paid to the shipper: take no payment now.');
  });

  it('sales by order type in the day’s report', async () => {
    const today = new Date().toLocaleDateString('sv-SE');
    const report = await runtime.dispatch('reports.sales', { from: today, to: today }, manager);
    expect(report.ok).toBe(true);
    if (!report.ok) return;
    const types = Object.fromEntries(report.data.report.byOrderType.map((r) => [r.orderType, r]));
    expect(types.delivery).toMatchObject({ orders: 2, feesCents: 400 });
    expect(types.toGo).toMatchObject({ orders: 1 });
    expect(types.pickup).toMatchObject({ orders: 1 });
    expect(types.forHere).toMatchObject({ orders: 1 });
    const csv = await runtime.dispatch('reports.ordersCsv', { from: today, to: today }, manager);
    expect(csv.ok && csv.data.csv).toContain('Delivery,2.00');
  });
});

describe('the shipper’s side', () => {
  /** A delivery the counter has made and marked ready. */
  async function readyDelivery(overrides: Partial<CheckoutInput> = {}): Promise<Order> {
    const order = await placed(cart(overrides));
    for (const from of ['placed', 'preparing'] as const) expect((await runtime.dispatch('orders.advance', { orderId: order.orderId, from }, barista)).ok).toBe(true);
    return order;
  }
  const move = (who: { sessionKey: string }, orderId: string, action: 'claim' | 'out' | 'delivered' | 'failed', extra: { reason?: string; cashCents?: number } = {}) =>
    runtime.dispatch('delivery.move', { orderId, action, ...extra }, who);

  it('lists today’s deliveries oldest first, with the contact and nothing of the order’s lines or prices', async () => {
    const list = await runtime.dispatch('delivery.list', {}, alex);
    expect(list.ok).toBe(true);
    if (!list.ok) return;
    expect(list.data.length).toBeGreaterThan(0);
    expect(list.data.map((d) => d.createdAt)).toEqual(list.data.map((d) => d.createdAt).toSorted());
    expect(Object.keys(list.data[0]!).toSorted()).toEqual(['address', 'createdAt', 'kitchenStatus', 'mine', 'name', 'orderId', 'payOnDelivery', 'phone', 'settled', 'status', 'ticket', 'totalCents'].toSorted());
  });

  it('of two shippers claiming at once, one wins and the other is told who has it', async () => {
    const order = await readyDelivery();
    const [a, b] = await Promise.all([move(alex, order.orderId, 'claim'), move(sam, order.orderId, 'claim')]);
    const winner = a.ok ? 'Alex Kim' : 'Sam Ortiz';
    expect([a.ok, b.ok].filter(Boolean)).toHaveLength(1);
    const loser = a.ok ? b : a;
    expect(loser).toMatchObject({ ok: false, error: { code: 'CONFLICT', message: `${winner} already has ${order.ticket}.` } });
    const stored = await runtime.dispatch('orders.get', { orderId: order.orderId }, barista);
    expect(stored.ok && stored.data.delivery).toMatchObject({ status: 'claimed', shipper: { name: winner } });
    expect(stored.ok && stored.data.delivery?.history).toHaveLength(1);
    // Each shipper's list says whose it is by id, not by name (two shippers may share one).
    const [alexSees, samSees] = await Promise.all([alex, sam].map(async (who) => (await ok(runtime.dispatch('delivery.list', {}, who))).find((d) => d.orderId === order.orderId)));
    expect([alexSees?.mine, samSees?.mine]).toEqual(a.ok ? [true, false] : [false, true]);
    expect((a.ok ? a : b).ok && (a.ok ? a : b)).toMatchObject({ data: { mine: true } });
  });

  it('refuses a status jump and someone else’s trip with specific messages, and changes nothing', async () => {
    const order = await readyDelivery();
    expect(await move(alex, order.orderId, 'delivered')).toMatchObject({ ok: false, error: { code: 'CONFLICT', message: `${order.ticket} is waiting for a shipper: it can’t be marked “Delivered” now.` } });
    expect((await move(alex, order.orderId, 'claim')).ok).toBe(true);
    expect(await move(alex, order.orderId, 'delivered')).toMatchObject({
      ok: false,
      error: { message: `${order.ticket} is claimed: it can’t be marked “Delivered” now (mark it Out for delivery first).` },
    });
    expect(await move(sam, order.orderId, 'out')).toMatchObject({ ok: false, error: { message: `${order.ticket} is Alex Kim’s delivery.` } });
    expect(await move(alex, order.orderId, 'failed')).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
    const stored = await runtime.dispatch('orders.get', { orderId: order.orderId }, barista);
    expect(stored.ok && stored.data.delivery).toMatchObject({ status: 'claimed' });
    // A barista can't move a trip; a delivery that isn't ready can't be claimed.
    expect(await move(barista, order.orderId, 'out')).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    const early = await placed(cart());
    expect(await move(sam, early.orderId, 'claim')).toMatchObject({ ok: false, error: { message: `${early.ticket} isn’t ready to go out yet: the counter has it as placed.` } });
  });

  it('couldn’t deliver sends it back to the café with the reason, for anyone to take out again', async () => {
    const order = await readyDelivery();
    expect((await move(alex, order.orderId, 'claim')).ok).toBe(true);
    expect((await move(alex, order.orderId, 'out')).ok).toBe(true);
    expect(await move(alex, order.orderId, 'failed', { reason: 'Nobody home' })).toMatchObject({ ok: true, data: { status: 'failed', reason: 'Nobody home' } });
    expect(await move(sam, order.orderId, 'claim')).toMatchObject({ ok: true, data: { status: 'claimed', shipper: { name: 'Sam Ortiz' } } });
  });

  it('cash on delivery: the shipper records the cash, the report shows what they owe, handing it in pays it into the drawer once', async () => {
    const order = await readyDelivery({ fulfilment: { ...ada, payOnDelivery: true }, tenders: [] });
    const today = new Date().toLocaleDateString('sv-SE');
    const owedBefore = async () => {
      const r = await runtime.dispatch('reports.sales', { from: today, to: today }, manager);
      return r.ok ? r.data.report.shippers.find((s) => s.name === 'Sam Ortiz') : undefined;
    };
    const before = (await owedBefore())?.owedCents ?? 0;
    expect((await move(sam, order.orderId, 'claim')).ok).toBe(true);
    expect((await move(sam, order.orderId, 'out')).ok).toBe(true);
    expect(await move(sam, order.orderId, 'delivered')).toMatchObject({ ok: false, error: { code: 'VALIDATION', message: 'Enter the cash you collected: $5.40 is due.' } });
    expect(await move(sam, order.orderId, 'delivered', { cashCents: 500 })).toMatchObject({ ok: false, error: { message: '$5.00 is less than the $5.40 due. Collect the rest, or mark it Couldn’t deliver.' } });
    expect(await move(sam, order.orderId, 'delivered', { cashCents: 540 })).toMatchObject({ ok: true, data: { status: 'delivered', cashCollectedCents: 540 } });
    expect((await owedBefore())?.owedCents).toBe(before + 540);

    // Handing it in needs an open shift on this till: its drawer takes the cash.
    const shift = await runtime.dispatch('shift.current', {}, barista);
    if (shift.ok && !shift.data.open) expect((await runtime.dispatch('shift.open', { float: { totalCents: 10_000 } }, barista)).ok).toBe(true);
    const samId = (await runtime.dispatch('orders.get', { orderId: order.orderId }, barista)) as { ok: true; data: Order };
    const settled = await runtime.dispatch('delivery.settle', { shipperId: samId.data.delivery!.shipper!.userId }, barista);
    expect(settled).toMatchObject({ ok: true, data: { settledCents: before + 540 } });
    expect(settled.ok && settled.data.tickets).toContain(order.ticket);
    expect((await owedBefore())?.owedCents).toBe(0);
    const again = await runtime.dispatch('delivery.settle', { shipperId: samId.data.delivery!.shipper!.userId }, barista);
    expect(again).toMatchObject({ ok: false, error: { code: 'NOT_FOUND', message: 'That shipper has no cash on delivery left to hand in.' } });
    const report = await runtime.dispatch('shift.report', {}, manager);
    expect(report.ok && JSON.stringify(report.data)).toContain('Cash on delivery from Sam Ortiz');

    // Rung at 23:40 last night, delivered after midnight: Sam still hands it in here today.
    const lastNight = new Date(Date.now() - 24 * 60 * 60 * 1000);
    lastNight.setHours(23, 40, 0, 0);
    const stored = samId.data;
    const { settledAt: _at, settledShiftId: _shift, ...trip } = stored.delivery!;
    const late: Order = {
      ...stored,
      orderId: ulid(),
      ticket: 'T1-901',
      businessDate: businessDateOf(lastNight),
      createdAt: lastNight.toISOString(),
      delivery: { ...trip, status: 'delivered', cashCollectedCents: 540 },
    };
    await clients().doc.send(new PutCommand({ TableName: config.tables.Orders, Item: late }));
    const owed = await ok(runtime.dispatch('delivery.owed', {}, barista));
    expect(owed.find((r) => r.name === 'Sam Ortiz')).toMatchObject({ owedCents: 540 });
    const lateHandIn = await ok(runtime.dispatch('delivery.settle', { shipperId: stored.delivery!.shipper!.userId }, barista));
    expect(lateHandIn).toMatchObject({ settledCents: 540, tickets: ['T1-901'] });
  });
  it('a trip rung last night and still out after midnight stays on the shipper’s list and is finished; last night’s finished ones are not listed', async () => {
    const order = await readyDelivery({ fulfilment: { ...ada, payOnDelivery: true }, tenders: [] });
    expect((await move(sam, order.orderId, 'claim')).ok).toBe(true);
    expect((await move(sam, order.orderId, 'out')).ok).toBe(true);
    const stored = await ok(runtime.dispatch('orders.get', { orderId: order.orderId }, barista));
    const lastNight = new Date(Date.now() - 24 * 60 * 60 * 1000);
    lastNight.setHours(23, 40, 0, 0);
    const earlier = (ticket: string, delivery: Partial<Order['delivery']>): Order => ({
      ...stored,
      orderId: ulid(),
      ticket,
      businessDate: businessDateOf(lastNight),
      createdAt: lastNight.toISOString(),
      delivery: { ...stored.delivery!, ...delivery },
    });
    const onTheRoad = earlier('T1-911', {});
    const done = earlier('T1-912', { status: 'delivered', cashCollectedCents: 540, settledAt: lastNight.toISOString() });
    for (const item of [onTheRoad, done]) await clients().doc.send(new PutCommand({ TableName: config.tables.Orders, Item: item }));
    const list = await ok(runtime.dispatch('delivery.list', {}, sam));
    expect(list.find((d) => d.orderId === onTheRoad.orderId)).toMatchObject({ ticket: 'T1-911', status: 'out', shipper: { name: 'Sam Ortiz' } });
    expect(list.some((d) => d.orderId === done.orderId)).toBe(false);
    expect(await move(sam, onTheRoad.orderId, 'delivered', { cashCents: 540 })).toMatchObject({ ok: true, data: { status: 'delivered', cashCollectedCents: 540, settled: false } });
    // Delivered but its cash not handed in yet: still Sam's to see, until it is.
    expect((await ok(runtime.dispatch('delivery.list', {}, sam))).some((d) => d.orderId === onTheRoad.orderId)).toBe(true);
    expect((await move(sam, order.orderId, 'delivered', { cashCents: 540 })).ok).toBe(true);
    await ok(runtime.dispatch('delivery.settle', { shipperId: stored.delivery!.shipper!.userId }, barista));
    expect((await ok(runtime.dispatch('delivery.list', {}, sam))).some((d) => d.orderId === onTheRoad.orderId)).toBe(false);
  });

  it('cash on delivery, collected: the drawer takes in the order’s total, not the note the customer handed over, and the order refunds by cash', async () => {
    const shift = await ok(runtime.dispatch('shift.current', {}, barista));
    if (!shift.open) await ok(runtime.dispatch('shift.open', { float: { totalCents: 10_000 } }, barista));
    const order = await readyDelivery({ fulfilment: { ...ada, payOnDelivery: true }, tenders: [] });
    expect((await move(sam, order.orderId, 'claim')).ok).toBe(true);
    expect((await move(sam, order.orderId, 'out')).ok).toBe(true);
    // A $20 note for $5.40: Sam gave $14.60 change at the door.
    expect((await move(sam, order.orderId, 'delivered', { cashCents: 2000 })).ok).toBe(true);
    const samId = (await ok(runtime.dispatch('orders.get', { orderId: order.orderId }, barista))).delivery!.shipper!.userId;
    const owed = await ok(runtime.dispatch('delivery.owed', {}, barista));
    expect(owed.find((r) => r.userId === samId)).toMatchObject({ owedCents: 540 });
    const expected = async () => (await ok(runtime.dispatch('shift.report', {}, manager))).drawer!.expectedCents;
    const before = await expected();
    expect(await ok(runtime.dispatch('delivery.settle', { shipperId: samId }, barista))).toMatchObject({ settledCents: 540, tickets: [order.ticket] });
    expect(await expected()).toBe(before + 540);

    // The coffee arrived cold: the manager gives the $5.40 back in cash, out of this drawer.
    const refunded = await ok(runtime.dispatch('orders.refund', { orderId: order.orderId, reason: 'Arrived cold' }, manager));
    expect(refunded).toMatchObject({ refundedCents: 540 });
    expect(refunded.refunds.at(-1)).toMatchObject({ amountCents: 540, tenders: [{ kind: 'cash', amountCents: 540 }] });
    expect(await expected()).toBe(before);
    const tooMuch = await runtime.dispatch('orders.refund', { orderId: order.orderId, reason: 'Again' }, manager);
    expect(tooMuch).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
  });
});

describe('handing in cash on delivery', () => {
  it('when the shift closes as the cash is handed in, no drawer took it: the orders are owed again, not settled into nothing', async () => {
    const here = key('hand-in');
    let closeFirst = true;
    const counter: Runtime = till(config, {
      terminalId: 'T8',
      wrapDb: (doc) =>
        aroundSend(doc, async (command, real) => {
          const input = (command as { input?: { UpdateExpression?: string } }).input;
          // Another manager closes this till's shift while the hand-in is marking the orders.
          if (closeFirst && input?.UpdateExpression?.includes('delivery.settledAt = :at')) {
            closeFirst = false;
            await ok(counter.dispatch('shift.close', { count: { totalCents: 10_000 }, reason: 'End of day' }, here));
          }
          return real(command);
        }),
    });
    await ok(counter.dispatch('auth.signIn', { email: DEMO.manager, password: DEMO.password }, here));
    await ok(counter.dispatch('shift.open', { float: { totalCents: 10_000 } }, here));
    const order = await placed(cart({ fulfilment: { ...ada, payOnDelivery: true }, tenders: [] }));
    for (const from of ['placed', 'preparing'] as const) await ok(runtime.dispatch('orders.advance', { orderId: order.orderId, from }, barista));
    for (const [action, extra] of [['claim', {}], ['out', {}], ['delivered', { cashCents: 540 }]] as const) await ok(runtime.dispatch('delivery.move', { orderId: order.orderId, action, ...extra }, sam));
    const samId = (await ok(runtime.dispatch('orders.get', { orderId: order.orderId }, barista))).delivery!.shipper!.userId;
    const owedBefore = (await ok(counter.dispatch('delivery.owed', {}, here))).find((r) => r.userId === samId)!.owedCents;
    expect(owedBefore).toBeGreaterThanOrEqual(540);

    expect(await counter.dispatch('delivery.settle', { shipperId: samId }, here)).toMatchObject({ ok: false, error: { code: 'CONFLICT', message: 'No shift is open on this till. Open one with its float first.' } });
    expect((await ok(counter.dispatch('delivery.owed', {}, here))).find((r) => r.userId === samId)?.owedCents).toBe(owedBefore);
    expect((await ok(runtime.dispatch('orders.get', { orderId: order.orderId }, barista))).delivery?.settledAt).toBeUndefined();
    // Opened again, the drawer takes it in.
    await ok(counter.dispatch('shift.open', { float: { totalCents: 10_000 } }, here));
    expect(await ok(counter.dispatch('delivery.settle', { shipperId: samId }, here))).toMatchObject({ settledCents: owedBefore });
  });
});

describe('a claim made offline', () => {
  it('is journaled on the shipper’s till and decided when it syncs: the claim that reached DynamoDB first stands', async () => {
    const cable = { cut: false };
    const shipperTill = till(config, { terminalId: 'T5', wrapDb: (doc) => unplugged(doc, cable) });
    const samHere = key('sam-offline');
    expect((await shipperTill.dispatch('auth.signIn', { email: DEMO.sam, password: DEMO.password }, samHere)).ok).toBe(true);
    const order = await placed(cart());
    for (const from of ['placed', 'preparing'] as const) expect((await runtime.dispatch('orders.advance', { orderId: order.orderId, from }, barista)).ok).toBe(true);
    const seen = await shipperTill.dispatch('delivery.list', {}, samHere);
    expect(seen.ok && seen.data.some((d) => d.orderId === order.orderId)).toBe(true);

    cable.cut = true;
    // Offline, Sam's claim is taken on his till at once...
    expect(await shipperTill.dispatch('delivery.move', { orderId: order.orderId, action: 'claim' }, samHere)).toMatchObject({ ok: true, data: { status: 'claimed', shipper: { name: 'Sam Ortiz' } } });
    expect(shipperTill.sync.status().pendingMoves).toBe(1);
    // The sync panel says why it is still waiting, though no order is.
    await expect.poll(() => shipperTill.sync.status().lastError ?? '').toMatch(/^Can’t send them/);
    const offlineList = await shipperTill.dispatch('delivery.list', {}, samHere);
    expect(offlineList.ok && offlineList.data.find((d) => d.orderId === order.orderId)).toMatchObject({ status: 'claimed' });
    // ...while Alex, online at another till, claims it for real.
    expect((await runtime.dispatch('delivery.move', { orderId: order.orderId, action: 'claim' }, alex)).ok).toBe(true);

    cable.cut = false;
    await shipperTill.dispatch('sync.now', {}, samHere);
    // Only a shipper is on this till: its delivery steps go out as them (the till's own id claim waits for a barista).
    await expect.poll(() => shipperTill.sync.localDeliveries().filter((m) => m.state === 'pending').length).toBe(0);
    const stored = await runtime.dispatch('orders.get', { orderId: order.orderId }, barista);
    expect(stored.ok && stored.data.delivery).toMatchObject({ status: 'claimed', shipper: { name: 'Alex Kim' } });
    expect(stored.ok && stored.data.delivery?.history).toHaveLength(1);
    const parked = shipperTill.sync.localDeliveries();
    expect(parked).toMatchObject([{ orderId: order.orderId, state: 'parked', problem: `Alex Kim already has ${order.ticket}. This till’s step, made offline, was left out.` }]);
    const after = await shipperTill.dispatch('delivery.list', {}, samHere);
    expect(after.ok && after.data.find((d) => d.orderId === order.orderId)).toMatchObject({ status: 'claimed', shipper: { name: 'Alex Kim' } });
  });

  it('goes out with the credentials of the shipper who made it, though a barista signed in first', async () => {
    const cable = { cut: false };
    const calls: AwsCall[] = [];
    const counterTill = till(config, {
      terminalId: 'T7',
      wrapDb: (doc) => unplugged(doc, cable),
      recordCalls: (call) => {
        calls.push(call);
        recordCalls(call);
      },
    });
    const jamieHere = key('jamie-counter');
    const alexHere = key('alex-counter');
    expect((await counterTill.dispatch('auth.signIn', { email: DEMO.barista, password: DEMO.password }, jamieHere)).ok).toBe(true);
    expect((await counterTill.dispatch('auth.signIn', { email: DEMO.shipper, password: DEMO.password }, alexHere)).ok).toBe(true);
    const order = await placed(cart());
    for (const from of ['placed', 'preparing'] as const) expect((await runtime.dispatch('orders.advance', { orderId: order.orderId, from }, barista)).ok).toBe(true);
    const seen = await counterTill.dispatch('delivery.list', {}, alexHere);
    expect(seen.ok && seen.data.some((d) => d.orderId === order.orderId)).toBe(true);
    cable.cut = true;
    expect(await counterTill.dispatch('delivery.move', { orderId: order.orderId, action: 'claim' }, alexHere)).toMatchObject({ ok: true, data: { status: 'claimed' } });
    cable.cut = false;
    await counterTill.dispatch('sync.now', {}, alexHere);
    await expect.poll(() => counterTill.sync.localDeliveries().filter((m) => m.state === 'pending').length).toBe(0);
    const sent = calls.filter((c) => c.via === 'sync worker' && c.command === 'UpdateItem' && JSON.stringify(c.input).includes(order.orderId));
    expect(sent.map((c) => c.role)).toEqual(['Shipper']);
    const stored = await runtime.dispatch('orders.get', { orderId: order.orderId }, barista);
    expect(stored.ok && stored.data.delivery).toMatchObject({ status: 'claimed', shipper: { name: 'Alex Kim' } });
  });

  it('an offline step that nobody overtook lands when the till is back', async () => {
    const cable = { cut: false };
    const shipperTill = till(config, { terminalId: 'T6', wrapDb: (doc) => unplugged(doc, cable) });
    const alexHere = key('alex-offline');
    expect((await shipperTill.dispatch('auth.signIn', { email: DEMO.shipper, password: DEMO.password }, alexHere)).ok).toBe(true);
    const order = await placed(cart());
    for (const from of ['placed', 'preparing'] as const) expect((await runtime.dispatch('orders.advance', { orderId: order.orderId, from }, barista)).ok).toBe(true);
    expect((await shipperTill.dispatch('delivery.move', { orderId: order.orderId, action: 'claim' }, alexHere)).ok).toBe(true);
    cable.cut = true;
    expect(await shipperTill.dispatch('delivery.move', { orderId: order.orderId, action: 'out' }, alexHere)).toMatchObject({ ok: true, data: { status: 'out' } });
    cable.cut = false;
    await shipperTill.dispatch('sync.now', {}, alexHere);
    // Only a shipper is on this till: its delivery steps go out as them (the till's own id claim waits for a barista).
    await expect.poll(() => shipperTill.sync.localDeliveries().filter((m) => m.state === 'pending').length).toBe(0);
    const stored = await runtime.dispatch('orders.get', { orderId: order.orderId }, barista);
    expect(stored.ok && stored.data.delivery).toMatchObject({ status: 'out', shipper: { name: 'Alex Kim' } });
    expect(shipperTill.sync.status().pendingMoves).toBe(0);
  });

  it('an order cancelled while its shipper is out takes no cash from a Delivered step made offline: the step is left out, saying why', async () => {
    const cable = { cut: false };
    const shipperTill = till(config, { terminalId: 'T7', wrapDb: (doc) => unplugged(doc, cable) });
    const alexHere = key('alex-cancelled');
    await ok(shipperTill.dispatch('auth.signIn', { email: DEMO.shipper, password: DEMO.password }, alexHere));
    const order = await placed(cart({ fulfilment: { ...ada, payOnDelivery: true }, tenders: [] }));
    for (const from of ['placed', 'preparing'] as const) await ok(runtime.dispatch('orders.advance', { orderId: order.orderId, from }, barista));
    await ok(shipperTill.dispatch('delivery.move', { orderId: order.orderId, action: 'claim' }, alexHere));
    await ok(shipperTill.dispatch('delivery.move', { orderId: order.orderId, action: 'out' }, alexHere));
    // Alex is out of signal at the door; the customer had already rung the café to call it off.
    cable.cut = true;
    expect(await shipperTill.dispatch('delivery.move', { orderId: order.orderId, action: 'delivered', cashCents: 540 }, alexHere)).toMatchObject({ ok: true, data: { status: 'delivered' } });
    const cancelled = await ok(runtime.dispatch('orders.cancel', { orderId: order.orderId, reason: 'Customer called to cancel' }, manager));
    expect(cancelled.delivery).toMatchObject({ status: 'cancelled', shipper: { name: 'Alex Kim' } });
    // The shipper's list says it is called off instead of dropping it.
    expect((await ok(runtime.dispatch('delivery.list', {}, alex))).find((d) => d.orderId === order.orderId)).toMatchObject({ status: 'cancelled' });

    cable.cut = false;
    await shipperTill.dispatch('sync.now', {}, alexHere);
    await expect.poll(() => shipperTill.sync.localDeliveries().filter((m) => m.state === 'pending').length).toBe(0);
    const step = shipperTill.sync.localDeliveries().find((m) => m.orderId === order.orderId && m.action === 'delivered');
    expect(step).toMatchObject({ state: 'parked', problem: `${order.ticket} is cancelled: it can’t be marked “Delivered” now. This till’s step, made offline, was left out.` });
    const stored = await ok(runtime.dispatch('orders.get', { orderId: order.orderId }, barista));
    expect(stored.delivery).toMatchObject({ status: 'cancelled' });
    expect(stored.delivery?.cashCollectedCents).toBeUndefined();
    const owed = await ok(runtime.dispatch('delivery.owed', {}, barista));
    expect(owed.find((r) => r.name === 'Alex Kim')?.owedCents ?? 0).toBe(0);
  });

  it('a cash-on-delivery order cancelled before the shipper collects gives nothing back, leaves the shippers’ list and takes nothing', async () => {
    const today = new Date().toLocaleDateString('sv-SE');
    const takings = async () => {
      const report = await runtime.dispatch('reports.sales', { from: today, to: today }, manager);
      if (!report.ok) throw new Error(report.error.message);
      const { tenders, netSalesCents, taxCents } = report.data.report;
      return { onDelivery: tenders.find((t) => t.kind === 'cashOnDelivery')?.netCents ?? 0, sales: netSalesCents + taxCents, tenders: tenders.reduce((sum, t) => sum + t.netCents, 0) };
    };
    const before = await takings();
    const cod = await placed(cart({ fulfilment: { ...ada, payOnDelivery: true }, tenders: [] }));
    expect((await takings()).onDelivery).toBe(before.onDelivery + cod.totalCents);
    expect((await ok(runtime.dispatch('delivery.list', {}, alex))).some((d) => d.orderId === cod.orderId)).toBe(true);
    // Nothing was paid: a refund tender is refused, by name.
    const withBack = await runtime.dispatch('orders.cancel', { orderId: cod.orderId, reason: 'Customer called to cancel', back: [{ kind: 'cash', amountCents: cod.totalCents }] }, manager);
    expect(withBack).toMatchObject({ ok: false, error: { code: 'VALIDATION', message: 'Nothing has been paid for this delivery yet (cash on delivery), so nothing goes back.' } });
    const cancelled = await ok(runtime.dispatch('orders.cancel', { orderId: cod.orderId, reason: 'Customer called to cancel' }, manager));
    expect(cancelled).toMatchObject({ status: 'cancelled', refundedCents: cod.totalCents });
    expect(cancelled.refunds.at(-1)).toMatchObject({ amountCents: cod.totalCents, tenders: [] });
    expect(cancelled.refunds.at(-1)).not.toHaveProperty('shiftId');
    const list = await ok(runtime.dispatch('delivery.list', {}, alex));
    expect(list.some((d) => d.orderId === cod.orderId)).toBe(false);
    // The day's takings are as before the order: no cash on delivery expected, and the tenders still add up.
    const after = await takings();
    expect(after.onDelivery).toBe(before.onDelivery);
    expect(after.tenders).toBe(after.sales);
  });
});
