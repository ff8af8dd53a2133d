import type { Order, OrderLine } from '../../src/shared/orders';

export const SAMPLE_STAFF = { userId: 'u1', name: 'Jamie Cruz', email: 'barista@coffeecloud.dev' };

export const LATTE_LARGE_OAT: OrderLine = {
  lineId: 'l1',
  productId: 'latte',
  name: 'Latte',
  basePriceCents: 450,
  quantity: 1,
  unitPriceCents: 610,
  modifiers: [
    { groupId: 'size', groupName: 'Size', optionId: 'large', optionName: 'Large', priceDeltaCents: 100 },
    { groupId: 'milk', groupName: 'Milk', optionId: 'oat', optionName: 'Oat', priceDeltaCents: 60 },
  ],
  grossCents: 610,
  discountCents: 0,
  netCents: 610,
  refundedQuantity: 0,
};

export const ESPRESSO: OrderLine = {
  lineId: 'l2',
  productId: 'espresso',
  name: 'Espresso',
  basePriceCents: 300,
  quantity: 1,
  unitPriceCents: 300,
  modifiers: [],
  grossCents: 300,
  discountCents: 0,
  netCents: 300,
  refundedQuantity: 0,
};

/** The demo sale (Latte Large Oat + Espresso, $9.83, $20 cash) as an order, for tests that need one without a database. */
export function sampleOrder(overrides: Partial<Order> = {}): Order {
  const at = '2026-12-01T09:30:00.000Z';
  return {
    orderId: '01JDEMO0000000000000000000',
    ticket: 'T1-042',
    terminalId: 'T1',
    businessDate: '2026-12-01',
    createdAt: at,
    createdBy: SAMPLE_STAFF,
    status: 'placed',
    statusHistory: [{ status: 'placed', at, by: SAMPLE_STAFF }],
    lines: [LATTE_LARGE_OAT, ESPRESSO],
    subtotalCents: 910,
    discountCents: 0,
    taxRateBps: 800,
    taxInclusive: false,
    taxCents: 73,
    totalCents: 983,
    tenders: [{ kind: 'cash', amountCents: 2000, changeCents: 1017 }],
    paidCents: 2000,
    changeCents: 1017,
    refunds: [],
    refundedCents: 0,
    version: 1,
    ...overrides,
  };
}
