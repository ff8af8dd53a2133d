import { memo } from 'react';
import type { Product } from '../../../../shared/menu';
import { usualChoices } from '../../../../shared/register';

export type PickHow = { usual: boolean };

/**
 * The menu as big buttons. Memoised: ringing an item re-renders the cart, not 300 buttons, which is
 * what keeps a tap under a frame. A drink with choices has a second target under it that adds it
 * with its usual choices, without the dialog.
 */
export const ProductGrid = memo(function ProductGrid({
  products,
  format,
  onPick,
  stockMode = false,
  label = 'Menu items',
}: {
  products: readonly Product[];
  format: (cents: number) => string;
  onPick: (product: Product, how: PickHow) => void;
  /** Tapping marks an item sold out or back in stock instead of selling it. */
  stockMode?: boolean;
  label?: string;
}) {
  return (
    <ul className="product-grid" aria-label={label}>
      {products.map((product) => {
        const usual = product.available && !stockMode && product.modifierGroups.length > 0 ? usualChoices(product) : null;
        return (
          <li key={product.productId} className={usual ? 'product-cell has-usual' : 'product-cell'}>
            <button
              type="button"
              className={product.available ? 'product-tile' : 'product-tile product-unavailable'}
              disabled={!product.available && !stockMode}
              onClick={() => onPick(product, { usual: false })}
            >
              <span className="product-name">{product.name}</span>
              <span className="product-price">{format(product.priceCents)}</span>
              {!product.available && <span className="badge">Sold out</span>}
            </button>
            {usual && (
              <button type="button" className="product-usual" onClick={() => onPick(product, { usual: true })}>
                + {usual.label}
              </button>
            )}
          </li>
        );
      })}
    </ul>
  );
});
