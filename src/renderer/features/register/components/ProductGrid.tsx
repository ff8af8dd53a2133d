import { memo } from 'react';
import type { Product } from '../../../../shared/menu';

/**
 * The menu as big buttons. Memoised: ringing an item re-renders the cart, not 300 buttons, which is
 * what keeps a tap under a frame.
 */
export const ProductGrid = memo(function ProductGrid({
  products,
  format,
  onPick,
  stockMode = false,
}: {
  products: readonly Product[];
  format: (cents: number) => string;
  onPick: (product: Product) => void;
  /** Tapping marks an item sold out or back in stock instead of selling it. */
  stockMode?: boolean;
}) {
  return (
    <ul className="product-grid" aria-label="Menu items">
      {products.map((product) => (
        <li key={product.productId}>
          <button
            type="button"
            className={product.available ? 'product-tile' : 'product-tile product-unavailable'}
            disabled={!product.available && !stockMode}
            onClick={() => onPick(product)}
          >
            <span className="product-name">{product.name}</span>
            <span className="product-price">{format(product.priceCents)}</span>
            {!product.available && <span className="badge">Sold out</span>}
          </button>
        </li>
      ))}
    </ul>
  );
});
