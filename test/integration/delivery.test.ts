import { randomBytes } from 'node:crypto';
import { ulid } from 'ulid';
import { beforeAll, describe, expect, it } from 'vitest';
import type { CheckoutInput } from '../../src/shared/contract';
import type { Order } from '../../src/shared/orders';
import type { BackendConfig } from '../../src/main/config';
import type { Runtime } from '../../src/main/runtime';
import { DEMO, freshCafe, till } from './helpers';

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
  for (const [who, email] of [
    [barista, DEMO.barista],
    [manager, DEMO.manager],
    [alex, DEMO.shipper],
    [sam, DEMO.sam],
  ] as const) {
    expect((await runtime.dispatch('auth.signIn', { email, password: DEMO.password }, who)).ok).toBe(true);
  }
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
