// A quick health reading of a canary against its baseline for the fleet view. The full statistical
// judge (Mann-Whitney, Kayenta-style scoring) decides analysis steps; this only flags trouble early.
import type { Health } from '../../../shared/domain';

export interface HealthReading {
  health: Health;
  reason: string;
  /** 0-100, for analysis steps judged by this rule. */
  score: number;
}

const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
const pct = (ratio: number) => `${ratio >= 1 ? '+' : ''}${Math.round((ratio - 1) * 100)}%`;

export function readCanaryHealth(
  baseline: { errorRate: number[]; latencyP99: number[] },
  canary: { errorRate: number[]; latencyP99: number[] },
): HealthReading {
  if (canary.errorRate.length < 3 || baseline.errorRate.length < 3)
    return { health: 'unknown', reason: 'not enough canary samples yet', score: 0 };
  const baseErr = mean(baseline.errorRate);
  const canErr = mean(canary.errorRate);
  const errRatio = canErr / Math.max(baseErr, 1e-6);
  const errAbs = canErr - baseErr;
  const p99Ratio = mean(canary.latencyP99) / Math.max(mean(baseline.latencyP99), 1e-6);
  const findings: string[] = [];
  let health: Health = 'healthy';
  if ((errRatio > 2 && errAbs > 0.002) || p99Ratio > 1.4) health = 'critical';
  else if ((errRatio > 1.3 && errAbs > 0.0005) || p99Ratio > 1.15) health = 'warning';
  if (errRatio > 1.3)
    findings.push(
      `error rate ${pct(errRatio)} (${(canErr * 100).toFixed(2)}% vs ${(baseErr * 100).toFixed(2)}%)`,
    );
  if (p99Ratio > 1.15) findings.push(`p99 latency ${pct(p99Ratio)}`);
  const score = health === 'healthy' ? 100 : health === 'warning' ? 60 : 0;
  return {
    health,
    reason:
      findings.length > 0 ? `canary ${findings.join(', ')} vs baseline` : 'canary in line with baseline',
    score,
  };
}
