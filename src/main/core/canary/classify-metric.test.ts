import { describe, expect, it } from 'vitest';
import { metricConfigSchema, type MetricConfig } from '../../../shared/canary';
import { classifyMetric, type JudgeMetric, type RankSumTest } from './classify-metric';
import { StatisticsError } from './mann-whitney';

function metric(
  baseline: (number | null)[],
  canary: (number | null)[],
  config: Partial<MetricConfig> = {},
): JudgeMetric {
  return {
    ...metricConfigSchema.parse({}),
    name: 'latency',
    label: 'p99 latency',
    unit: 'ms',
    ...config,
    baseline,
    canary,
  };
}

/** 12 values around `centre`, no ties. */
const around = (centre: number) => [-6, -5, -4, -3, -2, -1, 1, 2, 3, 4, 5, 6].map((d) => centre + d * 0.25);

describe('classifyMetric', () => {
  it('labels a canary clearly above the allowance high, with a reason in plain words', () => {
    const m = classifyMetric(
      metric(around(100), around(118), { direction: 'increase', allowedIncrease: 1.1 }),
      0.95,
    );
    expect(m.classification).toBe('high');
    expect(m.failsCanary).toBe(false);
    expect(m.method).toBe('exact');
    expect(m.estimate).toBeCloseTo(18, 9);
    expect(m.effectSize).toBeCloseTo(1.18, 9);
    expect(m.pValue).toBeLessThan(0.001);
    expect(m.reason).toMatch(/^p99 latency \+18% \(CI \+\d+%\.\.\+\d+%\), above the allowed \+10%$/);
  });

  it('passes a significant rise that stays within the allowance', () => {
    const m = classifyMetric(
      metric(around(100), around(105), { direction: 'increase', allowedIncrease: 1.1 }),
      0.95,
    );
    expect(m.classification).toBe('pass');
    expect(m.reason).toMatch(/\+5% .*within the allowed \+10%$/);
  });

  it('ignores a change in the harmless direction', () => {
    const m = classifyMetric(metric(around(100), around(50), { direction: 'increase' }), 0.95);
    expect(m.classification).toBe('pass');
    expect(m.reason).toMatch(/-50% .*lower than baseline, which is fine$/);
  });

  it('labels a drop below the allowance low when decreases matter', () => {
    const m = classifyMetric(
      metric(around(100), around(80), { direction: 'decrease', allowedDecrease: 0.9 }),
      0.95,
    );
    expect(m.classification).toBe('low');
    expect(m.reason).toMatch(/-20% .*below the allowed -10%$/);
  });

  it('needs the whole interval above zero: overlapping samples pass however large the mean ratio', () => {
    const m = classifyMetric(metric([1, 5, 9, 2, 8], [1.5, 5.5, 9.5, 2.5, 30]), 0.95);
    expect(m.classification).toBe('pass');
    expect(m.reason).toMatch(/no clear difference from baseline$/);
  });

  it('fails the canary on a critical effect size, naming it', () => {
    const m = classifyMetric(
      metric(around(100), around(200), {
        direction: 'increase',
        allowedIncrease: 1.1,
        criticalIncrease: 1.5,
      }),
      0.95,
    );
    expect(m).toMatchObject({ classification: 'high', failsCanary: true });
    expect(m.reason).toMatch(/\+100% .*beyond the critical \+50%: fails the canary$/);
  });

  it('fails the canary when a critical metric fails, but not when it passes', () => {
    const failing = classifyMetric(
      metric(around(100), around(118), { critical: true, allowedIncrease: 1.1 }),
      0.95,
    );
    expect(failing).toMatchObject({ classification: 'high', failsCanary: true });
    expect(failing.reason).toMatch(/a critical metric: fails the canary$/);
    const passing = classifyMetric(metric(around(100), around(100.1), { critical: true }), 0.95);
    expect(passing).toMatchObject({ classification: 'pass', failsCanary: false });
  });

  it('says nodata, or nodata-fail when the metric must have data', () => {
    const missing = classifyMetric(metric([1, 2, 3], [null, null]), 0.95);
    expect(missing).toMatchObject({
      classification: 'nodata',
      pValue: null,
      effectSize: null,
      failsCanary: false,
    });
    expect(missing.reason).toBe('p99 latency: no canary data (2 samples dropped as missing or outliers)');
    const required = classifyMetric(metric([], [], { mustHaveData: true, critical: true }), 0.95);
    expect(required).toMatchObject({ classification: 'nodata-fail', failsCanary: true });
    expect(required.reason).toMatch(/no baseline or canary data; this metric must have data, so it fails$/);
  });

  it('passes identical samples and samples of one value, deterministically, without running the test', () => {
    const never: RankSumTest = () => {
      throw new Error('the test must not run');
    };
    expect(classifyMetric(metric([3, 1, 2], [2, 3, 1]), 0.95, never)).toMatchObject({
      classification: 'pass',
      estimate: 0,
      reason: 'p99 latency: canary and baseline values are identical',
    });
    expect(classifyMetric(metric([0, 0, 0, 0], [0, 0]), 0.95, never)).toMatchObject({
      classification: 'pass',
      reason: 'p99 latency: every value is 0 ms in both, no difference',
    });
  });

  it('reports a failing test as error with its message', () => {
    const broken: RankSumTest = () => {
      throw new StatisticsError('sample too strange');
    };
    const m = classifyMetric(metric([1, 2], [3, 4]), 0.95, broken);
    expect(m).toMatchObject({ classification: 'error', failsCanary: false, pValue: null });
    expect(m.reason).toBe('p99 latency could not be compared: sample too strange');
  });

  it('speaks in the unit when the baseline median is 0, and names the zero average', () => {
    const zeros = [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0];
    const m = classifyMetric(
      metric(zeros, [0.01, 0.012, 0.011, 0.013, 0.009, 0.01, 0.012, 0.011, 0.01, 0.014, 0.012, 0.011], {
        unit: 'ratio',
        label: 'error rate',
        direction: 'increase',
        allowedIncrease: 1.5,
      }),
      0.95,
    );
    expect(m.classification).toBe('high');
    expect(m.effectSize).toBeNull();
    expect(m.reason).toMatch(
      /^error rate \+[\d.]+ pp from a baseline median of 0 \(CI .+\), above the allowed \+50% \(the baseline average is 0\)$/,
    );
  });

  it('drops outliers and missing values before comparing, and counts them', () => {
    const m = classifyMetric(
      metric([...around(100), 5000, null], [...around(100.5), Number.NaN], {
        outliers: { strategy: 'remove', factor: 3 },
      }),
      0.95,
    );
    expect(m.baselineStats).toMatchObject({ count: 12, removed: 2 });
    expect(m.canaryStats).toMatchObject({ count: 12, removed: 1 });
    expect(m.classification).toBe('pass');
  });
});
