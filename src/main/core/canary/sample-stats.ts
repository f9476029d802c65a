// What a sample looks like after preparation: the numbers the report and the comparison view show.
import type { SampleStats } from '../../../shared/canary';
import { quantileSorted } from './quantile';
import { sortedCopy } from './sort-numbers';

/** Arithmetic mean that survives huge values, whose plain sum overflows to Infinity. */
export function meanOf(values: ArrayLike<number>): number {
  const n = values.length;
  let sum = 0;
  for (let i = 0; i < n; i++) sum += values[i] as number;
  if (Number.isFinite(sum)) return sum / n;
  // Scaled by the largest magnitude, every term and their average stay within [-1, 1].
  let scale = 0;
  for (let i = 0; i < n; i++) scale = Math.max(scale, Math.abs(values[i] as number));
  let scaled = 0;
  for (let i = 0; i < n; i++) scaled += (values[i] as number) / scale;
  return (scaled / n) * scale;
}

export function sampleStats(values: readonly number[], removed: number): SampleStats {
  return sortedSampleStats(sortedCopy(values), removed);
}

/** Stats of a sample already sorted ascending. */
export function sortedSampleStats(sorted: ArrayLike<number>, removed: number): SampleStats {
  if (sorted.length === 0)
    return { count: 0, removed, mean: null, median: null, p25: null, p75: null, min: null, max: null };
  return {
    count: sorted.length,
    removed,
    mean: meanOf(sorted),
    median: quantileSorted(sorted, 0.5),
    p25: quantileSorted(sorted, 0.25),
    p75: quantileSorted(sorted, 0.75),
    min: sorted[0] as number,
    max: sorted[sorted.length - 1] as number,
  };
}
