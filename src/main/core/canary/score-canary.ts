// Kayenta-style weighted scoring. A group's score is the weighted share of its passing metrics
// among those with data (nodata-fail and error count as data that failed); the summary is the
// group-weighted mean over groups with data. A metric that fails the canary on its own forces
// score 0, and half or more of the metrics without data forces fail: too little was judged. A
// score that would pass while a metric could not be judged (an error, missing required data, a
// critical metric without data) is held at marginal: nothing promotes on data it does not have.
import type { GroupScore, MetricJudgement, Verdict } from '../../../shared/canary';

export interface WeightedJudgement {
  judgement: MetricJudgement;
  /** Weight within its group (MetricJudgement does not carry it). */
  weight: number;
}

export interface CanaryScore {
  score: number;
  verdict: Verdict;
  groups: GroupScore[];
  /** Why the verdict is fail whatever the score, if it is. */
  forcedFail?: 'critical' | 'nodata';
  /** The score passes, but metrics that could not be judged hold the verdict at marginal. */
  heldBack?: boolean;
}

/** A metric whose verdict is unknown where it matters: a pass cannot stand on it. */
export function unjudged(m: MetricJudgement): boolean {
  return (
    m.classification === 'error' ||
    m.classification === 'nodata-fail' ||
    (m.classification === 'nodata' && m.critical)
  );
}

const round2 = (x: number) => Math.round(x * 100) / 100;
const sum = (xs: readonly number[]) => xs.reduce((a, b) => a + b, 0);

function groupScores(metrics: readonly WeightedJudgement[], weights: Record<string, number>): GroupScore[] {
  const byGroup = new Map<string, WeightedJudgement[]>();
  for (const m of metrics) byGroup.set(m.judgement.group, [...(byGroup.get(m.judgement.group) ?? []), m]);
  return [...byGroup.entries()].map(([name, members]) => {
    const judged = members.filter((m) => m.judgement.classification !== 'nodata');
    const total = sum(judged.map((m) => m.weight));
    const passed = sum(judged.filter((m) => m.judgement.classification === 'pass').map((m) => m.weight));
    return {
      name,
      weight: weights[name] ?? 1,
      score: judged.length === 0 || total === 0 ? null : round2((100 * passed) / total),
      metrics: members.map((m) => m.judgement.name),
    };
  });
}

export function scoreCanary(
  metrics: readonly WeightedJudgement[],
  groupWeights: Record<string, number>,
  thresholds: { pass: number; marginal: number },
): CanaryScore {
  const groups = groupScores(metrics, groupWeights);
  if (metrics.some((m) => m.judgement.failsCanary))
    return { score: 0, verdict: 'fail', groups, forcedFail: 'critical' };
  const scored = groups.flatMap((g) => (g.score === null ? [] : [{ weight: g.weight, score: g.score }]));
  const totalWeight = sum(scored.map((g) => g.weight));
  // Groups that all weigh 0 still say something: fall back to an unweighted mean.
  const summary =
    scored.length === 0
      ? 0
      : totalWeight > 0
        ? sum(scored.map((g) => g.weight * g.score)) / totalWeight
        : sum(scored.map((g) => g.score)) / scored.length;
  const score = round2(summary);
  const noData = metrics.filter(
    (m) => m.judgement.classification === 'nodata' || m.judgement.classification === 'nodata-fail',
  );
  if (metrics.length === 0 || noData.length * 2 >= metrics.length)
    return { score, verdict: 'fail', groups, forcedFail: 'nodata' };
  const verdict: Verdict =
    score >= thresholds.pass ? 'pass' : score >= thresholds.marginal ? 'marginal' : 'fail';
  if (verdict === 'pass' && metrics.some((m) => unjudged(m.judgement)))
    return { score, verdict: 'marginal', groups, heldBack: true };
  return { score, verdict, groups };
}
