import { describe, expect, it } from 'vitest';
import { fixtureAnalysis, judgement } from './canary-fixture';
import { DEFAULT_SORT, nextSort, sortMetrics } from './metric-sort';

const metrics = fixtureAnalysis().report.metrics;
const names = (list: { name: string }[]) => list.map((m) => m.name);

describe('metric table order', () => {
  it('failing first by default: the metric that failed the canary, other failures, no data, passes', () => {
    expect(names(sortMetrics(metrics, DEFAULT_SORT))).toEqual([
      'latencyP99',
      'errorRate',
      'latencyP50',
      'requestRate',
    ]);
  });

  it('sorts by a column, missing values last in both directions', () => {
    expect(names(sortMetrics(metrics, { key: 'pValue', direction: 'asc' }))).toEqual([
      'latencyP99',
      'errorRate',
      'requestRate',
      'latencyP50',
    ]);
    expect(names(sortMetrics(metrics, { key: 'pValue', direction: 'desc' }))).toEqual([
      'requestRate',
      'errorRate',
      'latencyP99',
      'latencyP50',
    ]);
    expect(names(sortMetrics(metrics, { key: 'metric', direction: 'asc' }))).toEqual([
      'errorRate',
      'latencyP50',
      'latencyP99',
      'requestRate',
    ]);
    expect(names(sortMetrics(metrics, { key: 'effect', direction: 'desc' }))).toEqual([
      'errorRate',
      'latencyP99',
      'requestRate',
      'latencyP50',
    ]);
  });

  it('keeps the report order among equals', () => {
    const same = [judgement({ name: 'b' }), judgement({ name: 'a' }), judgement({ name: 'c' })];
    expect(names(sortMetrics(same, DEFAULT_SORT))).toEqual(['b', 'a', 'c']);
  });

  it('a new column starts in its telling direction; the same column flips', () => {
    expect(nextSort(DEFAULT_SORT, 'shift')).toEqual({ key: 'shift', direction: 'desc' });
    expect(nextSort(DEFAULT_SORT, 'pValue')).toEqual({ key: 'pValue', direction: 'asc' });
    expect(nextSort({ key: 'shift', direction: 'desc' }, 'shift')).toEqual({
      key: 'shift',
      direction: 'asc',
    });
  });
});
