// The Prometheus MetricsBackend: each metric's PromQL template, filled in for one side (service,
// environment, version), read with query_range on a step-aligned grid. No series is no data; a
// query Prometheus refuses, or a server that is down, hung or unauthorized, is MetricsUnavailable
// naming the metric and Prometheus's words (with its line:col for parse errors). Also what the
// Settings screen needs: validate() and the series/labels look-ups for autocompletion.
import type { MetricName } from '../../../shared/domain';
import { BackendTimeout, type ConnectionHealth } from '../../core/connections/connection-health';
import type { PrometheusConnection, PrometheusMetric } from '../../core/connections/prometheus-connection';
import {
  fillPromqlTemplate,
  fillWithStandIns,
  parsePromqlTemplate,
  promDuration,
  type PromqlTemplate,
} from '../../core/connections/promql-template';
import type { SecretResolver } from '../../core/connections/secret-resolver';
import {
  MetricsUnavailable,
  type MetricDescription,
  type MetricQuery,
  type MetricSample,
  type MetricsBackend,
} from '../../core/rollouts/metrics-backend';
import { graphLink } from './graph-link';
import { PrometheusError, PrometheusHttp } from './prometheus-http';
import { rangeSamples, resultOf, sampleValue } from './prometheus-samples';

export interface PrometheusDeps {
  secrets: SecretResolver;
  /** The connection's health line: every call goes through it, with the connection's timeout. */
  health: ConnectionHealth;
}

/** A metric Prometheus cannot run as configured, or the connection itself (no `metric`). */
export interface PromqlProblem {
  metric?: MetricName;
  /** Set when the query is a service's own (`services.<service>.metrics`). */
  service?: string;
  /** Where in the connection's config, e.g. ['metrics', 'errorRate', 'query']. */
  path: string[];
  /** "errorRate: bad_data: 1:17: parse error: unexpected <op:*>" */
  message: string;
}

/** A look-up's time range, epoch ms; the last hour when absent. */
export interface LookupRange {
  start?: number;
  end?: number;
  /** At most this many answers (default 1,000). */
  limit?: number;
}

export interface InstantSample {
  labels: Record<string, string>;
  time: number;
  value: number;
}

interface Definition {
  metric: PrometheusMetric;
  template: PromqlTemplate;
}

interface Resolved {
  promql: string;
  /** The grid Prometheus evaluates on: start and end are multiples of step, end < the query's `to`. */
  start: number;
  end: number;
  stepMs: number;
}

const LOOKUP_RANGE_MS = 3_600_000;
const LABEL_NAME = /^[a-zA-Z_][a-zA-Z0-9_]*$/;

function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

const seconds = (ms: number) => String(ms / 1000);

export class PrometheusMetrics implements MetricsBackend {
  readonly name: string;
  private readonly http: PrometheusHttp;
  private readonly shared = new Map<MetricName, Definition>();
  private readonly perService = new Map<string, Map<MetricName, Definition>>();
  /** Templates config.yaml's schema would have refused: reported by validate() and every query. */
  private readonly broken: PromqlProblem[] = [];

  constructor(
    readonly config: PrometheusConnection,
    deps: PrometheusDeps,
  ) {
    this.name = config.name;
    this.http = new PrometheusHttp(config, deps.secrets, deps.health);
    this.define(this.shared, config.metrics, undefined);
    for (const [service, { metrics }] of Object.entries(config.services)) {
      const own = new Map<MetricName, Definition>();
      this.define(own, metrics, service);
      this.perService.set(service, own);
    }
  }

  private define(
    into: Map<MetricName, Definition>,
    metrics: PrometheusConnection['metrics'],
    service: string | undefined,
  ): void {
    for (const [name, metric] of Object.entries(metrics) as [MetricName, PrometheusMetric][]) {
      const parsed = parsePromqlTemplate(metric.query);
      if (parsed.ok) into.set(name, { metric, template: parsed.template });
      else
        this.broken.push({
          metric: name,
          ...(service === undefined ? {} : { service }),
          path: [...(service === undefined ? [] : ['services', service]), 'metrics', name, 'query'],
          message: `${name}: ${parsed.problems.join('; ')}`,
        });
    }
  }

  private definition(service: string, metric: MetricName): Definition | undefined {
    return this.perService.get(service)?.get(metric) ?? this.shared.get(metric);
  }

  private resolve(q: MetricQuery): Resolved | undefined {
    const def = this.definition(q.service, q.metric);
    if (!def) return undefined;
    const stepMs = Math.max(q.stepMs, def.metric.step ?? 0, 1000);
    const start = Math.ceil(q.from / stepMs) * stepMs;
    const end = Math.ceil(q.to / stepMs) * stepMs - stepMs;
    const promql = fillPromqlTemplate(def.template, {
      service: q.service,
      environment: q.environment,
      version: q.version,
      window: promDuration(def.metric.window),
    });
    return { promql, start, end, stepMs };
  }

  private missing(q: Pick<MetricQuery, 'metric' | 'service'>): MetricsUnavailable {
    const broken = this.broken.find((p) => p.metric === q.metric && (p.service ?? q.service) === q.service);
    if (broken) return new MetricsUnavailable(broken.message);
    return new MetricsUnavailable(
      `${q.metric}: connection ${this.name} has no query for ${q.metric}: add metrics.${q.metric}.query to it`,
    );
  }

  private reason(error: unknown): string {
    return error instanceof BackendTimeout
      ? `Prometheus ${this.name} gave no answer within ${this.config.timeout} ms`
      : errorText(error);
  }

  private unavailable(metric: string, error: unknown): MetricsUnavailable {
    return new MetricsUnavailable(`${metric}: ${this.reason(error)}`);
  }

  async query(q: MetricQuery): Promise<MetricSample[]> {
    const resolved = this.resolve(q);
    if (!resolved) throw this.missing(q);
    const { promql, start, end, stepMs } = resolved;
    if (end < start) return [];
    try {
      const data = await this.http.call(`${q.metric} of ${q.version}`, 'api/v1/query_range', [
        ['query', promql],
        ['start', seconds(start)],
        ['end', seconds(end)],
        ['step', seconds(stepMs)],
        ['timeout', this.http.evaluationTimeout],
      ]);
      return rangeSamples(data, q.from, q.to);
    } catch (error) {
      throw this.unavailable(q.metric, error);
    }
  }

  describe(q: MetricQuery): MetricDescription | undefined {
    const resolved = this.resolve(q);
    if (!resolved) return undefined;
    const unit = this.definition(q.service, q.metric)?.metric.unit;
    return {
      query: resolved.promql,
      ...(unit === undefined ? {} : { unit }),
      link: graphLink(this.http.url('graph'), resolved.promql, {
        from: q.from,
        to: q.to,
        stepMs: resolved.stepMs,
      }),
    };
  }

  /**
   * Asks Prometheus to run every template (filled with stand-ins as long as the placeholders, so
   * its line:col is the template's own) and returns what it refused; [] when all is well. A
   * connection that cannot be reached is one problem without a metric, and ends the check.
   */
  async validate(): Promise<PromqlProblem[]> {
    const problems: PromqlProblem[] = [...this.broken];
    const all: { service?: string; name: MetricName; def: Definition }[] = [
      ...[...this.shared].map(([name, def]) => ({ name, def })),
      ...[...this.perService].flatMap(([service, defs]) =>
        [...defs].map(([name, def]) => ({ service, name, def })),
      ),
    ];
    for (const { service, name, def } of all) {
      try {
        const data = await this.http.call(`check ${name}`, 'api/v1/query', [
          ['query', fillWithStandIns(def.template)],
          ['timeout', this.http.evaluationTimeout],
        ]);
        resultOf(data, ['vector', 'scalar']);
      } catch (error) {
        if (!(error instanceof PrometheusError && error.about === 'query'))
          return [...problems, { path: ['url'], message: this.reason(error) }];
        problems.push({
          metric: name,
          ...(service === undefined ? {} : { service }),
          path: [...(service === undefined ? [] : ['services', service]), 'metrics', name, 'query'],
          message: `${service === undefined ? name : `${name} of ${service}`}: ${this.reason(error)}`,
        });
      }
    }
    return problems;
  }

  /** One PromQL expression at one moment (now when absent), e.g. to try a query in Settings. */
  async instantQuery(promql: string, time?: number): Promise<InstantSample[]> {
    try {
      const data = await this.http.call('query', 'api/v1/query', [
        ['query', promql],
        ...(time === undefined ? [] : ([['time', seconds(time)]] as [string, string][])),
        ['timeout', this.http.evaluationTimeout],
      ]);
      const { resultType, result } = resultOf(data, ['vector', 'scalar']);
      if (resultType === 'scalar') {
        const [t, v] = Array.isArray(result) ? result : [];
        return [{ labels: {}, time: Math.round(Number(t) * 1000), value: sampleValue(v) }];
      }
      return (Array.isArray(result) ? result : []).map(
        (s: { metric?: Record<string, string>; value?: unknown[] }) => ({
          labels: s.metric ?? {},
          time: Math.round(Number(s.value?.[0]) * 1000),
          value: sampleValue(s.value?.[1]),
        }),
      );
    } catch (error) {
      throw this.unavailable('query', error);
    }
  }

  private lookupParams(range: LookupRange, match: readonly string[]): [string, string][] {
    const end = range.end ?? Date.now();
    const start = range.start ?? end - LOOKUP_RANGE_MS;
    return [
      ...match.map((m): [string, string] => ['match[]', m]),
      ['start', seconds(start)],
      ['end', seconds(end)],
    ];
  }

  private async lookup(
    what: string,
    path: string,
    params: [string, string][],
    method?: 'GET',
  ): Promise<unknown[]> {
    try {
      const data = await this.http.call(what, path, params, method);
      if (!Array.isArray(data))
        throw new PrometheusError(`Prometheus's answer to ${what} is not a list`, 'connection');
      return data;
    } catch (error) {
      throw this.unavailable(what, error);
    }
  }

  /** Series matching the selectors (`up{job="web"}`), as label sets: for autocompletion. */
  async series(match: readonly string[], range: LookupRange = {}): Promise<Record<string, string>[]> {
    if (match.length === 0) throw new MetricsUnavailable('series: name at least one selector to match');
    const data = await this.lookup('series', 'api/v1/series', this.lookupParams(range, match));
    return data.slice(0, range.limit ?? 1000) as Record<string, string>[];
  }

  /** Label names, of the series matching `match` when given. */
  async labels(match: readonly string[] = [], range: LookupRange = {}): Promise<string[]> {
    const data = await this.lookup('labels', 'api/v1/labels', this.lookupParams(range, match));
    return data.filter((x): x is string => typeof x === 'string').slice(0, range.limit ?? 1000);
  }

  /** The values of one label (`__name__` lists metric names), of the series matching `match`. */
  async labelValues(
    label: string,
    match: readonly string[] = [],
    range: LookupRange = {},
  ): Promise<string[]> {
    if (!LABEL_NAME.test(label))
      throw new MetricsUnavailable(`label values: "${label}" is not a label name (letters, digits, _)`);
    const data = await this.lookup(
      `values of ${label}`,
      `api/v1/label/${label}/values`,
      this.lookupParams(range, match),
      'GET',
    );
    return data.filter((x): x is string => typeof x === 'string').slice(0, range.limit ?? 1000);
  }
}

/** The factory the composition root calls for each `kind: prometheus` connection. */
export function createPrometheusMetrics(
  config: PrometheusConnection,
  deps: PrometheusDeps,
): PrometheusMetrics {
  return new PrometheusMetrics(config, deps);
}
