import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import {
  GetCommand,
  TransactWriteCommand,
  UpdateCommand,
  type DynamoDBDocumentClient,
} from '@aws-sdk/lib-dynamodb';
import { randomBytes } from 'node:crypto';
import type { CheckoutInput } from '../../shared/contract';
import { atTime, type ShopSettings } from '../../shared/menu';
import { formatCents } from '../../shared/money';
import {
  businessDateOf,
  lineAllocations,
  lineRefundCents,
  NEXT_STATUS,
  pointsReversal,
  STATUS_LABEL,
  summarize,
  ticketNumber,
  type Order,
  type OrderLine,
  type OrderStatus,
  type OrderSummary,
  type Refund,
  type StaffStamp,
} from '../../shared/orders';
import { needsApproval, orderTotals, priceLine, PricingError, settle } from '../../shared/pricing';
import { pointsEarned } from '../../shared/customers';
import { AppError } from '../../shared/result';
import type { StaffSession } from '../auth/service';
import { queryAll } from '../data/client';
import { INDEX, MENU_ACTIVE, SETTINGS_ID, type TableNames } from '../data/schema';
import { pointsItems, type LoyaltyService, type PointsChange } from '../loyalty/service';
import type { Catalogue, CatalogueProduct } from '../menu/catalogue';
import type { ApprovalStore } from './approvals';

export interface OrdersDeps {
  doc: DynamoDBDocumentClient;
  tables: TableNames;
  catalogue: Catalogue;
  loyalty: LoyaltyService;
  approvals: ApprovalStore;
  terminalId: string;
  now?: () => Date;
}

export function stampOf(session: { sub: string; name: string; email: string }): StaffStamp {
  return { userId: session.sub, name: session.name, email: session.email };
}

function conditionFailed(error: unknown, index: number): boolean {
  return error instanceof TransactionCanceledException && error.CancellationReasons?.[index]?.Code === 'ConditionalCheckFailed';
}

function isConditionalFailure(error: unknown): boolean {
  return (error as { name?: string })?.name === 'ConditionalCheckFailedException';
}

/** A line as the barista saw it and what main charges for it must agree to the cent. */
function staleLineMessage(name: string, seen: number, now: number, currency: string, locale: string): string {
  return `The price of ${name} is now ${formatCents(now, currency, locale)}, not ${formatCents(seen, currency, locale)}. Check the order and charge it again.`;
}

export function createOrdersService({ doc, tables, catalogue, loyalty, approvals, terminalId, now = () => new Date() }: OrdersDeps) {
  /** This terminal's last ticket number per business day; only this terminal writes its counter. */
  const lastSequence = new Map<string, number | null>();

  async function getOrder(orderId: string): Promise<Order | null> {
    const { Item } = await doc.send(new GetCommand({ TableName: tables.Orders, Key: { orderId }, ConsistentRead: true }));
    return Item && Item.ticket ? (Item as Order) : null;
  }

  async function mustGetOrder(orderId: string): Promise<Order> {
    const order = await getOrder(orderId);
    if (!order) throw new AppError('NOT_FOUND', 'That order doesn’t exist. It may be on another day’s board.');
    return order;
  }

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
    const totals = orderTotals(lines, input.orderDiscount, { rateBps: shop.taxRateBps, inclusive: shop.taxInclusive }, rewardValue);
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

  async function nextSequence(businessDate: string): Promise<{ seq: number; counterKey: string; seen: number | null }> {
    const counterKey = `#COUNTER#${terminalId}#${businessDate}`;
    if (!lastSequence.has(counterKey)) {
      const { Item } = await doc.send(new GetCommand({ TableName: tables.Orders, Key: { orderId: counterKey }, ConsistentRead: true }));
      lastSequence.set(counterKey, typeof Item?.seq === 'number' ? Item.seq : null);
    }
    const seen = lastSequence.get(counterKey) ?? null;
    return { seq: (seen ?? 0) + 1, counterKey, seen };
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

  async function place(input: CheckoutInput, session: StaffSession, sessionKey: string): Promise<Order> {
    const ids = input.lines.map((l) => l.productId);
    const [first, customer] = await Promise.all([
      catalogue.pricing(ids),
      input.customerId ? loyalty.storedCustomer(input.customerId) : Promise.resolve(null),
    ]);
    let { shop, products: cached } = first;
    let fresh = false;
    const at = now();
    const businessDate = businessDateOf(at);
    const stamp = stampOf(session);
    for (let attempt = 0; attempt < 8; attempt++) {
      let priced: ReturnType<typeof price>;
      try {
        priced = price(input, shop, at, cached);
      } catch (error) {
        // Main's cache may be older than what the barista sees (a price change, an item back in
        // stock): before refusing, price once more from the database itself.
        if (fresh || !(error instanceof AppError) || !['CONFLICT', 'NOT_FOUND'].includes(error.code)) throw error;
        catalogue.invalidate([SETTINGS_ID, ...ids]);
        ({ shop, products: cached } = await catalogue.pricing(ids));
        fresh = true;
        priced = price(input, shop, at, cached);
      }
      const { lines, totals, products } = priced;

      let approvedBy: StaffStamp | undefined;
      if (needsApproval(totals, shop.discountApprovalThresholdBps) && session.role !== 'Admin') {
        const approver = approvals.peek(input.approvalId, sessionKey);
        if (!approver) {
          throw new AppError('FORBIDDEN', `A discount over ${shop.discountApprovalThresholdBps / 100}% needs a manager’s approval.`, {
            fields: [{ path: 'approvalId', message: 'Manager approval needed.' }],
          });
        }
        approvedBy = approver;
      }

      let settlement;
      try {
        settlement = settle(totals.totalCents, input.tenders);
      } catch (error) {
        if (error instanceof PricingError) throw new AppError('VALIDATION', error.message, { fields: [{ path: error.field, message: error.message }] });
        throw error;
      }
      if (!settlement.covered) {
        throw new AppError(
          'VALIDATION',
          `Payments are ${formatCents(settlement.dueCents, shop.currency, shop.locale)} short of the ${formatCents(totals.totalCents, shop.currency, shop.locale)} total.`,
          { fields: [{ path: 'tenders', message: 'Not enough paid.' }] },
        );
      }

      const { seq, counterKey, seen } = await nextSequence(businessDate);
      const order: Order = {
        orderId: input.orderId,
        ticket: ticketNumber(terminalId, seq),
        terminalId,
        businessDate,
        createdAt: at.toISOString(),
        createdBy: stamp,
        status: 'placed',
        statusHistory: [{ status: 'placed', at: at.toISOString(), by: stamp }],
        lines,
        ...(input.orderDiscount && { orderDiscount: input.orderDiscount }),
        ...(input.discountReason && { discountReason: input.discountReason }),
        ...(approvedBy && { discountApprovedBy: approvedBy }),
        subtotalCents: totals.subtotalCents,
        discountCents: totals.discountCents,
        taxRateBps: shop.taxRateBps,
        taxInclusive: shop.taxInclusive,
        taxCents: totals.taxCents,
        totalCents: totals.totalCents,
        tenders: input.tenders,
        paidCents: settlement.paidCents,
        changeCents: settlement.changeCents,
        refunds: [],
        refundedCents: 0,
        ...(customer && {
          customerId: customer.userId,
          customerName: customer.name,
          rewardCents: totals.rewardCents,
          pointsEarned: pointsEarned(totals.netCents, shop.loyalty),
          pointsRedeemed: (input.redeemBlocks ?? 0) * shop.loyalty.redeemBlockPoints,
          pointsReversed: 0,
          pointsReturned: false,
        }),
        version: 1,
      };
      const points: PointsChange | null =
        customer && (order.pointsEarned || order.pointsRedeemed)
          ? {
              customerId: customer.userId,
              entries: [
                ...(order.pointsRedeemed ? [{ suffix: `${order.orderId}#R`, delta: -order.pointsRedeemed, reason: 'Redeemed reward', orderId: order.orderId, ticket: order.ticket }] : []),
                ...(order.pointsEarned ? [{ suffix: `${order.orderId}#E`, delta: order.pointsEarned, reason: 'Earned on order', orderId: order.orderId, ticket: order.ticket }] : []),
              ],
              actor: stamp,
              at: order.createdAt,
              ...(order.pointsRedeemed && { atLeast: order.pointsRedeemed }),
            }
          : null;
      try {
        // One transaction: the ticket number, the order (never twice for one id), and a check that
        // every product is still the version that priced it.
        await doc.send(
          new TransactWriteCommand({
            TransactItems: [
              {
                Update: {
                  TableName: tables.Orders,
                  Key: { orderId: counterKey },
                  UpdateExpression: 'SET seq = :seq',
                  ConditionExpression: seen === null ? 'attribute_not_exists(orderId)' : 'seq = :seen',
                  ExpressionAttributeValues: { ':seq': seq, ...(seen !== null && { ':seen': seen }) },
                },
              },
              { Put: { TableName: tables.Orders, Item: order, ConditionExpression: 'attribute_not_exists(orderId)' } },
              ...products.map((p) => ({
                ConditionCheck: {
                  TableName: tables.Products,
                  Key: { productId: p.productId },
                  ConditionExpression: '#version = :version AND available = :yes AND menuStatus = :active',
                  ExpressionAttributeNames: { '#version': 'version' },
                  ExpressionAttributeValues: { ':version': p.version, ':yes': true, ':active': MENU_ACTIVE },
                },
              })),
              // The points move in the same transaction: no order without its points, no points without the order.
              ...(points ? pointsItems(tables, points) : []),
            ],
          }),
        );
        lastSequence.set(counterKey, seq);
        if (approvedBy && input.approvalId) approvals.consume(input.approvalId);
        return order;
      } catch (error) {
        if (!(error instanceof TransactionCanceledException)) throw error;
        if (conditionFailed(error, 1)) {
          const existing = await getOrder(input.orderId);
          if (existing) return sameOrderAgain(existing, session, input);
        }
        if (points && conditionFailed(error, 2 + products.length)) {
          const current = await loyalty.get(points.customerId);
          throw new AppError(
            'INSUFFICIENT_POINTS',
            `${current.name} now has ${current.points} points, not enough for ${order.pointsRedeemed}. Nothing was charged: remove the reward and try again.`,
            { fields: [{ path: 'redeemBlocks', message: 'Not enough points.' }] },
          );
        }
        // Another till or a restart moved the counter: read it again.
        if (conditionFailed(error, 0)) lastSequence.delete(counterKey);
        // A product changed since it was cached: reload and reprice (a new price is refused above).
        const changed = products.filter((_, i) => conditionFailed(error, i + 2)).map((p) => p.productId);
        catalogue.invalidate(changed);
        ({ shop, products: cached } = await catalogue.pricing(ids));
      }
    }
    throw new AppError('CONFLICT', 'This till is too busy to number the order. Try again.');
  }

  return {
    getOrder: mustGetOrder,

    async checkout(input: CheckoutInput, session: StaffSession, sessionKey: string): Promise<Order> {
      try {
        return await place(input, session, sessionKey);
      } catch (error) {
        // A retry of an order that did go through (its approval used up, a price changed since)
        // gets the order back, not an error.
        if (error instanceof AppError) {
          const existing = await getOrder(input.orderId);
          if (existing) return sameOrderAgain(existing, session, input);
        }
        throw error;
      }
    },


    /** One business day's orders, oldest first, for the order board. */
    async board(businessDate = businessDateOf(now())): Promise<OrderSummary[]> {
      const orders = await queryAll<Order>(doc, {
        TableName: tables.Orders,
        IndexName: INDEX.ordersByDate,
        KeyConditionExpression: 'businessDate = :date',
        ExpressionAttributeValues: { ':date': businessDate },
      });
      return orders.map(summarize);
    },

    async advance(orderId: string, from: OrderStatus, session: StaffSession): Promise<OrderSummary> {
      const to = NEXT_STATUS[from];
      if (!to) throw new AppError('VALIDATION', `A ${STATUS_LABEL[from].toLowerCase()} order can’t move forward.`);
      const change = { status: to, at: now().toISOString(), by: stampOf(session) };
      try {
        const { Attributes } = await doc.send(
          new UpdateCommand({
            TableName: tables.Orders,
            Key: { orderId },
            UpdateExpression: 'SET #status = :to, statusHistory = list_append(statusHistory, :change), version = version + :one',
            ConditionExpression: 'attribute_exists(ticket) AND #status = :from',
            ExpressionAttributeNames: { '#status': 'status' },
            ExpressionAttributeValues: { ':to': to, ':from': from, ':change': [change], ':one': 1 },
            ReturnValues: 'ALL_NEW',
          }),
        );
        return summarize(Attributes as Order);
      } catch (error) {
        if (!isConditionalFailure(error)) throw error;
        const current = await mustGetOrder(orderId);
        throw new AppError('CONFLICT', `Ticket ${current.ticket} is already ${STATUS_LABEL[current.status].toLowerCase()}.`);
      }
    },

    async cancel(orderId: string, reason: string, session: StaffSession): Promise<Order> {
      const order = await mustGetOrder(orderId);
      if (order.status === 'cancelled') throw new AppError('CONFLICT', `Ticket ${order.ticket} is already cancelled.`);
      if (order.status === 'completed') {
        throw new AppError('CONFLICT', `Ticket ${order.ticket} is completed: refund it instead of cancelling.`);
      }
      const at = now().toISOString();
      const by = stampOf(session);
      const remaining = order.totalCents - order.refundedCents;
      const refunds: Refund[] =
        remaining > 0 ? [{ refundId: randomBytes(8).toString('hex'), at, by, reason: `Cancelled: ${reason}`, amountCents: remaining, lines: [] }] : [];
      return writeChange(
        order,
        {
          status: 'cancelled',
          statusHistory: [...order.statusHistory, { status: 'cancelled', at, by, reason }],
          refunds: [...order.refunds, ...refunds],
          refundedCents: order.totalCents,
          lines: order.lines.map((l) => ({ ...l, refundedQuantity: l.quantity })),
        },
        by,
        at,
      );
    },

    async refund(orderId: string, reason: string, lines: { lineId: string; quantity: number }[] | undefined, session: StaffSession): Promise<Order> {
      const order = await mustGetOrder(orderId);
      const left = order.totalCents - order.refundedCents;
      if (order.status === 'cancelled' || left <= 0) {
        throw new AppError('CONFLICT', `Ticket ${order.ticket} has already been refunded in full.`);
      }
      const allocations = lineAllocations(order);
      let amount = 0;
      let updatedLines = order.lines;
      if (!lines || lines.length === 0) {
        amount = left;
        updatedLines = order.lines.map((l) => ({ ...l, refundedQuantity: l.quantity }));
      } else {
        const wanted = new Map<string, number>();
        for (const { lineId, quantity } of lines) wanted.set(lineId, (wanted.get(lineId) ?? 0) + quantity);
        updatedLines = order.lines.map((line, index) => {
          const quantity = wanted.get(line.lineId) ?? 0;
          wanted.delete(line.lineId);
          if (quantity === 0) return line;
          const refundable = line.quantity - line.refundedQuantity;
          if (quantity > refundable) {
            throw new AppError(
              'VALIDATION',
              refundable === 0
                ? `${line.name} has already been refunded.`
                : `Only ${refundable} of ${line.name} can still be refunded.`,
              { fields: [{ path: `lines.${index}.quantity`, message: 'More than was paid for.' }] },
            );
          }
          amount += lineRefundCents(allocations[index]!, line.quantity, line.refundedQuantity, quantity);
          return { ...line, refundedQuantity: line.refundedQuantity + quantity };
        });
        if (wanted.size > 0) throw new AppError('VALIDATION', 'A line to refund isn’t on this order.');
        amount = Math.min(amount, left);
      }
      const at = now().toISOString();
      const by = stampOf(session);
      const refund: Refund = { refundId: randomBytes(8).toString('hex'), at, by, reason, amountCents: amount, lines: lines ?? [] };
      return writeChange(order, { lines: updatedLines, refunds: [...order.refunds, refund], refundedCents: order.refundedCents + amount }, by, at);
    },
  };

  /**
   * Writes a change made from `order`, only if nobody changed it since it was read, together with
   * the points its refunds give back or take back.
   */
  async function writeChange(order: Order, change: Partial<Order>, by: StaffStamp, at: string): Promise<Order> {
    const next: Order = { ...order, ...change, version: order.version + 1 };
    if (next.refundedCents > next.totalCents) throw new AppError('VALIDATION', 'That would refund more than was paid.');
    let points: PointsChange | null = null;
    if (order.customerId) {
      const { reverseEarned, returnRedeemed } = pointsReversal(order, next.refundedCents);
      const tag = `${order.orderId}#v${next.version}`;
      const entries = [
        ...(reverseEarned ? [{ suffix: `${tag}#E`, delta: -reverseEarned, reason: 'Refund: points earned taken back', orderId: order.orderId, ticket: order.ticket }] : []),
        ...(returnRedeemed ? [{ suffix: `${tag}#R`, delta: returnRedeemed, reason: 'Refund: reward points returned', orderId: order.orderId, ticket: order.ticket }] : []),
      ];
      next.pointsReversed = (order.pointsReversed ?? 0) + reverseEarned;
      next.pointsReturned = order.pointsReturned || returnRedeemed > 0;
      if (entries.length > 0) points = { customerId: order.customerId, entries, actor: by, at };
    }
    try {
      await doc.send(
        new TransactWriteCommand({
          TransactItems: [
            { Put: { TableName: tables.Orders, Item: next, ConditionExpression: 'version = :v', ExpressionAttributeValues: { ':v': order.version } } },
            ...(points ? pointsItems(tables, points) : []),
          ],
        }),
      );
      return next;
    } catch (error) {
      if (conditionFailed(error, 0)) throw new AppError('CONFLICT', `Ticket ${order.ticket} just changed on another till. Look again and retry.`);
      throw error;
    }
  }
}
export type OrdersService = ReturnType<typeof createOrdersService>;
