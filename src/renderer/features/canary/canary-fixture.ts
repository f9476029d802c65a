// A made-up analysis run for the canary view's unit tests only; the app always shows the API's data.
import type { CanaryAnalysis } from '../../../shared/api/canary-api';
import type { MetricJudgement, SampleStats } from '../../../shared/canary';

function stats(median: number, spread: number, count = 60): SampleStats {
  return {
    count,
    removed: 0,
    mean: median * 1.02,
    median,
    p25: median - spread,
    p75: median + spread,
    min: median - 3 * spread,
    max: median + 4 * spread,
  };
}

const NO_DATA: SampleStats = {
  count: 0,
  removed: 0,
  mean: null,
  median: null,
  p25: null,
  p75: null,
  min: null,
  max: null,
};

export function judgement(
  overrides: Partial<MetricJudgement> & Pick<MetricJudgement, 'name'>,
): MetricJudgement {
  return {
    label: overrides.name,
    group: 'default',
    direction: 'increase',
    critical: false,
    classification: 'pass',
    pValue: 0.42,
    estimate: 0.5,
    confidenceInterval: [-1, 2],
    effectSize: 1.01,
    method: 'normal',
    baselineStats: stats(100, 5),
    canaryStats: stats(100.5, 5),
    failsCanary: false,
    reason: 'within the allowed range',
    ...overrides,
  };
}

export function fixtureAnalysis(): CanaryAnalysis {
  return {
    index: 3,
    rolloutId: 'checkout-prod-eu',
    stepIndex: 2,
    trigger: 'step',
    window: { from: '2025-11-27T14:00:00.000Z', to: '2025-11-27T14:10:00.000Z' },
    baselineVersion: '2.3.1',
    canaryVersion: '2.4.0',
    judgedAt: '2025-11-27T14:10:02.000Z',
    actor: 'judge',
    decision: 'abort',
    auditSeq: 42,
    report: {
      score: 0,
      verdict: 'fail',
      reason: 'p99 latency +80% (CI +72%..+88%), above the critical +50%: fails the canary',
      confidenceLevel: 0.95,
      thresholds: { pass: 95, marginal: 75 },
      groups: [
        { name: 'latency', weight: 60, score: 50, metrics: ['latencyP99', 'latencyP50'] },
        { name: 'errors', weight: 40, score: 0, metrics: ['errorRate'] },
      ],
      metrics: [
        judgement({
          name: 'requestRate',
          label: 'Request rate',
          unit: 'req/s',
          direction: 'decrease',
          baselineStats: stats(180, 6),
          canaryStats: stats(179, 6),
          estimate: -1,
          confidenceInterval: [-3, 1.2],
          effectSize: 0.995,
          pValue: 0.31,
          reason: 'Request rate -0.6% (CI -1.7%..+0.7%), within the allowed -10%',
        }),
        judgement({
          name: 'latencyP99',
          label: 'p99 latency',
          unit: 'ms',
          group: 'latency',
          critical: true,
          classification: 'high',
          failsCanary: true,
          baselineStats: stats(120, 8),
          canaryStats: stats(216, 12),
          estimate: 96,
          confidenceInterval: [86.4, 105.6],
          effectSize: 1.8,
          pValue: 1.2e-12,
          reason: 'p99 latency +80% (CI +72%..+88%), above the critical +50%: fails the canary',
        }),
        judgement({
          name: 'latencyP50',
          label: 'p50 latency',
          unit: 'ms',
          group: 'latency',
          classification: 'nodata',
          baselineStats: stats(48, 2),
          canaryStats: NO_DATA,
          estimate: null,
          confidenceInterval: null,
          effectSize: null,
          pValue: null,
          method: null,
          reason: 'no canary samples in the window',
        }),
        judgement({
          name: 'errorRate',
          label: 'Error rate',
          unit: 'ratio',
          group: 'errors',
          classification: 'high',
          baselineStats: stats(0.002, 0.0004),
          canaryStats: stats(0.014, 0.002),
          estimate: 0.012,
          confidenceInterval: [0.0105, 0.0134],
          effectSize: 7,
          pValue: 0.0004,
          reason: 'Error rate +600% (CI +525%..+670%), above the allowed +20% | ratio',
        }),
      ],
    },
  };
}
