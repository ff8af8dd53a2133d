import { useCallback, useDeferredValue, useEffect, useMemo, useReducer, useRef, useState } from 'react';
import { ulid } from 'ulid';
import { atTime, type Product } from '../../../../shared/menu';
import type { Order } from '../../../../shared/orders';
import { needsApproval, type Discount, type Selection, type Tender } from '../../../../shared/pricing';
import { PosCallError } from '../../../api/pos';
import { describeError, ErrorBanner, Field, Notice } from '../../../ui/forms';
import { Modal } from '../../../ui/Modal';
import { useMenu, useSetAvailable, useSettings } from '../../menu/queries';
import { Receipt } from '../../orders/components/Receipt';
import { useCheckout, usePrintReceipt } from '../../orders/mutations';
import { CustomerFinder } from '../../loyalty/components/CustomerFinder';
import { usePointsChanged } from '../../loyalty/queries';
import { useSession } from '../../session/queries';
import { cartReducer, emptyCart, priceCart } from '../cart';
import { CartPanel } from './CartPanel';
import { DiscountDialog, type DiscountTarget } from './DiscountDialog';
import { formatFor, ModifierDialog } from './ModifierDialog';
import { OrderCustomer } from './OrderCustomer';
import { PaymentDialog } from './PaymentDialog';
import { ProductGrid } from './ProductGrid';
import { ShortcutsDialog } from './ShortcutsDialog';
import { PrintOnPrinterButton } from '../../printer/components/PrintOnPrinterButton';

const ALL = 'All';

type DialogState =
  | { kind: 'modifiers'; product: Product }
  | { kind: 'payment' }
  | { kind: 'discount'; target: DiscountTarget }
  | { kind: 'note'; key: string }
  | { kind: 'receipt'; order: Order }
  | { kind: 'shortcuts' }
  | { kind: 'customer' }
  | null;

/** Best match first: exact name, then names starting with the text, then containing it. */
function searchMenu(products: readonly Product[], query: string, category: string): Product[] {
  const needle = query.trim().toLowerCase();
  const inCategory = category === ALL ? products : products.filter((p) => p.category === category);
  if (!needle) return [...inCategory];
  const rank = (p: Product) => {
    const name = p.name.toLowerCase();
    return name === needle ? 0 : name.startsWith(needle) ? 1 : name.split(/\s+/).some((w) => w.startsWith(needle)) ? 2 : name.includes(needle) ? 3 : 9;
  };
  return inCategory.filter((p) => rank(p) < 9).toSorted((a, b) => rank(a) - rank(b));
}

/** The time, moving on every `everyMs`: enough for a scheduled price to switch on time. */
function useNow(everyMs: number): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), everyMs);
    return () => clearInterval(timer);
  }, [everyMs]);
  return now;
}

function isTyping(target: EventTarget | null): boolean {
  return target instanceof HTMLElement && (target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName));
}

export function RegisterScreen() {
  const menu = useMenu();
  const settings = useSettings();
  const session = useSession();
  const checkout = useCheckout();
  const print = usePrintReceipt();
  const [cart, dispatch] = useReducer(cartReducer, emptyCart);
  const [dialog, setDialog] = useState<DialogState>(null);
  const [query, setQuery] = useState('');
  const [category, setCategory] = useState(ALL);
  const [orderId, setOrderId] = useState<string | null>(null);
  const [stockMode, setStockMode] = useState(false);
  const setAvailable = useSetAvailable();
  const searchRef = useRef<HTMLInputElement>(null);
  const deferredQuery = useDeferredValue(query);

  const shop = settings.data;
  const format = useMemo(() => formatFor(shop?.currency, shop?.locale), [shop?.currency, shop?.locale]);
  const tax = useMemo(() => ({ rateBps: shop?.taxRateBps ?? 0, inclusive: shop?.taxInclusive ?? false }), [shop?.taxRateBps, shop?.taxInclusive]);
  const now = useNow(15_000);
  // Prices as they are now, scheduled ones included; main checks the same at checkout.
  const menuNow = useMemo(() => (menu.data?.products ?? []).map((p) => atTime(p, now)), [menu.data, now]);
  const products = useMemo(() => new Map(menuNow.map((p) => [p.productId, p])), [menuNow]);
  const rewardBlockCents = shop?.loyalty.redeemBlockValueCents ?? 0;
  const priced = useMemo(() => priceCart(cart, products, tax, rewardBlockCents), [cart, products, tax, rewardBlockCents]);
  const pointsChanged = usePointsChanged();
  const visible = useMemo(() => searchMenu(menuNow, deferredQuery, category), [menuNow, deferredQuery, category]);

  const toggleStock = setAvailable.mutate;
  const pick = useCallback((product: Product) => {
    if (stockMode) {
      toggleStock({ productId: product.productId, available: !product.available });
      return;
    }
    if (!product.available) return;
    if (product.modifierGroups.length > 0) setDialog({ kind: 'modifiers', product });
    else dispatch({ type: 'add', productId: product.productId, selection: {} });
  }, [stockMode, toggleStock]);

  const addChosen = (product: Product, selection: Selection) => {
    dispatch({ type: 'add', productId: product.productId, selection });
    setDialog(null);
    setQuery('');
  };

  // Back from a dialog (or on arriving), the keyboard lands in search: the next item is a few keys away.
  useEffect(() => {
    if (dialog === null && (document.activeElement === document.body || document.activeElement === null)) searchRef.current?.focus();
  }, [dialog]);

  const openPayment = useCallback(() => {
    if (!priced.sellable) return;
    // One id per cart, made on this terminal: a retry or a double tap can only ever place it once.
    setOrderId((id) => id ?? ulid());
    checkout.reset();
    setDialog({ kind: 'payment' });
  }, [priced.sellable, checkout]);

  const openDiscount = useCallback(
    (key: string) => {
      const line = priced.lines.find((l) => l.key === key);
      setDialog({
        kind: 'discount',
        target: key === 'order' ? { key, label: 'whole order', current: cart.orderDiscount } : { key, label: line?.product?.name ?? 'line', current: line?.discount },
      });
    },
    [priced.lines, cart.orderDiscount],
  );

  const complete = (tenders: Tender[]) => {
    if (!orderId) return;
    checkout.mutate(
      {
        orderId,
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
        tenders,
        expectedTotalCents: priced.totals.totalCents,
      },
      {
        onSuccess: (order) => {
          if (cart.customer) pointsChanged(cart.customer);
          dispatch({ type: 'clear' });
          setOrderId(null);
          setDialog({ kind: 'receipt', order });
        },
        onError: (error) => {
          // Someone else spent the points: show the balance as it is now.
          if (error instanceof PosCallError && error.code === 'INSUFFICIENT_POINTS' && cart.customer) pointsChanged(cart.customer);
        },
      },
    );
  };

  const needsApprovalFor = (discount: Discount, targetKey: string) => {
    if (!shop || session.data?.role === 'Admin') return false;
    const next = cartReducer(cart, { type: 'discount', target: targetKey, discount });
    return needsApproval(priceCart(next, products, tax, rewardBlockCents).totals, shop.discountApprovalThresholdBps);
  };

  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (dialog) return;
      if (event.key === 'F8') {
        event.preventDefault();
        openPayment();
        return;
      }
      if (event.key === 'F2' || (event.key === '/' && !isTyping(event.target))) {
        event.preventDefault();
        searchRef.current?.focus();
        return;
      }
      if (isTyping(event.target)) return;
      const selected = cart.selectedKey;
      if (event.altKey && (event.key === 'ArrowUp' || event.key === 'ArrowDown')) {
        event.preventDefault();
        dispatch({ type: 'selectNext', step: event.key === 'ArrowUp' ? -1 : 1 });
      } else if (event.key === '?') {
        setDialog({ kind: 'shortcuts' });
      } else if ((event.key === '+' || event.key === '=') && selected) {
        dispatch({ type: 'quantity', key: selected, delta: 1 });
      } else if (event.key === '-' && selected) {
        dispatch({ type: 'quantity', key: selected, delta: -1 });
      } else if (event.key === 'Delete' && selected) {
        dispatch({ type: 'remove', key: selected });
      } else if (event.key.toLowerCase() === 'n' && selected) {
        event.preventDefault();
        setDialog({ kind: 'note', key: selected });
      } else if (event.key.toLowerCase() === 'd' && cart.lines.length > 0) {
        event.preventDefault();
        openDiscount('order');
      } else if (event.key.toLowerCase() === 'c') {
        event.preventDefault();
        setDialog({ kind: 'customer' });
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [dialog, cart.selectedKey, cart.lines.length, openPayment, openDiscount]);

  const closeDialog = () => setDialog(null);

  const error = describeError(menu.error ?? settings.error);
  const taxLabel = `Tax ${tax.rateBps / 100}%${tax.inclusive ? ' (included)' : ''}`;

  return (
    <div className="register">
      <section className="menu-pane" aria-labelledby="menu-title">
        <div className="menu-toolbar">
          <h1 id="menu-title">Menu</h1>
          <div className="field field-inline">
            <label htmlFor="menu-search">Search menu</label>
            <input
              id="menu-search"
              ref={searchRef}
              type="search"
              value={query}
              autoComplete="off"
              onChange={(e) => setQuery(e.target.value)}
              onKeyDown={(e) => {
                if (e.key === 'Enter') {
                  e.preventDefault();
                  // From what was typed, not the deferred grid: a fast "latte⏎" must add a latte.
                  const first = searchMenu(menuNow, query, category).find((p) => p.available);
                  if (first) {
                    pick(first);
                    if (first.modifierGroups.length === 0) setQuery('');
                  }
                } else if (e.key === 'Escape') {
                  setQuery('');
                } else if (e.key === '/') {
                  // Already here: "/" starts a new search instead of typing a slash.
                  e.preventDefault();
                  e.currentTarget.select();
                }
              }}
            />
          </div>
          <div className="toolbar-buttons">
            <button type="button" className="btn btn-quiet" aria-pressed={stockMode} onClick={() => setStockMode(!stockMode)}>
              86 items
            </button>
            <button type="button" className="btn btn-quiet" onClick={() => setDialog({ kind: 'shortcuts' })}>
              Shortcuts (?)
            </button>
          </div>
        </div>
        {stockMode && <Notice>Tap an item to mark it sold out, or back in stock. Tap “86 items” again to sell.</Notice>}
        <ErrorBanner message={describeError(setAvailable.error)?.message} />
        <div className="category-tabs" role="group" aria-label="Categories">
          {[ALL, ...(menu.data?.categories ?? []).map((c) => c.name)].map((name) => (
            <button key={name} type="button" className="chip" aria-pressed={category === name} onClick={() => setCategory(name)}>
              {name}
            </button>
          ))}
        </div>
        <ErrorBanner message={error?.message} />
        {menu.isPending ? (
          <p className="muted">Loading the menu…</p>
        ) : visible.length === 0 ? (
          <p className="muted">No items match “{query}”.</p>
        ) : (
          <ProductGrid products={visible} format={format} onPick={pick} stockMode={stockMode} />
        )}
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
        <ModifierDialog product={dialog.product} format={format} onAdd={(selection) => addChosen(dialog.product, selection)} onClose={closeDialog} />
      )}
      {dialog?.kind === 'payment' && (
        <PaymentDialog
          totalCents={priced.totals.totalCents}
          format={format}
          pending={checkout.isPending}
          error={checkout.error}
          onComplete={complete}
          onClose={closeDialog}
        />
      )}
      {dialog?.kind === 'discount' && (
        <DiscountDialog
          target={dialog.target}
          reason={cart.discountReason}
          approval={cart.approval}
          needsApprovalFor={(d) => needsApprovalFor(d, dialog.target.key)}
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
      {dialog?.kind === 'receipt' && (
        <Modal title={`Order ${dialog.order.ticket} placed`} onClose={closeDialog} className="receipt-modal">
          {dialog.order.changeCents > 0 && (
            <p className="change-due" role="status">
              Change due <strong data-testid="change-due">{format(dialog.order.changeCents)}</strong>
            </p>
          )}
          <Receipt order={dialog.order} settings={shop} />
          <ErrorBanner message={describeError(print.error)?.message} />
          <div className="modal-actions">
            <button type="button" className="btn btn-quiet" onClick={() => print.mutate()}>
              Print receipt
            </button>
            <PrintOnPrinterButton orderId={dialog.order.orderId} />
            <button type="button" className="btn btn-primary" onClick={closeDialog} data-autofocus>
              New order
            </button>
          </div>
        </Modal>
      )}
      {dialog?.kind === 'shortcuts' && <ShortcutsDialog onClose={closeDialog} />}
      {dialog?.kind === 'customer' && (
        <Modal title="Customer" onClose={closeDialog} wide>
          <CustomerFinder
            autoFocus
            onChoose={(c) => {
              dispatch({ type: 'customer', customer: { customerId: c.customerId, name: c.name } });
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

function NoteDialog({ initial, name, onSave, onClose }: { initial: string; name: string; onSave: (note: string) => void; onClose: () => void }) {
  const [note, setNote] = useState(initial);
  return (
    <Modal title={`Note for ${name}`} onClose={onClose}>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          onSave(note);
        }}
      >
        <Field label="Note" value={note} maxLength={140} onChange={(e) => setNote(e.target.value)} data-autofocus hint="Up to 140 characters, e.g. extra hot." />
        <div className="modal-actions">
          <button type="button" className="btn btn-quiet" onClick={onClose}>
            Cancel
          </button>
          <button type="submit" className="btn btn-primary">
            Save note
          </button>
        </div>
      </form>
    </Modal>
  );
}
