// Which metrics connection judges a rollout: each deployment connection's service/environment names
// one (config `metrics:`), else its connection's default. One MetricsBackend for the core, so the
// judge, the charts and migration checks ask it exactly as they asked the simulator.
import {
  MetricsUnavailable,
  type MetricDescription,
  type MetricQuery,
  type MetricSample,
  type MetricsBackend,
} from '../rollouts/metrics-backend';

export interface MetricsRoute {
  /** The deployment connection. */
  connection: string;
  /** undefined: every service/environment of that connection. */
  service?: string;
  environment?: string;
  /** The metrics connection's name. */
  metrics: string;
}

export class MetricsRouter implements MetricsBackend {
  readonly name: string;

  constructor(
    private readonly backends: ReadonlyMap<string, MetricsBackend>,
    private readonly routes: readonly MetricsRoute[],
  ) {
    this.name = [...backends.keys()].join(', ');
  }

  /** The metrics connection that judges this rollout, by name. */
  routeOf(q: Pick<MetricQuery, 'connection' | 'service' | 'environment'>): string | undefined {
    const exact = this.routes.find(
      (r) => r.connection === q.connection && r.service === q.service && r.environment === q.environment,
    );
    const whole = this.routes.find((r) => r.connection === q.connection && r.service === undefined);
    return (exact ?? whole)?.metrics;
  }

  async query(q: MetricQuery): Promise<MetricSample[]> {
    return this.backendFor(q).query(q);
  }

  describe(q: MetricQuery): MetricDescription | undefined {
    return this.backendFor(q).describe?.(q);
  }

  private backendFor(q: MetricQuery): MetricsBackend {
    const name = this.routeOf(q);
    const backend = name === undefined ? undefined : this.backends.get(name);
    if (!backend)
      throw new MetricsUnavailable(
        `no metrics connection judges ${q.service} in ${q.environment}${q.connection ? ` (connection ${q.connection})` : ''}: name one with metrics: in config.yaml`,
      );
    return backend;
  }
}
