// Wires the alerts feature: one source per Alertmanager connection and one per simulator (its own
// alerting rules), the playbooks of the workspace and of resources/, and the history of alerts
// seen (alerts-seen.json) that coverage and the what-changed axis read.
import { join } from 'node:path';
import type { ConnectionStatus } from '../../shared/connections';
import { AlertmanagerSource } from '../backends/alertmanager/alertmanager-source';
import { SimulatedAlerts } from '../backends/simulator/simulated-alerts';
import { AlertHistory } from '../core/alerts/alert-history';
import { AlertService, type PolledSource } from '../core/alerts/alert-service';
import { PlaybookLibrary } from '../core/alerts/playbook-library';
import type { AuditEntry } from '../core/audit/audit-log';
import type { Clock } from '../core/clock';
import type { Config } from '../core/config/config-schema';
import { ConnectionHealth } from '../core/connections/connection-health';
import { configuredConnections } from '../core/connections/configured-connections';
import type { SecretResolver } from '../core/connections/secret-resolver';
import type { DeploymentBackend } from '../core/rollouts/deployment-backend';
import type { MetricsBackend } from '../core/rollouts/metrics-backend';
import type { ChangeEvent } from '../../shared/domain';

/** How often the simulator's rules are evaluated (simulated metrics move at the clock's pace). */
const SIMULATOR_POLL_MS = 5_000;

export interface AlertsOptions {
  config: Config;
  workspaceDir: string;
  resourcesDir: string;
  secrets: SecretResolver;
  /** Simulated time for the simulator's rules. */
  clock: Clock;
  simulated: { name: string; deployments: Pick<DeploymentBackend, 'list'>; metrics: MetricsBackend }[];
  fleet: Pick<DeploymentBackend, 'list'>;
  record: (entry: AuditEntry) => number;
  publish: (event: ChangeEvent) => void;
  /** More sources composed by the caller (a drill's injected alerts). */
  sources?: PolledSource[];
  /** Override every source's beat (tests). */
  pollMs?: number;
}

export interface Alerts {
  service: AlertService;
  playbooks: PlaybookLibrary;
  /** The Alertmanager connections' health lines, for the top bar and Settings. */
  healthLines: ConnectionHealth[];
  statuses(): ConnectionStatus[];
}

export function createAlerts(options: AlertsOptions): Alerts {
  const sources: PolledSource[] = [];
  const healthLines: ConnectionHealth[] = [];
  for (const c of configuredConnections(options.config)) {
    if (c.kind !== 'alertmanager') continue;
    const health = new ConnectionHealth(c.name, c.kind, ['alerts']);
    healthLines.push(health);
    const pollMs = options.pollMs ?? c.pollInterval;
    sources.push({
      source: new AlertmanagerSource(c, health, options.secrets),
      pollMs,
      staleAfterMs: 2 * pollMs + c.timeout,
    });
  }
  for (const s of options.simulated) {
    const pollMs = options.pollMs ?? SIMULATOR_POLL_MS;
    sources.push({
      source: new SimulatedAlerts(s.name, s.deployments, s.metrics, options.clock),
      pollMs,
      staleAfterMs: 3 * pollMs,
    });
  }
  sources.push(...(options.sources ?? []));
  const playbooks = new PlaybookLibrary({
    workspace: join(options.workspaceDir, 'playbooks'),
    resources: join(options.resourcesDir, 'playbooks'),
  });
  const service = new AlertService({
    sources,
    playbooks,
    history: new AlertHistory(join(options.workspaceDir, 'alerts-seen.json')),
    clock: { now: () => Date.now() },
    rollouts: () => options.fleet.list(),
    record: options.record,
    publish: options.publish,
  });
  return { service, playbooks, healthLines, statuses: () => healthLines.map((h) => h.status()) };
}
