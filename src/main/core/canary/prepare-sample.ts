// Cleans one raw sample before it is compared: missing values (null, NaN, ±Infinity) are dropped
// or counted as zero, and with outlier removal values outside [Q1 - f·IQR, Q3 + f·IQR] go too.
import type { MetricConfig } from '../../../shared/canary';
import { quantileSorted } from './quantile';
import { sortedCopy } from './sort-numbers';

export interface PreparedSample {
  values: number[];
  /** Dropped as missing or as outliers. */
  removed: number;
}

export type PreparationConfig = Pick<MetricConfig, 'nanStrategy' | 'outliers'>;

export function prepareSample(raw: readonly (number | null)[], config: PreparationConfig): PreparedSample {
  const present: number[] = [];
  for (const v of raw) {
    // JSON carries a NaN as null; a non-finite number from code is just as unusable.
    if (v !== null && Number.isFinite(v)) present.push(v);
    else if (config.nanStrategy === 'replace') present.push(0);
  }
  const missing = raw.length - present.length;
  if (config.outliers.strategy === 'keep' || present.length === 0)
    return { values: present, removed: missing };
  const sorted = sortedCopy(present);
  const q1 = quantileSorted(sorted, 0.25);
  const q3 = quantileSorted(sorted, 0.75);
  const reach = config.outliers.factor * (q3 - q1);
  const low = q1 - reach;
  const high = q3 + reach;
  const values = present.filter((v) => v >= low && v <= high);
  return { values, removed: missing + present.length - values.length };
}
