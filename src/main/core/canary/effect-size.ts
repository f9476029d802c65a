// Kayenta's effect size: the canary mean as a multiple of the baseline mean (1.18 = 18% higher).

/**
 * Written as 1 + (canary - baseline) / |baseline| so that it equals canary / baseline for the usual
 * positive metrics and still points the right way for negative ones. A zero baseline makes any
 * rise infinitely large (and any fall infinitely small); callers show that as null in JSON.
 */
export function meanRatio(canaryMean: number, baselineMean: number): number {
  if (baselineMean === 0)
    return canaryMean > 0 ? Number.POSITIVE_INFINITY : canaryMean < 0 ? Number.NEGATIVE_INFINITY : 1;
  const ratio = 1 + (canaryMean - baselineMean) / Math.abs(baselineMean);
  return Number.isNaN(ratio) ? 1 : ratio;
}
