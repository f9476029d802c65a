// Wires the postmortem draft and the delivery metrics to the audit log, the fleet and the metrics
// backend. `incident` is the incident service's lookup once it is composed beside this.
import type { AlertSpan } from '../../shared/alerts';
import type { Change } from '../../shared/changes';
import type { Incident } from '../../shared/incidents';
import type { ApiHandlers } from '../core/api/api-handlers';
import { deliveryHandlers } from '../core/api/delivery-handlers';
import { postmortemHandlers } from '../core/api/postmortem-handlers';
import type { AuditLog } from '../core/audit/audit-log';
import type { Clock } from '../core/clock';
import type { ErrorRateSeries } from '../core/incidents/incident-durations';
import { incidentFromAudit } from '../core/incidents/incident-from-audit';
import { PostmortemService } from '../core/incidents/postmortem-service';
import type { DeploymentBackend } from '../core/rollouts/deployment-backend';
import type { MetricsBackend } from '../core/rollouts/metrics-backend';

export interface IncidentReportDeps {
  audit: AuditLog;
  fleet: DeploymentBackend;
  metrics: MetricsBackend;
  clock: Clock;
  workspaceDir: string;
  incident?: (id: string) => Incident | undefined;
  alerts?: (from: number, to: number) => readonly AlertSpan[];
  changes?: (from: number, to: number) => readonly Change[];
}

/** Points per chart: enough to see a spike, few enough for a quick query. */
const CHART_POINTS = 120;

export function createIncidentReports(
  deps: IncidentReportDeps,
): Pick<ApiHandlers, 'incidents.postmortem' | 'delivery.metrics'> {
  const place = (id: string): { service: string; environment: string } | undefined => {
    const r = deps.fleet.list().find((row) => row.id === id);
    return r ? { service: r.service, environment: r.environment } : undefined;
  };
  // The worst of the versions serving the service: the users' error rate is at least that.
  const errorRate = async (
    p: { service: string; environment: string },
    from: number,
    to: number,
  ): Promise<ErrorRateSeries> => {
    const rollout = deps.fleet.list().find((r) => r.service === p.service && r.environment === p.environment);
    const versions = rollout ? [...new Set([rollout.stableVersion, rollout.canaryVersion])] : [];
    const stepMs = Math.max(1000, Math.round((to - from) / CHART_POINTS));
    const byTime = new Map<number, number>();
    for (const version of versions) {
      const samples = await deps.metrics.query({
        ...p,
        version,
        metric: 'errorRate',
        from,
        to,
        stepMs,
        ...(rollout?.connection ? { connection: rollout.connection } : {}),
      });
      for (const s of samples) byTime.set(s.time, Math.max(byTime.get(s.time) ?? 0, s.value));
    }
    const points = [...byTime].map(([time, value]) => ({ time, value })).sort((a, b) => a.time - b.time);
    return { ...p, points, ...(rollout ? {} : { unavailable: 'the fleet no longer lists it' }) };
  };
  const postmortem = new PostmortemService({
    incident: deps.incident ?? ((id) => incidentFromAudit(deps.audit.history(), id)),
    records: (from, to) =>
      deps.audit.history().filter((r) => {
        const t = Date.parse(r.time);
        return t >= from && t <= to;
      }),
    ...(deps.alerts ? { alerts: deps.alerts } : {}),
    ...(deps.changes ? { changes: deps.changes } : {}),
    errorRate,
    place,
    clock: deps.clock,
    workspaceDir: deps.workspaceDir,
  });
  return {
    ...postmortemHandlers(postmortem),
    ...deliveryHandlers({ history: () => deps.audit.history(), place, clock: deps.clock }),
  };
}
