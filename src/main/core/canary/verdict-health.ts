// The fleet's health column read from the judge: the same verdict that decides analysis steps,
// over the last few minutes, so the column and the analysis never disagree about a canary.
import type { JudgeReport } from '../../../shared/canary';
import type { Health } from '../../../shared/domain';

export interface HealthReading {
  health: Health;
  reason: string;
  score: number;
  /** The window judged, ISO 8601. */
  window?: { from: string; to: string };
}

const HEALTH_BY_VERDICT = { pass: 'healthy', marginal: 'warning', fail: 'critical' } as const;

export function healthFromReport(report: JudgeReport): HealthReading {
  if (report.metrics.every((m) => m.canaryStats.count === 0))
    return { health: 'unknown', reason: 'no canary samples yet', score: report.score };
  return { health: HEALTH_BY_VERDICT[report.verdict], reason: report.reason, score: report.score };
}
