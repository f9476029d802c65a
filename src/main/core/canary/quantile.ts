// Quantiles the way R's quantile() computes them by default (type 7: linear interpolation between
// order statistics), so box plots and IQR bounds match what an analyst gets in R.

/** The p-quantile (0 <= p <= 1) of an ascending, non-empty sample. */
export function quantileSorted(sorted: ArrayLike<number>, p: number): number {
  const h = (sorted.length - 1) * p;
  const lo = Math.floor(h);
  const below = sorted[lo] as number;
  const weight = h - lo;
  if (weight === 0) return below;
  const above = sorted[lo + 1] as number;
  // Weighted sum rather than below + w * (above - below): the difference of huge values overflows.
  // Rounding may still step an ulp outside the pair (past MAX_VALUE, even): keep it between them.
  return Math.min(Math.max(below * (1 - weight) + above * weight, below), above);
}
