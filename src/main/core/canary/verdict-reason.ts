// The report's one-line reason: the verdict, the score against its threshold, and the worst
// metric's own reason, so the first line already says what to look at.
import type { MetricJudgement } from '../../../shared/canary';
import { unjudged, type CanaryScore } from './score-canary';

const isFailing = (m: MetricJudgement) =>
  m.classification === 'high' ||
  m.classification === 'low' ||
  m.classification === 'nodata-fail' ||
  m.classification === 'error';

function worst(failing: readonly MetricJudgement[]): string {
  const [first] = failing;
  if (!first) return '';
  return failing.length > 1 ? `${first.reason} (and ${failing.length - 1} more)` : first.reason;
}

/** `metrics` sorted failing first. */
export function verdictReason(
  scored: CanaryScore,
  metrics: readonly MetricJudgement[],
  thresholds: { pass: number; marginal: number },
): string {
  const failing = metrics.filter(isFailing);
  if (scored.forcedFail === 'critical') return `Fail: ${worst(metrics.filter((m) => m.failsCanary))}`;
  if (scored.forcedFail === 'nodata') {
    const missing = metrics.filter(
      (m) => m.classification === 'nodata' || m.classification === 'nodata-fail',
    );
    return `Fail: ${missing.length} of ${metrics.length} metrics had no data, too few to judge; ${missing[0]?.reason ?? ''}`;
  }
  const score = `score ${scored.score}`;
  if (scored.heldBack)
    return `Marginal: ${score} would pass, but not every metric could be judged; a person decides: ${worst(metrics.filter(unjudged))}`;
  switch (scored.verdict) {
    case 'pass':
      return failing.length === 0
        ? `Pass: ${score}, all ${metrics.length} metrics within bounds`
        : `Pass: ${score}; ${worst(failing)}`;
    case 'marginal':
      return `Marginal: ${score} (pass needs ${thresholds.pass}); ${worst(failing)}`;
    case 'fail':
      return `Fail: ${score} (marginal needs ${thresholds.marginal}); ${worst(failing)}`;
  }
}
