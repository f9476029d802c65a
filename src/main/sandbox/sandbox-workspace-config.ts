// The config.yaml `sandbox up` writes: the workspace's connections pointing at the sandbox (HAProxy's
// Runtime API, Prometheus's URL), PromQL templates matching the demo service's metrics, and a canary
// short enough to watch whole in under three minutes. Everything the control room needs to know
// about the sandbox is generated here, in one place, and checked against the config schema before
// it is written.
import { Document } from 'yaml';
import type { MetricName } from '../../shared/domain';
import { configSchema } from '../core/config/config-schema';
import { SANDBOX_BACKEND, SANDBOX_ENVIRONMENT, SANDBOX_INSTANCES, SANDBOX_SERVICE } from './sandbox-topology';

/** The first line of a config.yaml the sandbox wrote (and may therefore rewrite). */
export const GENERATED_MARKER = '# Written by control-room sandbox up';

export const HAPROXY_CONNECTION = 'sandbox-haproxy';
export const PROMETHEUS_CONNECTION = 'sandbox-prometheus';

/** 10% for 20 s, judged over 30 s; 50% likewise; then all of it: about 2 minutes in all. */
export const CANARY_STEPS = [
  { setWeight: 10 },
  { pause: '20s' },
  { analysis: '30s' },
  { setWeight: 50 },
  { pause: '20s' },
  { analysis: '30s' },
  { setWeight: 100 },
];

const SELECTOR = 'service="{{service}}",environment="{{environment}}",version="{{version}}"';
/** Six scrapes at 5 s: short enough to follow a fault within one analysis step. */
const RATE_WINDOW = '30s';
const requests = (extra = '') => `http_requests_total{${SELECTOR}${extra}}`;
const quantile = (q: number) =>
  `1000 * histogram_quantile(${q}, sum by (le) (rate(http_request_duration_seconds_bucket{${SELECTOR}}[${RATE_WINDOW}])))`;

/**
 * A template for every metric the shipped canary config judges, so none reads nodata. Each side is a
 * version as a whole: error rate and latency over all its instances' requests, and CPU as the sum of
 * its instances' (an average per instance would mark the single canary instance as busier).
 */
export const PROMQL_TEMPLATES: Partial<Record<MetricName, { query: string; unit: string }>> = {
  requestRate: { query: `sum(rate(${requests()}[${RATE_WINDOW}]))`, unit: 'req/s' },
  errorRate: {
    query: `sum(rate(${requests(',code=~"5.."')}[${RATE_WINDOW}])) / sum(rate(${requests()}[${RATE_WINDOW}]))`,
    unit: 'ratio',
  },
  latencyP50: { query: quantile(0.5), unit: 'ms' },
  latencyP90: { query: quantile(0.9), unit: 'ms' },
  latencyP99: { query: quantile(0.99), unit: 'ms' },
  cpu: { query: `sum(rate(process_cpu_seconds_total{${SELECTOR}}[${RATE_WINDOW}]))`, unit: 'cores' },
};

export interface SandboxEndpoints {
  /** HAProxy's Runtime API socket (absolute path). */
  socket: string;
  prometheusUrl: string;
}

export function sandboxWorkspaceConfig(endpoints: SandboxEndpoints): string {
  const config = {
    connections: [
      {
        name: HAPROXY_CONNECTION,
        kind: 'haproxy',
        socket: endpoints.socket,
        services: [
          {
            service: SANDBOX_SERVICE,
            environment: SANDBOX_ENVIRONMENT,
            backend: SANDBOX_BACKEND,
            servers: Object.fromEntries(SANDBOX_INSTANCES.map((i) => [i.name, i.version])),
            strategy: 'canary',
            steps: CANARY_STEPS,
            metrics: PROMETHEUS_CONNECTION,
          },
        ],
      },
      {
        name: PROMETHEUS_CONNECTION,
        kind: 'prometheus',
        url: endpoints.prometheusUrl,
        metrics: PROMQL_TEMPLATES,
      },
    ],
  };
  const checked = configSchema.safeParse(config);
  if (!checked.success) {
    const issue = checked.error.issues[0];
    throw new Error(
      `the sandbox's config.yaml does not fit the config schema at ${issue?.path.join('.')}: ${issue?.message}`,
    );
  }
  const doc = new Document(config);
  doc.commentBefore = [
    ` ${GENERATED_MARKER.slice(2)}: the workspace of the live-fire sandbox in this folder.`,
    ' It is rewritten at every `sandbox up` (the ports change); `sandbox down` leaves it.',
  ].join('\n');
  return doc.toString({ lineWidth: 0 });
}
