import { useEffect, useMemo, useState } from 'react';
import { nextPriceChangeAt, type Product } from '../../../shared/menu';

/** setTimeout keeps its delay in 32 bits (a longer one fires at once): a longer wait goes in steps. */
const LONGEST_TIMER_MS = 2 ** 31 - 1;

/**
 * The time the register prices at. It moves when the next scheduled price takes effect, at that
 * moment, so the barista's screen switches when main does: a poll showed the old price (and failed
 * its checkouts as a price conflict) until its next tick.
 */
export function usePriceClock(products: readonly Product[] | undefined): number {
  const [now, setNow] = useState(() => Date.now());
  const next = useMemo(() => nextPriceChangeAt(products ?? [], now), [products, now]);
  useEffect(() => {
    if (next === null) return;
    // A step of a long wait, or a timer firing a hair early, moves `now` short of `next`: this runs again.
    const timer = setTimeout(() => setNow(Date.now()), Math.min(Math.max(0, next - Date.now()), LONGEST_TIMER_MS));
    return () => clearTimeout(timer);
  }, [next, now]);
  return now;
}
