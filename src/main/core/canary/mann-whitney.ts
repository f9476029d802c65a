// The Wilcoxon-Mann-Whitney rank-sum test exactly as R's
//   wilcox.test(canary, baseline, conf.int = TRUE, conf.level = L)
// defines it (two-sided, mu = 0, continuity correction, tol.root = 1e-4):
// - both samples under 50 and no ties: the exact distribution of W; the confidence interval and
//   the Hodges-Lehmann estimate come from the sorted pairwise differences;
// - otherwise: the normal approximation with tie-corrected variance and continuity correction;
//   interval and estimate are the roots of the standardised statistic as a function of the shift.
//   That function is a step function jumping at pairwise differences, so the roots are found
//   exactly, as order statistics of the differences, where R's uniroot stops within 1e-4 of them
//   (and, on a flat stretch at zero, anywhere on it: we take its middle, the Hodges-Lehmann
//   estimate, which also keeps the result symmetric when the samples are swapped).
// Memory is O(n + m) on the approximate path: no n*m table of differences.
import { normalQuantile, normalTails } from './normal-distribution';
import { PairwiseDifferences } from './pairwise-difference-rank';
import { rankSumAt, tieTermOf, type RankSum } from './rank-sum';
import { valuesAtRanks } from './select-ranks';
import { sortedCopy } from './sort-numbers';
import { wilcoxCdf, wilcoxQuantile } from './wilcox-distribution';

export interface MannWhitneyResult {
  /** W: the rank sum of the canary minus its minimum, as R reports it. */
  statistic: number;
  pValue: number;
  /** Location shift canary minus baseline. */
  estimate: number;
  confidenceInterval: [number, number];
  /** The level the interval achieves (the exact path may not reach the one asked for). */
  confidenceLevel: number;
  method: 'exact' | 'normal';
}

export class StatisticsError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'StatisticsError';
  }
}

const EXACT_LIMIT = 50;

function exactTest(
  xs: Float64Array,
  ys: Float64Array,
  w: number,
  confidenceLevel: number,
): MannWhitneyResult {
  const n = xs.length;
  const m = ys.length;
  const p = w > (n * m) / 2 ? wilcoxCdf(w - 1, n, m, false) : wilcoxCdf(w, n, m);
  const alpha = 1 - confidenceLevel;
  const differences = new Float64Array(n * m);
  let k = 0;
  for (const x of xs) for (const y of ys) differences[k++] = x - y;
  let qu = wilcoxQuantile(alpha / 2, n, m);
  if (qu === 0) qu = 1;
  const ql = n * m - qu;
  const achievedAlpha = 2 * wilcoxCdf(Math.trunc(qu) - 1, n, m);
  // Only these ranks of the sorted differences are needed: selected, not sorted.
  const nm = n * m;
  const half = Math.floor(nm / 2);
  const odd = nm % 2 === 1;
  const [lower, upper, middle, below] = valuesAtRanks(
    differences,
    odd ? [qu - 1, ql, half] : [qu - 1, ql, half, half - 1],
  ) as number[];
  return {
    statistic: w,
    pValue: Math.min(2 * p, 1),
    estimate: odd ? (middle as number) : ((below as number) + (middle as number)) / 2,
    confidenceInterval: [lower as number, upper as number],
    confidenceLevel: achievedAlpha - alpha > alpha / 2 ? 1 - achievedAlpha : confidenceLevel,
    method: 'exact',
  };
}

/**
 * Where the standardised statistic, as a function of the shift d, crosses zero. Between pairwise
 * differences it is constant (no cross ties, so sigma depends only on ties within each sample), so
 * every root R's uniroot hunts to tol.root = 1e-4 is a pairwise difference we can pick exactly.
 */
function shiftRoots(xs: Float64Array, ys: Float64Array, sigma: number, confidenceLevel: number) {
  const differences = new PairwiseDifferences(xs, ys);
  const nm = differences.count;
  const lastIndex = nm - 1;
  // The shift where the count of differences above d drops to `threshold` or below.
  const crossing = (threshold: number) => {
    const index = nm - (Math.floor(threshold) + 1);
    return differences.kth(Math.min(lastIndex, Math.max(0, index)));
  };
  const alpha = 1 - confidenceLevel;
  const zLower = normalQuantile(alpha / 2, true);
  const zUpper = normalQuantile(alpha / 2);
  const lower = crossing(nm / 2 + 0.5 + zLower * sigma);
  const upper = crossing(nm / 2 - 0.5 + zUpper * sigma);
  // Without continuity correction the statistic is zero between the two middle differences:
  // the Hodges-Lehmann estimate, the median of all pairwise differences.
  const half = Math.floor(nm / 2);
  const estimate =
    nm % 2 === 1 ? differences.kth(half) : (differences.kth(half - 1) + differences.kth(half)) / 2;
  return { estimate, lower, upper };
}

function normalTest(
  xs: Float64Array,
  ys: Float64Array,
  at0: RankSum,
  confidenceLevel: number,
): MannWhitneyResult {
  const n = xs.length;
  const m = ys.length;
  const nm = n * m;
  const sigmaOf = (tieTerm: number) => Math.sqrt((nm / 12) * (n + m + 1 - tieTerm / ((n + m) * (n + m - 1))));
  const w = at0.rankSumX - (n * (n + 1)) / 2;
  const sigma = sigmaOf(at0.tieTerm);
  if (sigma === 0) throw new StatisticsError('every observation is the same value: nothing to compare');
  const centred = w - nm / 2;
  const z = (centred - Math.sign(centred) * 0.5) / sigma;
  const tails = normalTails(z);
  const pValue = 2 * Math.min(tails.lower, tails.upper);
  const withinSampleTies = tieTermOf(xs) + tieTermOf(ys);
  const roots = shiftRoots(xs, ys, sigmaOf(withinSampleTies), confidenceLevel);
  return {
    statistic: w,
    pValue,
    estimate: roots.estimate,
    confidenceInterval: [roots.lower, roots.upper],
    confidenceLevel,
    method: 'normal',
  };
}

function checkLevel(confidenceLevel: number): void {
  if (!(confidenceLevel > 0 && confidenceLevel < 1))
    throw new StatisticsError(`confidence level must be between 0 and 1, not ${confidenceLevel}`);
}

/** The test on samples already sorted ascending, finite and non-empty: callers that sort once. */
export function mannWhitneySorted(
  xs: Float64Array,
  ys: Float64Array,
  confidenceLevel = 0.95,
): MannWhitneyResult {
  if (xs.length === 0 || ys.length === 0)
    throw new StatisticsError(`no ${xs.length === 0 ? 'canary' : 'baseline'} samples to compare`);
  checkLevel(confidenceLevel);
  // One ranking serves both the tie check that picks the path and the approximate test itself.
  const at0 = rankSumAt(xs, ys, 0);
  if (xs.length < EXACT_LIMIT && ys.length < EXACT_LIMIT && !at0.hasTies)
    return exactTest(xs, ys, at0.rankSumX - (xs.length * (xs.length + 1)) / 2, confidenceLevel);
  return normalTest(xs, ys, at0, confidenceLevel);
}

/**
 * Two-sided Mann-Whitney test of canary against baseline. Samples must be non-empty and finite
 * (prepare them first: NaN handling and outliers are the classifier's business).
 */
export function mannWhitney(
  canary: readonly number[],
  baseline: readonly number[],
  confidenceLevel = 0.95,
): MannWhitneyResult {
  if (canary.length === 0 || baseline.length === 0)
    throw new StatisticsError(`no ${canary.length === 0 ? 'canary' : 'baseline'} samples to compare`);
  checkLevel(confidenceLevel);
  for (const [name, sample] of [
    ['canary', canary],
    ['baseline', baseline],
  ] as const)
    if (!sample.every(Number.isFinite))
      throw new StatisticsError(`the ${name} sample has a non-finite value`);
  return mannWhitneySorted(sortedCopy(canary), sortedCopy(baseline), confidenceLevel);
}
