import { useDeferredValue, useMemo, useState } from 'react';
import type { Product } from '../../../../shared/menu';
import { formatCents } from '../../../../shared/money';
import { describeError, ErrorBanner } from '../../../ui/forms';
import { useMenu, useSettings } from '../queries';

const ALL = 'All';

export function RegisterScreen() {
  const menu = useMenu();
  const settings = useSettings();
  const [query, setQuery] = useState('');
  const [category, setCategory] = useState(ALL);
  const deferredQuery = useDeferredValue(query);
  const currency = settings.data?.currency ?? 'USD';
  const locale = settings.data?.locale ?? 'en-US';

  const visible = useMemo(() => {
    const needle = deferredQuery.trim().toLowerCase();
    return (menu.data?.products ?? []).filter(
      (p) => (category === ALL || p.category === category) && (!needle || p.name.toLowerCase().includes(needle)),
    );
  }, [menu.data, category, deferredQuery]);

  const error = describeError(menu.error ?? settings.error);

  return (
    <div className="register">
      <section className="menu-pane" aria-labelledby="menu-title">
        <div className="menu-toolbar">
          <h1 id="menu-title">Menu</h1>
          <div className="field field-inline">
            <label htmlFor="menu-search">Search menu</label>
            <input id="menu-search" type="search" value={query} onChange={(e) => setQuery(e.target.value)} autoComplete="off" />
          </div>
        </div>
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
          <ul className="product-grid" aria-label="Menu items">
            {visible.map((product) => (
              <ProductTile key={product.productId} product={product} currency={currency} locale={locale} />
            ))}
          </ul>
        )}
      </section>
      <aside className="order-pane" aria-labelledby="order-title">
        <h2 id="order-title">Current order</h2>
        <p className="muted">No items yet.</p>
      </aside>
    </div>
  );
}

function ProductTile({ product, currency, locale }: { product: Product; currency: string; locale: string }) {
  return (
    <li className={product.available ? 'product-tile' : 'product-tile product-unavailable'}>
      <span className="product-name">{product.name}</span>
      <span className="product-price">{formatCents(product.priceCents, currency, locale)}</span>
      {!product.available && <span className="badge">Sold out</span>}
    </li>
  );
}
