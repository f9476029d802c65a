import { describe, expect, it } from 'vitest';
import type { MetricClassification, MetricJudgement } from '../../../shared/canary';
import { scoreCanary, type WeightedJudgement } from './score-canary';

const stats = { count: 1, removed: 0, mean: 1, median: 1, p25: 1, p75: 1, min: 1, max: 1 };

function judged(
  name: string,
  group: string,
  classification: MetricClassification,
  weight = 1,
  failsCanary = false,
): WeightedJudgement {
  const judgement: MetricJudgement = {
    name,
    label: name,
    group,
    direction: 'increase',
    critical: false,
    classification,
    pValue: null,
    estimate: null,
    confidenceInterval: null,
    effectSize: null,
    method: null,
    baselineStats: stats,
    canaryStats: stats,
    failsCanary,
    reason: `${name} ${classification}`,
  };
  return { judgement, weight };
}

const thresholds = { pass: 95, marginal: 75 };

describe('scoreCanary', () => {
  it('holds a passing score at marginal while a metric could not be read: no promotion on missing data', () => {
    const many = Array.from({ length: 30 }, (_, i) => judged(`m${i}`, 'g', 'pass'));
    const scored = scoreCanary([...many, judged('errors', 'g', 'error')], {}, thresholds);
    expect(scored.score).toBeGreaterThanOrEqual(thresholds.pass);
    expect(scored).toMatchObject({ verdict: 'marginal', heldBack: true });
    expect(scoreCanary(many, {}, thresholds)).toMatchObject({ verdict: 'pass' });
  });

  it('scores each group as the weighted share of passing metrics and weights the groups', () => {
    const scored = scoreCanary(
      [
        judged('p99', 'latency', 'pass', 3),
        judged('p50', 'latency', 'high', 1),
        judged('errors', 'errors', 'pass'),
        judged('cpu', 'saturation', 'pass'),
      ],
      { latency: 50, errors: 40, saturation: 10 },
      thresholds,
    );
    expect(scored.groups).toEqual([
      { name: 'latency', weight: 50, score: 75, metrics: ['p99', 'p50'] },
      { name: 'errors', weight: 40, score: 100, metrics: ['errors'] },
      { name: 'saturation', weight: 10, score: 100, metrics: ['cpu'] },
    ]);
    expect(scored.score).toBe(87.5);
    expect(scored.verdict).toBe('marginal');
  });

  it('leaves nodata out of its group, but counts nodata-fail and error as failures', () => {
    const scored = scoreCanary(
      [
        judged('a', 'g', 'pass'),
        judged('b', 'g', 'pass'),
        judged('c', 'g', 'pass'),
        judged('d', 'g', 'nodata'),
        judged('e', 'h', 'error'),
        judged('f', 'h', 'pass'),
      ],
      {},
      thresholds,
    );
    expect(scored.groups.map((g) => g.score)).toEqual([100, 50]);
    expect(scored.score).toBe(75);
    expect(scored.verdict).toBe('marginal');
    const missing = scoreCanary(
      [judged('a', 'g', 'pass'), judged('b', 'g', 'nodata-fail'), judged('c', 'g', 'pass')],
      {},
      thresholds,
    );
    expect(missing.score).toBe(66.67);
    expect(missing.verdict).toBe('fail');
  });

  it('skips groups without data in the summary and gives them a null score', () => {
    const scored = scoreCanary(
      [judged('a', 'g', 'pass'), judged('b', 'g', 'pass'), judged('c', 'empty', 'nodata')],
      { g: 1, empty: 100 },
      thresholds,
    );
    expect(scored.groups.find((g) => g.name === 'empty')?.score).toBeNull();
    expect(scored).toMatchObject({ score: 100, verdict: 'pass' });
  });

  it('forces score 0 and fail when one metric fails the canary', () => {
    const scored = scoreCanary(
      [judged('a', 'g', 'pass'), judged('b', 'g', 'pass'), judged('c', 'g', 'high', 1, true)],
      {},
      thresholds,
    );
    expect(scored).toMatchObject({ score: 0, verdict: 'fail', forcedFail: 'critical' });
  });

  it('forces fail when half or more of the metrics had no data', () => {
    const scored = scoreCanary([judged('a', 'g', 'pass'), judged('b', 'g', 'nodata')], {}, thresholds);
    expect(scored).toMatchObject({ score: 100, verdict: 'fail', forcedFail: 'nodata' });
  });

  it('falls back to an unweighted mean when every group with data weighs 0', () => {
    const scored = scoreCanary(
      [judged('a', 'g', 'pass'), judged('b', 'h', 'high')],
      { g: 0, h: 0 },
      thresholds,
    );
    expect(scored.score).toBe(50);
  });

  it('uses the thresholds: at the pass threshold passes, just below is marginal', () => {
    const metrics = [
      ...Array.from({ length: 19 }, (_, i) => judged(`m${i}`, 'g', 'pass')),
      judged('x', 'g', 'high'),
    ];
    expect(scoreCanary(metrics, {}, thresholds)).toMatchObject({ score: 95, verdict: 'pass' });
    expect(scoreCanary(metrics, {}, { pass: 96, marginal: 95 })).toMatchObject({ verdict: 'marginal' });
    expect(scoreCanary(metrics, {}, { pass: 100, marginal: 96 })).toMatchObject({ verdict: 'fail' });
  });
});
