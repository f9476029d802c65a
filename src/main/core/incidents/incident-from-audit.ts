// An incident read straight from its declare and resolve records: what the postmortem needs until
// the incident service is wired in its place (the integrator passes IncidentService's lookup).
import type { AuditRecord } from '../../../shared/domain';
import { INCIDENT_AUDIT_KINDS, SEVERITIES, type Incident, type Severity } from '../../../shared/incidents';

function idOf(r: AuditRecord): string {
  return typeof r.details.id === 'string' ? r.details.id : r.target;
}

function text(value: unknown, fallback: string): string {
  return typeof value === 'string' && value !== '' ? value : fallback;
}

export function incidentFromAudit(history: readonly AuditRecord[], id: string): Incident | undefined {
  const declared = history.find((r) => r.kind === INCIDENT_AUDIT_KINDS.declared && idOf(r) === id);
  if (!declared) return undefined;
  const resolved = history.find((r) => r.kind === INCIDENT_AUDIT_KINDS.resolved && idOf(r) === id);
  const severity = SEVERITIES.find((s) => s === declared.details.severity) ?? ('SEV3' satisfies Severity);
  return {
    id,
    title: text(declared.details.title, id),
    severity,
    commander: text(declared.details.commander, declared.actor),
    declaredAt: declared.time,
    declaredBy: declared.actor,
    ...(resolved
      ? {
          resolvedAt: resolved.time,
          resolvedBy: resolved.actor,
          rca: text(resolved.details.rca, resolved.reason),
        }
      : {}),
    overrides: [],
    auditSeq: declared.seq,
  };
}
