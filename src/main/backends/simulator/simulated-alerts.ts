// The simulator's alert source: alerting rules over its own metrics, so the demo and drills have
// alerts with no Alertmanager. A canary whose error rate is well above its baseline's fires
// HighErrorRate; a slow one fires HighLatency. Silences are kept in memory, as Alertmanager's are.
import { createHash } from 'node:crypto';
import type { Alert } from '../../../shared/alerts';
import type { MetricName } from '../../../shared/domain';
import type { AlertFilter, AlertSource, SilenceRequest } from '../../core/alerts/alert-source';
import type { Clock } from '../../core/clock';
import type { DeploymentBackend, RolloutSnapshot } from '../../core/rollouts/deployment-backend';
import type { MetricsBackend } from '../../core/rollouts/metrics-backend';
import { passesStateFilter, SimulatedSilences, simulatedAlert } from './simulated-silences';

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

export class SimulatedAlerts implements AlertSource {
  readonly kind = 'simulator';
  /** When each alert began firing, by fingerprint: its startsAt holds while it fires. */
  private readonly since = new Map<string, number>();
  private readonly silences = new SimulatedSilences();

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
    return firing.filter((a) => passesStateFilter(a, filter));
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
    return simulatedAlert({
      connection: this.name,
      key,
      labels,
      summary: `${r.service} ${r.canaryVersion} in ${r.environment}: ${rule.summary(canary, baseline)}`,
      severity: rule.severity,
      since: this.since.get(key) ?? now,
      silencedBy: this.silences.matching(labels, now),
    });
  }

  async silence(request: SilenceRequest): Promise<string> {
    return this.silences.add(request);
  }
}
