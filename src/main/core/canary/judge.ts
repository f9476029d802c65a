// The canary judge: classifies every metric, scores the groups and gives the verdict, with the
// failing metrics first and a reason on every line. Pure and deterministic: the same input gives
// the same report, so a verdict can be re-checked later from the audit record's window.
import type { JudgeReport, MetricJudgement, ParsedJudgeInput } from '../../../shared/canary';
import { classifyMetric, type RankSumTest } from './classify-metric';
import { mannWhitneySorted } from './mann-whitney';
import { scoreCanary } from './score-canary';
import { verdictReason } from './verdict-reason';

function severity(m: MetricJudgement): number {
  if (m.failsCanary) return 0;
  switch (m.classification) {
    case 'high':
    case 'low':
    case 'nodata-fail':
    case 'error':
      return 1;
    case 'nodata':
      return 2;
    case 'pass':
      return 3;
  }
}

export function judge(input: ParsedJudgeInput, test: RankSumTest = mannWhitneySorted): JudgeReport {
  const weighted = input.metrics.map((metric) => ({
    judgement: classifyMetric(metric, input.confidenceLevel, test),
    weight: metric.weight,
  }));
  const scored = scoreCanary(weighted, input.groups, input.thresholds);
  // Array.prototype.sort is stable: within a severity the input order stays.
  const metrics = weighted.map((w) => w.judgement).sort((a, b) => severity(a) - severity(b));
  return {
    score: scored.score,
    verdict: scored.verdict,
    reason: verdictReason(scored, metrics, input.thresholds),
    confidenceLevel: input.confidenceLevel,
    thresholds: input.thresholds,
    groups: scored.groups,
    metrics,
  };
}
