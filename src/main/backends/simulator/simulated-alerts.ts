// The simulator's alert source: alerting rules over its own metrics, so the demo and drills have
// alerts with no Alertmanager. A canary whose error rate is well above its baseline's fires
// HighErrorRate; a slow one fires HighLatency. Silences are kept in memory, as Alertmanager's are.
import { createHash, randomUUID } from 'node:crypto';
import type { Alert } from '../../../shared/alerts';
import type { MetricName } from '../../../shared/domain';
import type {
  AlertFilter,
  AlertSource,
  SilenceMatcher,
  SilenceRequest,
} from '../../core/alerts/alert-source';
import { isoTime, type Clock } from '../../core/clock';
import type { DeploymentBackend, RolloutSnapshot } from '../../core/rollouts/deployment-backend';
import type { MetricsBackend } from '../../core/rollouts/metrics-backend';

/** The rules' look-back: long enough to smooth noise, short enough to follow an abort. */
const WINDOW_MS = 2 * 60_000;
const STEP_MS = 10_000;

interface Rule {
  alertname: string;
  metric: MetricName;
  severity: 'critical' | 'warning';
  /** Fires when the canary's mean is over both this floor and `ratio` × the baseline's mean. */
  floor: number;
  ratio: number;
  summary: (canary: number, baseline: number) => string;
}

const RULES: Rule[] = [
  {
    alertname: 'HighErrorRate',
    metric: 'errorRate',
    severity: 'critical',
    floor: 0.01,
    ratio: 3,
    summary: (c, b) => `error rate ${(c * 100).toFixed(1)}% against ${(b * 100).toFixed(2)}% on the baseline`,
  },
  {
    alertname: 'HighLatency',
    metric: 'latencyP99',
    severity: 'warning',
    floor: 100,
    ratio: 1.5,
    summary: (c, b) => `p99 latency ${Math.round(c)} ms against ${Math.round(b)} ms on the baseline`,
  },
];

interface Silence {
  id: string;
  matchers: SilenceMatcher[];
  endsAt: number;
}

function fingerprint(labels: Record<string, string>): string {
  const text = Object.keys(labels)
    .sort()
    .map((k) => `${k}=${labels[k]}`)
    .join(',');
  return createHash('sha256').update(text).digest('hex').slice(0, 16);
}

function mean(values: readonly number[]): number | undefined {
  return values.length === 0 ? undefined : values.reduce((a, b) => a + b, 0) / values.length;
}

function matches(m: SilenceMatcher, labels: Record<string, string>): boolean {
  const value = labels[m.name] ?? '';
  const hit = m.isRegex ? new RegExp(`^(?:${m.value})$`).test(value) : value === m.value;
  return m.isEqual ? hit : !hit;
}

export class SimulatedAlerts implements AlertSource {
  readonly kind = 'simulator';
  /** When each alert began firing, by fingerprint: its startsAt holds while it fires. */
  private readonly since = new Map<string, number>();
  private readonly silences: Silence[] = [];

  constructor(
    readonly name: string,
    private readonly deployments: Pick<DeploymentBackend, 'list'>,
    private readonly metrics: MetricsBackend,
    private readonly clock: Clock,
  ) {}

  async list(filter: AlertFilter = {}): Promise<Alert[]> {
    const now = this.clock.now();
    const firing: Alert[] = [];
    const inFlight = this.deployments
      .list()
      .filter((r) => r.canaryVersion !== r.stableVersion && r.phase !== 'completed' && r.phase !== 'aborted');
    for (const r of inFlight)
      for (const rule of RULES) {
        const alert = await this.evaluate(r, rule, now);
        if (alert) firing.push(alert);
      }
    const live = new Set(firing.map((a) => a.id));
    for (const key of this.since.keys()) if (!live.has(`${this.name}/${key}`)) this.since.delete(key);
    return firing.filter((a) =>
      a.state === 'silenced' ? (filter.silenced ?? true) : (filter.active ?? true),
    );
  }

  private async evaluate(r: RolloutSnapshot, rule: Rule, now: number): Promise<Alert | undefined> {
    const read = async (version: string) =>
      mean(
        (
          await this.metrics.query({
            service: r.service,
            environment: r.environment,
            version,
            metric: rule.metric,
            from: now - WINDOW_MS,
            to: now,
            stepMs: STEP_MS,
          })
        ).map((s) => s.value),
      );
    const [canary, baseline] = await Promise.all([read(r.canaryVersion), read(r.stableVersion)]);
    if (canary === undefined || baseline === undefined) return undefined;
    if (!(canary > rule.floor && canary > rule.ratio * baseline)) return undefined;
    const labels = {
      alertname: rule.alertname,
      service: r.service,
      environment: r.environment,
      version: r.canaryVersion,
      severity: rule.severity,
    };
    const key = fingerprint(labels);
    if (!this.since.has(key)) this.since.set(key, now);
    const silencedBy = this.silences
      .filter((s) => s.endsAt > now && s.matchers.every((m) => matches(m, labels)))
      .map((s) => s.id);
    return {
      id: `${this.name}/${key}`,
      connection: this.name,
      name: rule.alertname,
      labels,
      annotations: {
        summary: `${r.service} ${r.canaryVersion} in ${r.environment}: ${rule.summary(canary, baseline)}`,
      },
      state: silencedBy.length > 0 ? 'silenced' : 'firing',
      startsAt: isoTime(this.since.get(key) ?? now),
      severity: rule.severity,
      service: r.service,
      environment: r.environment,
      ...(silencedBy.length > 0 ? { silencedBy } : {}),
    };
  }

  async silence(request: SilenceRequest): Promise<string> {
    const id = randomUUID();
    this.silences.push({ id, matchers: request.matchers, endsAt: Date.parse(request.endsAt) });
    return id;
  }
}
