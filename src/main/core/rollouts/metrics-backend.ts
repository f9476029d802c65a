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
}

export interface MetricSample {
  time: number;
  value: number;
}

export interface MetricsBackend {
  readonly name: string;
  /** Samples of one version's metric; empty where the version served no traffic. */
  query(query: MetricQuery): Promise<MetricSample[]>;
}

export const METRIC_UNITS: Record<MetricName, string> = {
  requestRate: 'req/s',
  errorRate: 'ratio',
  latencyP50: 'ms',
  latencyP90: 'ms',
  latencyP99: 'ms',
  cpu: 'cores',
};
