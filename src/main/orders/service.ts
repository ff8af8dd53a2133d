import { GetCommand, UpdateCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { CheckoutInput } from '../../shared/contract';
import { atTime, type ShopSettings } from '../../shared/menu';
import { formatCents } from '../../shared/money';
import {
  boardOrder,
  businessDateOf,
  NEXT_STATUS,
  STATUS_LABEL,
  newOrder,
  summarize,
  type Order,
  type OrderLine,
  type OrderStatus,
  type OrderSummary,
  type DiscountApproval,
} from '../../shared/orders';
import { discretionaryCents, needsApproval, orderTotals, priceLine, PricingError, settle } from '../../shared/pricing';
import { AppError } from '../../shared/result';
import type { StaffSession } from '../auth/service';
import { queryAll } from '../data/client';
import { INDEX, type TableNames } from '../data/schema';
import type { LoyaltyService } from '../loyalty/service';
import type { Catalogue, CatalogueProduct } from '../menu/catalogue';
import { isNetworkError, type Connectivity } from '../sync/connectivity';
import { counterKey, statusUpdate, type SyncService } from '../sync/service';
import type { ShiftService } from '../shifts/service';
import type { ApprovalStore } from './approvals';
import { createRefunds } from './refunds';
import { stampOf } from './stamp';

/** How long a sale with a reward waits for the cloud to confirm the points before answering anyway. */
const REWARD_WAIT_MS = 5_000;
/** How long a change to a just-rung order waits for it to reach the cloud. */
const LANDING_WAIT_MS = 3_000;
/**
 * How far before `since` a board's refresh reads again: the change index lags the table (usually
 * well under a second) and each till stamps its writes with its own clock. A change is read again
 * by each refresh in this window; the renderer keeps the higher version.
 */
export const BOARD_OVERLAP_MS = 30_000;

export interface OrdersDeps {
  doc: DynamoDBDocumentClient;
  sync: SyncService;
  connectivity: Connectivity;
  tables: TableNames;
  catalogue: Catalogue;
  loyalty: LoyaltyService;
  approvals: ApprovalStore;
  /** This till's shift: cash needs one open, and a sale belongs to the one open. */
  shifts: ShiftService;
  /** This till's id on tickets now (a manager can change it). */
  terminalId: () => string;
  now?: () => Date;
}

export { stampOf } from './stamp';

function isConditionalFailure(error: unknown): boolean {
  return (error as { name?: string })?.name === 'ConditionalCheckFailedException';
}

/** A reward the customer's points can't cover; nothing was taken. */
function notEnoughPoints(name: string, has: number, needed: number): AppError {
  return new AppError('INSUFFICIENT_POINTS', `${name} now has ${has} points, not enough for ${needed}. Nothing was charged: remove the reward and try again.`, {
    fields: [{ path: 'redeemBlocks', message: 'Not enough points.' }],
  });
}

/** A line as the barista saw it and what main charges for it must agree to the cent. */
function staleLineMessage(name: string, seen: number, now: number, currency: string, locale: string): string {
  return `The price of ${name} is now ${formatCents(now, currency, locale)}, not ${formatCents(seen, currency, locale)}. Check the order and charge it again.`;
}

export function createOrdersService({ doc, sync, connectivity, tables, catalogue, loyalty, approvals, shifts, terminalId, now = () => new Date() }: OrdersDeps) {

  async function getOrder(orderId: string): Promise<Order | null> {
    const { Item } = await doc.send(new GetCommand({ TableName: tables.Orders, Key: { orderId }, ConsistentRead: true }));
    return Item && Item.ticket ? (Item as Order) : null;
  }

  async function mustGetOrder(orderId: string): Promise<Order> {
    // An order rung up a moment ago may still be on its way: give it a moment to land.
    if (sync.local(orderId)?.state === 'pending' && connectivity.online) await sync.outcome(orderId, LANDING_WAIT_MS);
    const order = await getOrder(orderId);
    if (order) return order;
    const local = sync.local(orderId);
    if (local) {
      throw new AppError('CONFLICT', `Ticket ${local.order.ticket} hasn’t reached the cloud yet${local.state === 'parked' ? ': it is parked, see the sync panel' : ''}. It can be changed once it has synced.`);
    }
    throw new AppError('NOT_FOUND', 'That order doesn’t exist. It may be on another day’s board.');
  }

  const refunds = createRefunds({ doc, tables, shifts, shop: async () => (await catalogue.pricing([])).shop, mustGetOrder, now });

  /** Recomputes the whole order from the catalogue; the renderer's figures are only checked against it. */
  function price(input: CheckoutInput, shop: ShopSettings, at: Date, cached: Map<string, CatalogueProduct>) {
    const products = cached;
    const lines: OrderLine[] = input.lines.map((line, index) => {
      const product = products.get(line.productId);
      if (!product || product.menuStatus !== 'ACTIVE') {
        throw new AppError('NOT_FOUND', `An item in this order is no longer on the menu. Remove it and try again.`, {
          fields: [{ path: `lines.${index}.productId`, message: 'No longer on the menu.' }],
        });
      }
      if (!product.available) {
        throw new AppError('CONFLICT', `${product.name} is sold out. Remove it from the order.`, {
          fields: [{ path: `lines.${index}.productId`, message: 'Sold out.' }],
        });
      }
      let priced;
      try {
        priced = priceLine({ product: atTime(product, at.getTime()), quantity: line.quantity, selection: line.selection, discount: line.discount });
      } catch (error) {
        if (error instanceof PricingError) {
          throw new AppError('VALIDATION', error.message, { fields: [{ path: `lines.${index}.${error.field}`, message: error.message }] });
        }
        throw error;
      }
      if (priced.unitPriceCents !== line.unitPriceCents) {
        throw new AppError('CONFLICT', staleLineMessage(product.name, line.unitPriceCents, priced.unitPriceCents, shop.currency, shop.locale), {
          fields: [{ path: `lines.${index}.unitPriceCents`, message: 'Price changed.' }],
        });
      }
      return {
        lineId: String(index + 1),
        ...priced,
        ...(line.note && { note: line.note }),
        ...(line.discount && { discount: line.discount }),
        refundedQuantity: 0,
      };
    });
    const rewardValue = (input.redeemBlocks ?? 0) * shop.loyalty.redeemBlockValueCents;
    // The fee is the shop's, read here: the till's screen shows it but never sets it.
    const fee = input.fulfilment?.type === 'delivery' ? { cents: shop.delivery?.feeCents ?? 0, taxed: shop.delivery?.taxed ?? false } : undefined;
    const totals = orderTotals(lines, input.orderDiscount, { rateBps: shop.taxRateBps, inclusive: shop.taxInclusive }, rewardValue, fee);
    if (totals.rewardCents < rewardValue) {
      throw new AppError('VALIDATION', `A reward can’t be more than the order: this one is ${formatCents(totals.netCents + totals.rewardCents, shop.currency, shop.locale)} before tax.`, {
        fields: [{ path: 'redeemBlocks', message: 'Too many rewards for this order.' }],
      });
    }
    if (totals.totalCents !== input.expectedTotalCents) {
      throw new AppError(
        'CONFLICT',
        `The total is now ${formatCents(totals.totalCents, shop.currency, shop.locale)}, not ${formatCents(input.expectedTotalCents, shop.currency, shop.locale)}. Check the order and charge it again.`,
      );
    }
    return { lines, totals, products: [...products.values()].filter((p) => input.lines.some((l) => l.productId === p.productId)) };
  }

  /** The same order id twice (a double tap, a retry) gets the first order back, never a second one. */
  function sameOrderAgain(existing: Order, session: StaffSession, input: CheckoutInput): Order {
    const sameCart =
      existing.createdBy.userId === session.sub &&
      existing.lines.length === input.lines.length &&
      existing.lines.every((l, i) => l.productId === input.lines[i]!.productId && l.quantity === input.lines[i]!.quantity);
    if (!sameCart) throw new AppError('CONFLICT', 'This order number was already used for another order. Start the order again.');
    return existing;
  }

  async function cloudSequence(businessDate: string): Promise<number> {
    const { Item } = await doc.send(new GetCommand({ TableName: tables.Orders, Key: { orderId: counterKey(terminalId(), businessDate) }, ConsistentRead: true }));
    return typeof Item?.seq === 'number' ? Item.seq : 0;
  }

  /** A reward spends points the cloud holds: check the live balance, less what this till has promised but not sent. */
  async function checkRedeemable(customerId: string, points: number): Promise<void> {
    const offline = new AppError(
      'OFFLINE',
      'Rewards need the customer’s live points balance, and this till can’t reach the database right now. Take the order without the reward: the points it earns are added once the till is back online.',
      { fields: [{ path: 'redeemBlocks', message: 'Rewards need the connection.' }] },
    );
    if (!connectivity.online) throw offline;
    let live;
    try {
      live = await loyalty.get(customerId);
    } catch (error) {
      if (isNetworkError(error)) throw offline;
      throw error;
    }
    const spendable = live.points - sync.unsentRedemptions(customerId);
    if (spendable < points) {
      throw notEnoughPoints(live.name, spendable, points);
    }
  }

  /**
   * Prices the order from this till's catalogue, saves it to the journal and answers: the database
   * is written by the sync worker, so a sale never waits for (or fails with) the network. Only a
   * reward waits for the cloud, because only the cloud knows the live balance.
   */
  async function place(input: CheckoutInput, session: StaffSession, sessionKey: string): Promise<Order> {
    const ids = input.lines.map((l) => l.productId);
    const [first, customer] = await Promise.all([
      catalogue.pricing(ids),
      input.customerId ? loyalty.customerForOrder(input.customerId) : Promise.resolve(null),
    ]);
    const at = now();
    const businessDate = businessDateOf(at);
    const stamp = stampOf(session);
    let priced: ReturnType<typeof price>;
    let shop = first.shop;
    try {
      priced = price(input, shop, at, first.products);
    } catch (error) {
      // This till's copy may be older than what the barista sees (a price change, an item back in
      // stock): before refusing, price once more from the database itself.
      if (!(error instanceof AppError) || !['CONFLICT', 'NOT_FOUND'].includes(error.code) || !connectivity.online) throw error;
      const fresh = await catalogue.pricing(ids, true);
      shop = fresh.shop;
      priced = price(input, shop, at, fresh.products);
    }
    const { lines, totals } = priced;

    let approval: DiscountApproval | undefined;
    if (needsApproval(totals, shop.discountApprovalThresholdBps) && session.role !== 'Admin') {
      approval = approvals.check(
        input.approvalId,
        sessionKey,
        // The reward is the customer's, not staff's: an approval covers what staff took off.
        { orderId: input.orderId, discountCents: discretionaryCents(totals) },
        `A discount over ${shop.discountApprovalThresholdBps / 100}% needs a manager’s approval.`,
        (cents) => formatCents(cents, shop.currency, shop.locale),
      );
    }

    // Cash on delivery is paid to the shipper at the door (src/main/delivery records it).
    const payOnDelivery = input.fulfilment?.type === 'delivery' && input.fulfilment.payOnDelivery === true;
    // Only a $0.00 order (a full comp, a reward covering it) goes through with no payment.
    if (input.tenders.length === 0 && totals.totalCents > 0 && !payOnDelivery) throw new AppError('VALIDATION', 'Add a payment.', { fields: [{ path: 'tenders', message: 'Add a payment.' }] });
    let settlement;
    try {
      settlement = settle(totals.totalCents, input.tenders);
    } catch (error) {
      if (error instanceof PricingError) throw new AppError('VALIDATION', error.message, { fields: [{ path: error.field, message: error.message }] });
      throw error;
    }
    if (!settlement.covered && !payOnDelivery) {
      throw new AppError(
        'VALIDATION',
        `Payments are ${formatCents(settlement.dueCents, shop.currency, shop.locale)} short of the ${formatCents(totals.totalCents, shop.currency, shop.locale)} total.`,
        { fields: [{ path: 'tenders', message: 'Not enough paid.' }] },
      );
    }

    const pointsRedeemed = customer ? (input.redeemBlocks ?? 0) * shop.loyalty.redeemBlockPoints : 0;
    if (customer && pointsRedeemed > 0) await checkRedeemable(customer.userId, pointsRedeemed);

    // Cash goes into this till's drawer: the payment step's float opens a shift if none is.
    const shiftId = await shifts.forSale(input.tenders, input.openShift, session);
    const seq = await sync.reserveSequence(businessDate, () => cloudSequence(businessDate));
    const sale = newOrder({
      orderId: input.orderId,
      terminalId: terminalId(),
      seq,
      at,
      by: stamp,
      lines,
      totals,
      shop,
      tenders: input.tenders,
      settlement,
      ...(input.orderDiscount && { orderDiscount: input.orderDiscount }),
      ...(input.discountReason && { discountReason: input.discountReason }),
      ...(approval && { approval }),
      customer,
      pointsRedeemed,
      ...(input.fulfilment && { fulfilment: input.fulfilment }),
    });
    const order = shiftId ? { ...sale, shiftId } : sale;
    try {
      // A reward waits below for the cloud's word on the points: until then, a refusal withdraws the sale.
      await sync.commit(order, seq, { hold: pointsRedeemed > 0 });
    } catch (error) {
      throw new AppError('INTERNAL', `This till couldn’t save the order to its disk (${(error as Error).message}). It was not taken: nothing was charged.`);
    }
    if (approval && input.approvalId) approvals.consume(input.approvalId);
    if (pointsRedeemed > 0) {
      // Another till may have spent the same points a moment ago: the cloud's answer decides.
      const outcome = await sync.outcome(order.orderId, REWARD_WAIT_MS);
      if (outcome.state === 'parked') {
        await sync.withdraw(order.orderId, outcome.reason ?? 'Not enough points for the reward.');
        const current = await loyalty.get(customer!.userId);
        throw notEnoughPoints(current.name, current.points, pointsRedeemed);
      }
    }
    return order;
  }

  /** Checkouts in progress by order id, so a double submit waits for the first instead of racing it. */
  const placing = new Map<string, Promise<Order>>();

  /** What a board or a lookup shows for an order that so far exists only on this till. */
  function localSummary(entry: { order: Order; state: string; unsent: boolean }): OrderSummary {
    return { ...summarize(entry.order), ...(entry.unsent && { sync: entry.state === 'parked' ? 'parked' : 'pending' }) };
  }

  return {
    async getOrder(orderId: string): Promise<Order> {
      const local = sync.local(orderId);
      if (local && (local.unsent || !connectivity.online)) return local.order;
      try {
        return await mustGetOrder(orderId);
      } catch (error) {
        if (local && isNetworkError(error)) return local.order;
        throw error;
      }
    },

    async checkout(input: CheckoutInput, session: StaffSession, sessionKey: string): Promise<Order> {
      const earlier = placing.get(input.orderId);
      if (earlier) {
        const existing = await earlier.catch(() => null);
        if (existing) return sameOrderAgain(existing, session, input);
      }
      const local = sync.local(input.orderId);
      if (local) return sameOrderAgain(local.order, session, input);
      const attempt = place(input, session, sessionKey);
      placing.set(input.orderId, attempt);
      try {
        return await attempt;
      } catch (error) {
        // A retry of an order that reached the cloud from elsewhere gets that order back, not an error.
        if (error instanceof AppError && connectivity.online && error.code !== 'INSUFFICIENT_POINTS') {
          const existing = await getOrder(input.orderId).catch(() => null);
          if (existing) return sameOrderAgain(existing, session, input);
        }
        throw error;
      } finally {
        placing.delete(input.orderId);
      }
    },

    /**
     * One business day's orders, oldest first, for the order board: the cloud's, plus this till's
     * orders not sent yet. Offline, this till's own orders as it last knew them. With `since` (when
     * the board last asked), only what changed from then on, plus this till's unsent orders: a
     * refresh then costs what changed, not the whole day.
     */
    async board(businessDate = businessDateOf(now()), since?: string): Promise<OrderSummary[]> {
      const local = sync.localOrders(businessDate);
      const offlineBoard = () => local.map(localSummary).toSorted(boardOrder);
      if (!connectivity.online) return offlineBoard();
      let orders: Order[];
      try {
        orders = await queryAll<Order>(
          doc,
          since
            ? {
                TableName: tables.Orders,
                IndexName: INDEX.ordersByChange,
                KeyConditionExpression: 'businessDate = :date AND updatedAt >= :from',
                ExpressionAttributeValues: { ':date': businessDate, ':from': new Date(Date.parse(since) - BOARD_OVERLAP_MS).toISOString() },
              }
            : {
                TableName: tables.Orders,
                IndexName: INDEX.ordersByDate,
                KeyConditionExpression: 'businessDate = :date',
                ExpressionAttributeValues: { ':date': businessDate },
              },
        );
      } catch (error) {
        if (isNetworkError(error)) return offlineBoard();
        throw error;
      }
      // This till's word wins for what the cloud doesn't have yet: new orders, and moves on the board.
      const unsent = new Map(local.filter((entry) => entry.unsent).map((entry) => [entry.order.orderId, localSummary(entry)]));
      const fromCloud = orders.map((o) => unsent.get(o.orderId) ?? summarize(o));
      const cloudIds = new Set(orders.map((o) => o.orderId));
      return [...fromCloud, ...[...unsent.values()].filter((o) => !cloudIds.has(o.orderId))].toSorted(boardOrder);
    },

    async advance(orderId: string, from: OrderStatus, session: StaffSession): Promise<OrderSummary> {
      const to = NEXT_STATUS[from];
      if (!to) throw new AppError('VALIDATION', `A ${STATUS_LABEL[from].toLowerCase()} order can’t move forward.`);
      const local = sync.local(orderId);
      // This till's own orders move on the board even when the cloud can't be reached (or doesn't
      // have them yet): the move is journaled and sent after the order.
      const moveLocally = async () => {
        await sync.move(orderId, from, to, stampOf(session));
        return localSummary(sync.local(orderId)!);
      };
      if (local && (local.unsent || !connectivity.online)) return moveLocally();
      const change = { status: to, at: now().toISOString(), by: stampOf(session) };
      try {
        const { Attributes } = await doc.send(
          new UpdateCommand({ ...statusUpdate(tables, orderId, from, change), ReturnValues: 'ALL_NEW' }),
        );
        return summarize(Attributes as Order);
      } catch (error) {
        if (local && isNetworkError(error)) return moveLocally();
        if (!isConditionalFailure(error)) throw error;
        const current = await mustGetOrder(orderId);
        throw new AppError('CONFLICT', `Ticket ${current.ticket} is already ${STATUS_LABEL[current.status].toLowerCase()}.`);
      }
    },

    cancel: refunds.cancel,
    refund: refunds.refund,
  };
}
export type OrdersService = ReturnType<typeof createOrdersService>;
