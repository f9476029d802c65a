// Metric items: a metrics-backend condition over a window, e.g. "error rate of checkout at most
// yesterday's + 0.1 points". The value is traffic-weighted over the versions serving each
// environment; the worst environment decides.
import type { MetricName } from '../../../shared/domain';
import type { RolloutSnapshot } from '../rollouts/deployment-backend';
import type { MetricsBackend } from '../rollouts/metrics-backend';
import type { Judgement } from './judge-check';
import type { PlanItem } from './plan-file';
import { rolloutsOf, servingVersions } from './release-serving';

type MetricItem = Extract<PlanItem, { kind: 'metric' }>;

const DAY_MS = 86_400_000;
const STEP_MS = 60_000;

export function formatMetric(metric: MetricName, value: number): string {
  switch (metric) {
    case 'errorRate':
      return `${(value * 100).toFixed(2)}%`;
    case 'requestRate':
      return `${value.toFixed(1)} req/s`;
    case 'cpu':
      return `${value.toFixed(2)} cores`;
    default:
      return `${Math.round(value)} ms`;
  }
}

export function describeMetricItem(item: MetricItem): string {
  const where = item.environment ? `in ${item.environment}` : 'in every environment';
  const window = `${Math.round(item.window / 60_000)} min`;
  const limit =
    item.atMost !== undefined
      ? `at most ${formatMetric(item.metric, item.atMost)}`
      : `at most the same ${window} yesterday + ${formatMetric(item.metric, item.atMostBaselinePlus ?? 0)}`;
  return `${item.metric} of ${item.service} ${where} over ${window}: ${limit}`;
}

async function mean(
  metrics: MetricsBackend,
  r: RolloutSnapshot,
  metric: MetricName,
  versions: { version: string; share: number }[],
  from: number,
  to: number,
): Promise<number | undefined> {
  let sum = 0;
  let weight = 0;
  for (const { version, share } of versions) {
    const samples = await metrics.query({
      service: r.service,
      environment: r.environment,
      ...(r.connection === undefined ? {} : { connection: r.connection }),
      version,
      metric,
      from,
      to,
      stepMs: STEP_MS,
    });
    if (samples.length === 0) continue;
    sum += (share * samples.reduce((s, x) => s + x.value, 0)) / samples.length;
    weight += share;
  }
  return weight > 0 ? sum / weight : undefined;
}

export async function runMetricItem(
  item: MetricItem,
  metrics: MetricsBackend,
  rollouts: readonly RolloutSnapshot[],
  now: number,
): Promise<Judgement> {
  const where = rolloutsOf(rollouts, item.service, item.environment ? [item.environment] : undefined);
  const readings: { environment: string; value: number; limit: number }[] = [];
  for (const { environment, rollout } of where) {
    if (!rollout) return { passed: false, value: `${item.service} does not run in ${environment}` };
    const serving = servingVersions(rollout);
    const value = await mean(metrics, rollout, item.metric, serving, now - item.window, now);
    if (value === undefined) return { passed: false, value: `no data for ${item.service} in ${environment}` };
    let limit = item.atMost ?? Number.POSITIVE_INFINITY;
    if (item.atMostBaselinePlus !== undefined) {
      // Yesterday's traffic came from the oldest version serving now (the stable one).
      const oldest = serving.slice(-1);
      const baseline = await mean(
        metrics,
        rollout,
        item.metric,
        oldest,
        now - DAY_MS - item.window,
        now - DAY_MS,
      );
      if (baseline === undefined)
        return { passed: false, value: `no baseline data for ${item.service} in ${environment}` };
      limit = baseline + item.atMostBaselinePlus;
    }
    readings.push({ environment, value, limit });
  }
  if (readings.length === 0) return { passed: false, value: `${item.service} runs in no environment` };
  const worst = readings.reduce((a, b) => (b.value - b.limit > a.value - a.limit ? b : a));
  const fmt = (v: number) => formatMetric(item.metric, v);
  return {
    passed: readings.every((r) => r.value <= r.limit),
    value: `${worst.environment} ${fmt(worst.value)} (limit ${fmt(worst.limit)})`,
  };
}
