import { useCallback, useDeferredValue, useEffect, useEffectEvent, useMemo, useRef, useState } from 'react';
import { ulid } from 'ulid';
import { atTime, type Product } from '../../../../shared/menu';
import type { Order } from '../../../../shared/orders';
import { discretionaryCents, needsApproval, settle, type Discount, type Selection, type Tender } from '../../../../shared/pricing';
import { PosCallError } from '../../../api/pos';
import { describeError, ErrorBanner, Notice } from '../../../ui/forms';
import { Modal } from '../../../ui/Modal';
import { useMenu, useSetAvailable, useSettings } from '../../menu/queries';
import { useCheckout, usePrintReceipt } from '../../orders/mutations';
import { useCurrentShift } from '../../shift/queries';
import { CustomerFinder } from '../../loyalty/components/CustomerFinder';
import { usePointsChanged } from '../../loyalty/queries';
import { useSession } from '../../session/queries';
import { ALL, parseSearch, searchMenu, usualChoices } from '../../../../shared/register';
import { cartReducer, emptyCart, fulfilmentProblems, nextOrderType, priceCart, type CartState } from '../cart';
import type { OrderType } from '../../../../shared/orders';
import { FulfilmentDialog, OrderTypePicker } from './OrderTypePicker';
import { tillSale, useTillSale } from '../till-cart';
import { usePriceClock } from '../priceClock';
import { useRegisterKeys } from '../useRegisterKeys';
import { CartPanel } from './CartPanel';
import { DiscountDialog, type DiscountTarget } from './DiscountDialog';
import { LastSale } from './LastSale';
import { formatFor, ModifierDialog } from './ModifierDialog';
import { NoteDialog } from './NoteDialog';
import { OrderCustomer } from './OrderCustomer';
import { PaymentDialog } from './PaymentDialog';
import { ProductGrid, type PickHow } from './ProductGrid';
import { ShortcutsDialog } from './ShortcutsDialog';
import { OpenDisplayButton } from '../../display/OpenDisplayButton';
import { useFeedDisplay } from '../../display/useFeedDisplay';

type DialogState =
  | { kind: 'modifiers'; product: Product; quantity: number }
  | { kind: 'payment' }
  | { kind: 'discount'; target: DiscountTarget }
  | { kind: 'note'; key: string }
  | { kind: 'shortcuts' }
  | { kind: 'customer' }
  | { kind: 'fulfilment' }
  | null;

/** A cleared order, kept so Clear can be undone until the next item goes in. */
type Cleared = { cart: CartState; tenders: Tender[] };

/**
 * `onSold`: a sale went through (the shop may lock the till after each one). `person`: who is at
 * the till; when it changes (a PIN switch), what the last one had open closes.
 */
export function RegisterScreen({ person, onSold }: { person?: string; onSold?: () => void } = {}) {
  const menu = useMenu();
  const settings = useSettings();
  const session = useSession();
  const checkout = useCheckout();
  const shift = useCurrentShift();
  const print = usePrintReceipt();
  const { cart, dispatch, tenders } = useTillSale();
  const { setOrderId, setTenders } = tillSale;
  const [dialog, setDialog] = useState<DialogState>(null);
  const [query, setQuery] = useState('');
  const [category, setCategory] = useState(ALL);
  const [lastSale, setLastSale] = useState<{ order: Order; cart: CartState } | null>(null);
  const [showLastSale, setShowLastSale] = useState(false);
  const [cleared, setCleared] = useState<Cleared | null>(null);
  const [stockMode, setStockMode] = useState(false);
  // The sale itself stays (till-cart.ts); the last person's dialog, search and last sale don't.
  const [servedBy, setServedBy] = useState(person);
  if (servedBy !== person) {
    setServedBy(person);
    setDialog(null);
    setQuery('');
    setLastSale(null);
    setShowLastSale(false);
    setCleared(null);
    setStockMode(false);
  }
  const setAvailable = useSetAvailable();
  const searchRef = useRef<HTMLInputElement>(null);
  const deferredQuery = useDeferredValue(query);

  const shop = settings.data;
  const format = useMemo(() => formatFor(shop?.currency, shop?.locale), [shop?.currency, shop?.locale]);
  const tax = useMemo(() => ({ rateBps: shop?.taxRateBps ?? 0, inclusive: shop?.taxInclusive ?? false }), [shop?.taxRateBps, shop?.taxInclusive]);
  const now = usePriceClock(menu.data?.products);
  // Prices as they are now, scheduled ones included; main checks the same at checkout.
  const menuNow = useMemo(() => (menu.data?.products ?? []).map((p) => atTime(p, now)), [menu.data, now]);
  const products = useMemo(() => new Map(menuNow.map((p) => [p.productId, p])), [menuNow]);
  const rewardBlockCents = shop?.loyalty.redeemBlockValueCents ?? 0;
  const feeCents = shop?.delivery?.feeCents;
  const feeTaxed = shop?.delivery?.taxed ?? false;
  const deliveryFee = useMemo(() => (feeCents === undefined ? undefined : { cents: feeCents, taxed: feeTaxed }), [feeCents, feeTaxed]);
  const priced = useMemo(() => priceCart(cart, products, tax, rewardBlockCents, deliveryFee), [cart, products, tax, rewardBlockCents, deliveryFee]);
  const payOnDelivery = cart.fulfilment.type === 'delivery' && cart.fulfilment.payOnDelivery === true;
  useFeedDisplay({ cart, priced, tenders, sold: showLastSale ? (lastSale?.order ?? null) : null, rules: shop?.loyalty, taxInclusive: tax.inclusive, format });
  const pointsChanged = usePointsChanged();
  const search = parseSearch(deferredQuery);
  const visible = useMemo(() => searchMenu(menuNow, search.text, category), [menuNow, search.text, category]);
  const favourites = useMemo(() => menuNow.filter((p) => p.favourite && p.available), [menuNow]);
  const paidCents = tenders.reduce((sum, t) => sum + t.amountCents, 0);

  /** Every new line starts a new order: the last receipt and the undo of a Clear make way for it. */
  const add = useCallback((productId: string, selection: Selection, quantity: number) => {
    dispatch({ type: 'add', productId, selection, quantity });
    setShowLastSale(false);
    setCleared(null);
    setQuery('');
  }, [dispatch]);

  const toggleStock = setAvailable.mutate;
  // The last person's failed "86" isn't the next one's to read.
  const forgetStockError = useEffectEvent(() => {
    if (setAvailable.isError) setAvailable.reset();
  });
  useEffect(() => forgetStockError(), [person]);
  const pick = useCallback(
    (product: Product, { usual }: PickHow, quantity = 1) => {
      if (stockMode) {
        toggleStock({ productId: product.productId, available: !product.available });
        return;
      }
      if (!product.available) return;
      const choices = product.modifierGroups.length === 0 ? { selection: {} } : usual ? usualChoices(product) : null;
      if (choices) add(product.productId, choices.selection, quantity);
      else setDialog({ kind: 'modifiers', product, quantity });
    },
    [stockMode, toggleStock, add],
  );

  const addFromSearch = (usual: boolean) => {
    // From what was typed, not the deferred grid: a fast "latte⏎" must add a latte.
    const { quantity, text } = parseSearch(query);
    if (!text) return;
    const first = searchMenu(menuNow, text, ALL).find((p) => stockMode || p.available);
    if (first) pick(first, { usual }, quantity);
  };

  const focusSearch = (select: boolean) => {
    searchRef.current?.focus();
    if (select) searchRef.current?.select();
  };

  // Back from a dialog (or on arriving), the keyboard lands in search: the next item is a few keys away.
  useEffect(() => {
    if (dialog === null && (document.activeElement === document.body || document.activeElement === null)) searchRef.current?.focus();
  }, [dialog]);

  // After a sale the keyboard is back in the search (after the payment dialog hands focus back).
  useEffect(() => {
    if (lastSale) searchRef.current?.focus();
  }, [lastSale]);

  const ensureOrderId = () => {
    // One id per cart, made on this terminal: a retry or a double tap can only ever place it once.
    // Read from the till's store, not this render: an approval and a payment in one go share it.
    const id = tillSale.get().orderId ?? ulid();
    if (!tillSale.get().orderId) setOrderId(id);
    return id;
  };

  const chooseType = (type: OrderType) => {
    const next = cartReducer(cart, { type: 'orderType', orderType: type });
    dispatch({ type: 'orderType', orderType: type });
    // Pickup and delivery can't be sold without their details: ask for what is missing at once.
    if (fulfilmentProblems(next.fulfilment)) setDialog({ kind: 'fulfilment' });
  };

  const openPayment = () => {
    if (!priced.sellable || checkout.isPending) return;
    if (payOnDelivery) {
      // Nothing is taken now: the shipper collects the cash at the door.
      complete([]);
      return;
    }
    ensureOrderId();
    checkout.reset();
    setDialog({ kind: 'payment' });
  };

  const complete = (paid: Tender[], floatCents?: number) => {
    if (checkout.isPending) return;
    const id = ensureOrderId();
    setTenders(paid);
    const soldCart = cart;
    checkout.mutate(
      {
        orderId: id,
        lines: priced.lines.map((l) => ({
          productId: l.productId,
          quantity: l.quantity,
          selection: l.selection,
          unitPriceCents: l.priced!.unitPriceCents,
          ...(l.note && { note: l.note }),
          ...(l.discount && { discount: l.discount }),
        })),
        ...(cart.orderDiscount && { orderDiscount: cart.orderDiscount }),
        ...(cart.discountReason && { discountReason: cart.discountReason }),
        ...(cart.approval && { approvalId: cart.approval.approvalId }),
        ...(cart.customer && { customerId: cart.customer.customerId }),
        ...(cart.redeemBlocks > 0 && { redeemBlocks: cart.redeemBlocks }),
        tenders: paid,
        expectedTotalCents: priced.totals.totalCents,
        ...(floatCents !== undefined && { openShift: { totalCents: floatCents } }),
        ...(cart.fulfilment.type !== 'forHere' && { fulfilment: cart.fulfilment }),
      },
      {
        onSuccess: (order) => {
          if (soldCart.customer) pointsChanged(soldCart.customer);
          if (floatCents !== undefined) void shift.refetch();
          dispatch({ type: 'clear' });
          setOrderId(null);
          setTenders([]);
          setCleared(null);
          setDialog(null);
          setLastSale({ order, cart: soldCart });
          setShowLastSale(true);
          // The next customer starts from the whole menu and an empty search.
          setCategory(ALL);
          setQuery('');
          onSold?.();
        },
        onError: (error) => {
          // Someone else spent the points: show the balance as it is now.
          if (error instanceof PosCallError && error.code === 'INSUFFICIENT_POINTS' && soldCart.customer) pointsChanged(soldCart.customer);
          // A refusal is shown where the payments are, with Complete to try again.
          setDialog({ kind: 'payment' });
        },
      },
    );
  };

  const payByCard = () => {
    if (!priced.sellable || checkout.isPending || payOnDelivery) return;
    const due = settle(priced.totals.totalCents, tenders).dueCents;
    complete(due > 0 ? [...tenders, { kind: 'card', amountCents: due }] : tenders);
  };

  const clear = () => {
    if (cart.lines.length === 0) return;
    setCleared({ cart, tenders });
    dispatch({ type: 'clear' });
    setTenders([]);
    setOrderId(null);
  };

  const undoClear = () => {
    if (!cleared) return;
    dispatch({ type: 'restore', cart: cleared.cart });
    setTenders(cleared.tenders);
    setCleared(null);
  };

  const repeatLast = () => {
    if (!lastSale || cart.lines.length > 0) return;
    // The same drinks again, as a new order: no customer, discount or approval carried over.
    dispatch({ type: 'restore', cart: { ...emptyCart, lines: lastSale.cart.lines, selectedKey: lastSale.cart.lines.at(-1)?.key ?? null } });
    setShowLastSale(false);
    setCleared(null);
  };

  const openDiscount = (key: string) => {
    if (key === 'order' && cart.lines.length === 0) return;
    const line = priced.lines.find((l) => l.key === key);
    setDialog({
      kind: 'discount',
      target: key === 'order' ? { key, label: 'whole order', current: cart.orderDiscount } : { key, label: line?.product?.name ?? 'line', current: line?.discount },
    });
  };

  const needsApprovalFor = (discount: Discount, targetKey: string) => {
    if (!shop || session.data?.role === 'Admin') return false;
    const next = cartReducer(cart, { type: 'discount', target: targetKey, discount });
    return needsApproval(priceCart(next, products, tax, rewardBlockCents).totals, shop.discountApprovalThresholdBps);
  };

  /** What the cart's discount (its reward left out) would be with this one applied: the amount a manager approves. */
  const discountCentsFor = (discount: Discount, targetKey: string) =>
    discretionaryCents(priceCart(cartReducer(cart, { type: 'discount', target: targetKey, discount }), products, tax, rewardBlockCents).totals);

  const selected = cart.selectedKey;
  useRegisterKeys(dialog === null, {
    newSearch: () => focusSearch(true),
    typeIntoSearch: (char) => {
      setQuery((q) => q + char);
      focusSearch(false);
    },
    step: (delta) => selected && dispatch({ type: 'quantity', key: selected, delta }),
    remove: () => selected && dispatch({ type: 'remove', key: selected }),
    selectNext: (step) => dispatch({ type: 'selectNext', step }),
    note: () => selected && setDialog({ kind: 'note', key: selected }),
    discount: () => openDiscount('order'),
    customer: () => setDialog({ kind: 'customer' }),
    repeat: repeatLast,
    orderType: () => chooseType(nextOrderType(cart.fulfilment.type)),
    pay: openPayment,
    payByCard,
    shortcuts: () => setDialog({ kind: 'shortcuts' }),
  });

  const closeDialog = () => setDialog(null);

  const error = describeError(menu.error ?? settings.error);
  const taxLabel = `Tax ${tax.rateBps / 100}%${tax.inclusive ? ' (included)' : ''}`;

  const idle = cleared ? (
    <div className="order-idle" role="status">
      <p>Order cleared.</p>
      <button type="button" className="btn btn-quiet" onClick={undoClear}>
        Undo clear
      </button>
    </div>
  ) : showLastSale && lastSale ? (
    <LastSale order={lastSale.order} settings={shop} format={format} printError={print.error} onPrint={() => print.mutate()} onDone={() => {
      setShowLastSale(false);
      focusSearch(false);
    }} />
  ) : (
    <div className="order-idle">
      <p className="muted">No items yet. Type to search, or tap an item.</p>
      {lastSale && (
        <button type="button" className="btn btn-quiet" onClick={repeatLast} aria-keyshortcuts="Alt+R">
          Repeat last order
        </button>
      )}
    </div>
  );

  return (
    <div className="register">
      <section className="menu-pane" aria-labelledby="menu-title">
        <div className="menu-toolbar">
          <h1 id="menu-title" className="visually-hidden">
            Menu
          </h1>
          {/* Before the search, not after: Tab out of the search must never land on sold-out mode. */}
          <div className="toolbar-buttons">
            <button type="button" className="btn btn-quiet" aria-pressed={stockMode} onClick={() => setStockMode(!stockMode)}>
              86 items
            </button>
            <button type="button" className="btn btn-quiet" onClick={() => setDialog({ kind: 'shortcuts' })} aria-keyshortcuts="F1">
              Shortcuts (F1)
            </button>
            <OpenDisplayButton />
          </div>
          <div className="field field-inline menu-search">
            <label htmlFor="menu-search">Search menu</label>
            <input
              id="menu-search"
              ref={searchRef}
              type="search"
              value={query}
              autoComplete="off"
              aria-describedby={search.quantity > 1 ? 'search-quantity' : undefined}
              onChange={(e) => setQuery(e.target.value)}
              onKeyDown={(e) => {
                if (e.key === 'Enter') {
                  e.preventDefault();
                  addFromSearch(e.shiftKey);
                } else if (e.key === 'Escape') {
                  setQuery('');
                } else if (e.key === '/') {
                  // Already here: "/" starts a new search instead of typing a slash.
                  e.preventDefault();
                  e.currentTarget.select();
                } else if ((e.key === '+' || e.key === '=' || (e.key === '-' && query === '')) && selected) {
                  // No item has a "+" in its name: it means one more of the selected line, as outside the box.
                  e.preventDefault();
                  dispatch({ type: 'quantity', key: selected, delta: e.key === '-' ? -1 : 1 });
                }
              }}
            />
            {search.quantity > 1 && (
              <span id="search-quantity" className="field-hint" role="status">
                {search.quantity} × {search.text ? 'the first match' : 'the next item'}
              </span>
            )}
          </div>
        </div>
        {stockMode && <Notice>Tap an item to mark it sold out, or back in stock. Tap “86 items” again to sell.</Notice>}
        <ErrorBanner message={describeError(setAvailable.error)?.message} />
        {favourites.length > 0 && !search.text && !stockMode && (
          <div className="favourites" role="group" aria-labelledby="favourites-title">
            <span id="favourites-title" className="favourites-title">
              Favourites
            </span>
            {favourites.map((p) => (
              <button key={p.productId} type="button" className="chip chip-favourite" onClick={() => pick(p, { usual: false })}>
                {p.name}
              </button>
            ))}
          </div>
        )}
        <div className="category-tabs" role="group" aria-label="Categories">
          {[ALL, ...(menu.data?.categories ?? []).map((c) => c.name)].map((name) => (
            <button key={name} type="button" className="chip" aria-pressed={category === name && !search.text} onClick={() => setCategory(name)}>
              {name}
            </button>
          ))}
        </div>
        <ErrorBanner message={error?.message} />
        <div className="menu-scroll">
          {menu.isPending ? (
            <p className="muted">Loading the menu…</p>
          ) : visible.length === 0 ? (
            <p className="muted">No items match “{search.text}”.</p>
          ) : (
            <ProductGrid products={visible} format={format} onPick={pick} stockMode={stockMode} />
          )}
        </div>
      </section>

      <CartPanel
        cart={cart}
        priced={priced}
        taxLabel={taxLabel}
        format={format}
        dispatch={dispatch}
        onNote={(key) => setDialog({ kind: 'note', key })}
        onDiscount={openDiscount}
        onPay={openPayment}
        onCard={payByCard}
        onClear={clear}
        paidCents={paidCents}
        busy={checkout.isPending}
        idle={idle}
        payOnDelivery={payOnDelivery}
        orderType={
          <OrderTypePicker
            fulfilment={cart.fulfilment}
            onType={chooseType}
            onDetails={() => setDialog({ kind: 'fulfilment' })}
            format={format}
            feeCents={priced.totals.feeCents}
          />
        }
        customer={
          <OrderCustomer
            cart={cart}
            totals={priced.totals}
            rules={shop?.loyalty}
            format={format}
            dispatch={dispatch}
            onFind={() => setDialog({ kind: 'customer' })}
          />
        }
      />

      {dialog?.kind === 'modifiers' && (
        <ModifierDialog
          product={dialog.product}
          quantity={dialog.quantity}
          format={format}
          onAdd={(selection) => {
            add(dialog.product.productId, selection, dialog.quantity);
            setDialog(null);
          }}
          onClose={closeDialog}
        />
      )}
      {dialog?.kind === 'payment' && (
        <PaymentDialog
          totalCents={priced.totals.totalCents}
          tenders={tenders}
          onTenders={setTenders}
          format={format}
          pending={checkout.isPending}
          error={checkout.error}
          onComplete={complete}
          onClose={closeDialog}
          needsFloat={shift.data?.open === null}
        />
      )}
      {dialog?.kind === 'discount' && (
        <DiscountDialog
          target={dialog.target}
          reason={cart.discountReason}
          approval={cart.approval}
          needsApprovalFor={(d) => needsApprovalFor(d, dialog.target.key)}
          discountCentsFor={(d) => discountCentsFor(d, dialog.target.key)}
          orderId={ensureOrderId}
          format={format}
          onApply={(discount, reason, approval) => {
            dispatch({ type: 'discount', target: dialog.target.key, discount, reason, approval });
            closeDialog();
          }}
          onClose={closeDialog}
        />
      )}
      {dialog?.kind === 'note' && (
        <NoteDialog
          initial={cart.lines.find((l) => l.key === dialog.key)?.note ?? ''}
          name={products.get(cart.lines.find((l) => l.key === dialog.key)?.productId ?? '')?.name ?? 'line'}
          onSave={(note) => {
            dispatch({ type: 'note', key: dialog.key, note });
            closeDialog();
          }}
          onClose={closeDialog}
        />
      )}
      {dialog?.kind === 'shortcuts' && <ShortcutsDialog onClose={closeDialog} />}
      {dialog?.kind === 'fulfilment' && (cart.fulfilment.type === 'pickup' || cart.fulfilment.type === 'delivery') && (
        <FulfilmentDialog
          initial={cart.fulfilment}
          onSave={(fulfilment) => {
            dispatch({ type: 'fulfilment', fulfilment });
            closeDialog();
          }}
          onClose={closeDialog}
        />
      )}
      {dialog?.kind === 'customer' && (
        <Modal title="Customer" onClose={closeDialog} wide>
          <CustomerFinder
            autoFocus
            onChoose={(c) => {
              dispatch({ type: 'customer', customer: { customerId: c.customerId, name: c.name, ...(c.phone && { phone: c.phone }), ...(c.address && { address: c.address }) } });
              closeDialog();
            }}
          />
          <div className="modal-actions">
            <button type="button" className="btn btn-quiet" onClick={closeDialog}>
              Cancel
            </button>
          </div>
        </Modal>
      )}
    </div>
  );
}
