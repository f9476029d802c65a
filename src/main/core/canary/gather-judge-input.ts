// Turns a canary config and a time window into the judge's input: baseline (the stable version)
// and canary samples of every configured metric, at the metrics backend's 10 s resolution. A side
// the backend cannot give (down, hung, query refused) makes that metric `unavailable`, judged an
// error with the backend's words; the other metrics are judged as usual. Each side's query as the
// backend ran it, its sample count and a link to it go with the report.
import type { JudgeReport, MetricSource, ParsedJudgeInput } from '../../../shared/canary';
import type { MetricName } from '../../../shared/domain';
import type { RolloutSnapshot } from '../rollouts/deployment-backend';
import {
  METRIC_UNITS,
  type MetricDescription,
  type MetricQuery,
  type MetricSample,
  type MetricsBackend,
} from '../rollouts/metrics-backend';
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

export type MetricSources = Record<string, { baseline: MetricSource; canary: MetricSource }>;

export interface GatheredInput {
  input: ParsedJudgeInput;
  sources: MetricSources;
}

function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** One side's samples and where they came from; a backend failure is recorded, never thrown. */
export async function readSide(
  metrics: MetricsBackend,
  query: MetricQuery,
): Promise<{ samples: MetricSample[]; source: MetricSource; unit?: string }> {
  let described: MetricDescription | undefined;
  try {
    described = metrics.describe?.(query);
  } catch {
    described = undefined;
  }
  const where = described
    ? { query: described.query, ...(described.link ? { link: described.link } : {}) }
    : {};
  const unit = described?.unit === undefined ? {} : { unit: described.unit };
  try {
    const samples = await metrics.query(query);
    return { samples, source: { ...where, samples: samples.length }, ...unit };
  } catch (error) {
    return { samples: [], source: { ...where, samples: 0, error: errorText(error) }, ...unit };
  }
}

/** Why a metric could not be read, naming the side when only one failed. */
export function unavailableReason(
  baseline: MetricSource,
  canary: MetricSource,
  versions: { baseline: string; canary: string },
): string | undefined {
  if (baseline.error !== undefined && canary.error !== undefined)
    return baseline.error === canary.error
      ? baseline.error
      : `baseline ${versions.baseline}: ${baseline.error}; canary ${versions.canary}: ${canary.error}`;
  if (baseline.error !== undefined) return `baseline ${versions.baseline}: ${baseline.error}`;
  if (canary.error !== undefined) return `canary ${versions.canary}: ${canary.error}`;
  return undefined;
}

export async function gatherJudgeInput(
  metrics: MetricsBackend,
  rollout: Pick<
    RolloutSnapshot,
    'service' | 'environment' | 'stableVersion' | 'canaryVersion' | 'connection'
  >,
  config: CanaryConfig,
  window: AnalysisWindow,
  /** The canary side's window when it is not the baseline's (a flag's after-the-flip window). */
  canaryWindow: AnalysisWindow = window,
): Promise<GatheredInput> {
  // In the config's order: the order its author chose.
  const entries = (Object.keys(config.metrics) as MetricName[]).flatMap((name) => {
    const metricConfig = config.metrics[name];
    return metricConfig ? [{ name, metricConfig }] : [];
  });
  const sources: MetricSources = {};
  const versions = { baseline: rollout.stableVersion, canary: rollout.canaryVersion };
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
        readSide(metrics, { ...query, version: versions.baseline }),
        readSide(metrics, { ...query, ...canaryWindow, version: versions.canary }),
      ]);
      sources[name] = { baseline: baseline.source, canary: canary.source };
      const unavailable = unavailableReason(baseline.source, canary.source, versions);
      return {
        ...metricConfig,
        name,
        label: metricConfig.label ?? METRIC_LABELS[name],
        unit: metricConfig.unit ?? baseline.unit ?? METRIC_UNITS[name],
        baseline: baseline.samples.map((s) => s.value),
        canary: canary.samples.map((s) => s.value),
        ...(unavailable === undefined ? {} : { unavailable }),
      };
    }),
  );
  return {
    input: {
      confidenceLevel: config.confidenceLevel,
      thresholds: config.thresholds,
      groups: config.groups,
      metrics: judged,
    },
    sources,
  };
}

/** The report with each metric's sources beside its judgement. */
export function withSources(report: JudgeReport, sources: MetricSources): JudgeReport {
  return {
    ...report,
    metrics: report.metrics.map((m) => {
      const source = sources[m.name];
      return source ? { ...m, sources: source } : m;
    }),
  };
}
