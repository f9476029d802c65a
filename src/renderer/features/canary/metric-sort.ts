// Ordering of the per-metric table: failing first by default, any column on request. Missing values
// always sort last, whichever the direction; ties keep the report's own order.
import type { MetricJudgement } from '../../../shared/canary';
import { percentOfBaseline } from './canary-format';

export type SortKey = 'result' | 'metric' | 'baseline' | 'canary' | 'shift' | 'effect' | 'pValue';
export type SortDirection = 'asc' | 'desc';

export interface SortState {
  key: SortKey;
  direction: SortDirection;
}

/** Failing first: the metric that failed the canary, then the other failures, then the rest. */
export const DEFAULT_SORT: SortState = { key: 'result', direction: 'asc' };

/** The direction a column starts in when first chosen: the most telling rows on top. */
export const FIRST_DIRECTION: Record<SortKey, SortDirection> = {
  result: 'asc',
  metric: 'asc',
  baseline: 'desc',
  canary: 'desc',
  shift: 'desc',
  effect: 'desc',
  pValue: 'asc',
};

const CLASSIFICATION_RANK: Record<MetricJudgement['classification'], number> = {
  high: 1,
  low: 1,
  'nodata-fail': 1,
  error: 1,
  nodata: 3,
  pass: 4,
};

/** 0 = failed the whole canary, 4 = pass. */
export function severityRank(m: MetricJudgement): number {
  return m.failsCanary ? 0 : CLASSIFICATION_RANK[m.classification];
}

function sortValue(m: MetricJudgement, key: SortKey): number | string | null {
  switch (key) {
    case 'result':
      return severityRank(m);
    case 'metric':
      return (m.label || m.name).toLowerCase();
    case 'baseline':
      return m.baselineStats.median;
    case 'canary':
      return m.canaryStats.median;
    case 'shift':
      return percentOfBaseline(m.estimate, m) ?? m.estimate;
    case 'effect':
      return m.effectSize;
    case 'pValue':
      return m.pValue;
  }
}

const missing = (v: number | string | null): boolean =>
  v === null || (typeof v === 'number' && !Number.isFinite(v));

export function nextSort(current: SortState, key: SortKey): SortState {
  if (current.key !== key) return { key, direction: FIRST_DIRECTION[key] };
  return { key, direction: current.direction === 'asc' ? 'desc' : 'asc' };
}

export function sortMetrics(metrics: readonly MetricJudgement[], sort: SortState): MetricJudgement[] {
  const sign = sort.direction === 'asc' ? 1 : -1;
  return metrics
    .map((m, index) => ({ m, index, value: sortValue(m, sort.key), rank: severityRank(m) }))
    .sort((a, b) => {
      const aMissing = missing(a.value);
      const bMissing = missing(b.value);
      if (aMissing !== bMissing) return aMissing ? 1 : -1;
      if (!aMissing && !bMissing && a.value !== b.value) {
        const order =
          typeof a.value === 'string' || typeof b.value === 'string'
            ? String(a.value).localeCompare(String(b.value))
            : (a.value as number) - (b.value as number);
        if (order !== 0) return order * sign;
      }
      return a.rank - b.rank || a.index - b.index;
    })
    .map((entry) => entry.m);
}
