// Kayenta's MannWhitneyClassifier, made deterministic: no data -> nodata (nodata-fail when the
// metric must have data); identical samples or one value throughout -> pass (Kayenta adds random
// noise to break such ties; we do not); else a two-sided Mann-Whitney test, and the canary is high
// when the whole confidence interval lies above zero and the mean ratio exceeds the allowance
// (low symmetrically). A thrown test becomes 'error' with its message, never an exception; so do
// samples the metrics backend could not give (`unavailable`), which count as no evidence either way.
import type { MetricBounds, MetricJudgement, ParsedJudgeInput, SampleStats } from '../../../shared/canary';
import { meanRatio } from './effect-size';
import { mannWhitneySorted } from './mann-whitney';
import {
  comparedReason,
  constantReason,
  errorReason,
  identicalReason,
  noDataReason,
  unreadableReason,
  type ComparedOutcome,
} from './metric-reason';
import { prepareSample } from './prepare-sample';
import { sortedSampleStats } from './sample-stats';
import { sortedCopy } from './sort-numbers';

export type JudgeMetric = ParsedJudgeInput['metrics'][number];
/** A rank-sum test on samples sorted ascending. */
export type RankSumTest = typeof mannWhitneySorted;

const finiteOrNull = (x: number): number | null => (Number.isFinite(x) ? x : null);

const NO_TEST = { pValue: null, estimate: null, confidenceInterval: null, method: null } as const;

function sameSorted(a: Float64Array, b: Float64Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** The bounds that apply in the metric's direction: what the report draws on its charts. */
function boundsOf(metric: JudgeMetric): MetricBounds {
  const up = metric.direction !== 'decrease';
  const down = metric.direction !== 'increase';
  return {
    ...(up ? { allowedIncrease: metric.allowedIncrease } : {}),
    ...(up && metric.criticalIncrease !== undefined ? { criticalIncrease: metric.criticalIncrease } : {}),
    ...(down ? { allowedDecrease: metric.allowedDecrease } : {}),
    ...(down && metric.criticalDecrease !== undefined ? { criticalDecrease: metric.criticalDecrease } : {}),
  };
}

/** Both sorted samples hold one and the same value throughout. */
function oneValue(a: Float64Array, b: Float64Array): boolean {
  const first = a[0];
  return a[a.length - 1] === first && b[0] === first && b[b.length - 1] === first;
}

export function classifyMetric(
  metric: JudgeMetric,
  confidenceLevel: number,
  test: RankSumTest = mannWhitneySorted,
): MetricJudgement {
  const baseline = prepareSample(metric.baseline, metric);
  const canary = prepareSample(metric.canary, metric);
  // Sorted once: the stats, the identity checks and the test all work on the sorted samples.
  const sortedBaseline = sortedCopy(baseline.values);
  const sortedCanary = sortedCopy(canary.values);
  const baselineStats = sortedSampleStats(sortedBaseline, baseline.removed);
  const canaryStats = sortedSampleStats(sortedCanary, canary.removed);
  const label = metric.label ?? metric.name;
  const common = {
    name: metric.name,
    label,
    group: metric.group,
    direction: metric.direction,
    critical: metric.critical,
    baselineStats,
    canaryStats,
    ...(metric.unit === undefined ? {} : { unit: metric.unit }),
    bounds: boundsOf(metric),
  };

  // Samples that could not be read say nothing about the canary, good or bad: an error, never a pass.
  if (metric.unavailable !== undefined)
    return {
      ...common,
      ...NO_TEST,
      classification: 'error',
      effectSize: null,
      failsCanary: false,
      reason: unreadableReason(label, metric.unavailable),
    };

  if (baseline.values.length === 0 || canary.values.length === 0) {
    const required = metric.mustHaveData;
    return {
      ...common,
      ...NO_TEST,
      classification: required ? 'nodata-fail' : 'nodata',
      effectSize: null,
      failsCanary: required && metric.critical,
      reason: noDataReason(
        label,
        {
          baseline: baseline.values.length,
          canary: canary.values.length,
          removedBaseline: baseline.removed,
          removedCanary: canary.removed,
        },
        required,
      ),
    };
  }

  const ratio = meanRatio(mean(canaryStats), mean(baselineStats));
  const effectSize = finiteOrNull(ratio);
  const pass = (reason: string): MetricJudgement => ({
    ...common,
    ...NO_TEST,
    estimate: 0,
    classification: 'pass',
    effectSize,
    failsCanary: false,
    reason,
  });
  if (sameSorted(sortedCanary, sortedBaseline)) return pass(identicalReason(label));
  if (oneValue(sortedCanary, sortedBaseline))
    return pass(constantReason(label, sortedCanary[0] as number, metric.unit));

  let result: ReturnType<RankSumTest>;
  try {
    result = test(sortedCanary, sortedBaseline, confidenceLevel);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    return {
      ...common,
      ...NO_TEST,
      classification: 'error',
      effectSize,
      failsCanary: metric.critical,
      reason: errorReason(label, message, metric.critical),
    };
  }

  const [lower, upper] = result.confidenceInterval;
  const allowsIncrease = metric.direction !== 'decrease';
  const allowsDecrease = metric.direction !== 'increase';
  const high = allowsIncrease && lower > 0 && ratio > metric.allowedIncrease;
  const low = !high && allowsDecrease && upper < 0 && ratio < metric.allowedDecrease;
  const criticalEffect = high
    ? metric.criticalIncrease !== undefined && ratio >= metric.criticalIncrease
    : low && metric.criticalDecrease !== undefined && ratio <= metric.criticalDecrease;
  const criticalLimit = high ? metric.criticalIncrease : metric.criticalDecrease;

  let outcome: ComparedOutcome;
  if (high || low)
    outcome = {
      kind: high ? 'high' : 'low',
      allowed: high ? metric.allowedIncrease : metric.allowedDecrease,
      ...(criticalEffect && criticalLimit !== undefined
        ? { critical: { effect: criticalLimit } }
        : metric.critical
          ? { critical: 'metric' as const }
          : {}),
    };
  else
    outcome = {
      kind: 'pass',
      direction: metric.direction,
      allowedIncrease: metric.allowedIncrease,
      allowedDecrease: metric.allowedDecrease,
    };

  const interval: [number, number] = [lower, upper];
  return {
    ...common,
    classification: high ? 'high' : low ? 'low' : 'pass',
    pValue: finiteOrNull(result.pValue),
    estimate: finiteOrNull(result.estimate),
    confidenceInterval: Number.isFinite(lower) && Number.isFinite(upper) ? interval : null,
    effectSize,
    method: result.method,
    failsCanary: (high || low) && (criticalEffect || metric.critical),
    reason: comparedReason(
      {
        label,
        unit: metric.unit,
        estimate: result.estimate,
        interval,
        baselineMedian: baselineStats.median ?? 0,
        ratio,
      },
      outcome,
    ),
  };
}

/** Stats of a non-empty sample always have a mean. */
function mean(stats: SampleStats): number {
  return stats.mean ?? 0;
}
