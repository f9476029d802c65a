// Turns a canary config and a time window into the judge's input: baseline (the stable version)
// and canary samples of every configured metric, at the metrics backend's 10 s resolution.
import type { ParsedJudgeInput } from '../../../shared/canary';
import type { MetricName } from '../../../shared/domain';
import type { RolloutSnapshot } from '../rollouts/deployment-backend';
import { METRIC_UNITS, type MetricsBackend } from '../rollouts/metrics-backend';
import type { CanaryConfig } from './canary-config';

export const SAMPLE_STEP_MS = 10_000;

const METRIC_LABELS: Record<MetricName, string> = {
  requestRate: 'request rate',
  errorRate: 'error rate',
  latencyP50: 'median latency',
  latencyP90: 'p90 latency',
  latencyP99: 'p99 latency',
  cpu: 'CPU',
};

export interface AnalysisWindow {
  /** Epoch ms, inclusive. */
  from: number;
  /** Epoch ms, exclusive. */
  to: number;
}

export async function gatherJudgeInput(
  metrics: MetricsBackend,
  rollout: Pick<
    RolloutSnapshot,
    'service' | 'environment' | 'stableVersion' | 'canaryVersion' | 'connection'
  >,
  config: CanaryConfig,
  window: AnalysisWindow,
): Promise<ParsedJudgeInput> {
  // In the config's order: the order its author chose.
  const entries = (Object.keys(config.metrics) as MetricName[]).flatMap((name) => {
    const metricConfig = config.metrics[name];
    return metricConfig ? [{ name, metricConfig }] : [];
  });
  const judged = await Promise.all(
    entries.map(async ({ name, metricConfig }) => {
      const query = {
        service: rollout.service,
        environment: rollout.environment,
        ...(rollout.connection === undefined ? {} : { connection: rollout.connection }),
        metric: name,
        ...window,
        stepMs: SAMPLE_STEP_MS,
      };
      const [baseline, canary] = await Promise.all([
        metrics.query({ ...query, version: rollout.stableVersion }),
        metrics.query({ ...query, version: rollout.canaryVersion }),
      ]);
      return {
        ...metricConfig,
        name,
        label: metricConfig.label ?? METRIC_LABELS[name],
        unit: metricConfig.unit ?? METRIC_UNITS[name],
        baseline: baseline.map((s) => s.value),
        canary: canary.map((s) => s.value),
      };
    }),
  );
  return {
    confidenceLevel: config.confidenceLevel,
    thresholds: config.thresholds,
    groups: config.groups,
    metrics: judged,
  };
}
