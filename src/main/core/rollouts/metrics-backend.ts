import type { MetricName } from '../../../shared/domain';

export interface MetricQuery {
  service: string;
  environment: string;
  version: string;
  metric: MetricName;
  /** Epoch ms, inclusive. */
  from: number;
  /** Epoch ms, exclusive. */
  to: number;
  stepMs: number;
  /** The deployment connection of the rollout being read: how a router picks the metrics connection. */
  connection?: string;
}

export interface MetricSample {
  time: number;
  value: number;
}

export interface MetricDescription {
  query: string;
  link?: string;
  unit?: string;
}

export interface MetricsBackend {
  readonly name: string;
  /**
   * Samples of one version's metric; empty where the version served no traffic (no data, which
   * never passes). Rejects with MetricsUnavailable when the backend cannot answer.
   */
  query(query: MetricQuery): Promise<MetricSample[]>;
  /**
   * The query as the backend runs it, for reports: the resolved PromQL and a link to it, say, and
   * the unit its values are in when the backend's config names one. Never throws.
   */
  describe?(query: MetricQuery): MetricDescription | undefined;
}

/** The metrics backend could not answer (down, timed out, refused the query); the message says why. */
export class MetricsUnavailable extends Error {}

export const METRIC_UNITS: Record<MetricName, string> = {
  requestRate: 'req/s',
  errorRate: 'ratio',
  latencyP50: 'ms',
  latencyP90: 'ms',
  latencyP99: 'ms',
  cpu: 'cores',
};
