// The fleet's health column read from the judge: the same verdict that decides analysis steps,
// over the last few minutes, so the column and the analysis never disagree about a canary.
import type { JudgeReport } from '../../../shared/canary';
import type { Health } from '../../../shared/domain';

/**
 * Which rollout generation a reading judged. A roll forward brings a new canary version and a
 * retry a new start: a reading of the previous one says nothing about them.
 */
export interface HealthSubject {
  canaryVersion: string;
  startedAt: string;
}

export interface HealthReading {
  health: Health;
  reason: string;
  score: number;
  subject: HealthSubject;
  /** The window judged, ISO 8601. */
  window?: { from: string; to: string };
}

const HEALTH_BY_VERDICT = { pass: 'healthy', marginal: 'warning', fail: 'critical' } as const;

export function healthSubject(r: HealthSubject): HealthSubject {
  return { canaryVersion: r.canaryVersion, startedAt: r.startedAt };
}

/** Whether `reading` judged the generation `r` is in now. */
export function isReadingOf(reading: HealthReading, r: HealthSubject): boolean {
  return reading.subject.canaryVersion === r.canaryVersion && reading.subject.startedAt === r.startedAt;
}

/** What the metrics backend said when it could give none of the report's metrics. */
function nothingRead(report: JudgeReport): string | undefined {
  const errors = report.metrics.map((m) => m.sources?.canary.error ?? m.sources?.baseline.error);
  if (errors.length === 0 || errors.some((e) => e === undefined)) return undefined;
  return errors[0];
}

export function healthFromReport(report: JudgeReport, subject: HealthSubject): HealthReading {
  // The metrics backend being down says nothing about the canary: unknown, not critical.
  const unreadable = nothingRead(report);
  if (unreadable !== undefined)
    return {
      health: 'unknown',
      reason: `metrics could not be read: ${unreadable}`,
      score: report.score,
      subject,
    };
  if (report.metrics.every((m) => m.canaryStats.count === 0))
    return { health: 'unknown', reason: 'no canary samples yet', score: report.score, subject };
  return {
    health: HEALTH_BY_VERDICT[report.verdict],
    reason: report.reason,
    score: report.score,
    subject,
  };
}
