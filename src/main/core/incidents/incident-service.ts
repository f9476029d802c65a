// Incidents and the release freeze they hold. The state is a fold over the audit log (declared,
// resolved, overridden records), so it survives restarts and is exactly what the log says; every
// change is written through the room's AuditWriter and acknowledged only once it is fsynced.
//
// A freeze refuses what people ask for (FROZEN_ACTIONS). Steps a rollout's own plan advances by
// itself (a timed pause ending) are not held: the commander stops those by pausing (pause-all).
import type { AuditRecord, ChangeEvent } from '../../../shared/domain';
import {
  INCIDENT_AUDIT_KINDS,
  SEVERITIES,
  type Freeze,
  type Incident,
  type Severity,
} from '../../../shared/incidents';
import { ApiError } from '../api/api-error';
import type { AuditEntry } from '../audit/audit-log';
import type { AuditWriter } from '../audit/audit-writer';
import type { Clock } from '../clock';
import { clockTime, incidentFreezeReason } from './freeze-reason';
import type { FreezeOverrideRequest, FreezeSource } from './freeze-source';

export interface IncidentServiceDeps {
  writer: AuditWriter;
  clock: Clock;
  publish(event: ChangeEvent): void;
}

export interface DeclareRequest {
  title: string;
  severity: Severity;
  /** Who leads the response; the caller when absent. */
  commander?: string | undefined;
}

const INCIDENT_ID = /^INC-[1-9][0-9]*$/;

function text(value: unknown): string {
  return typeof value === 'string' ? value : '';
}

export class IncidentService implements FreezeSource {
  private readonly incidents = new Map<string, Incident>();

  constructor(private readonly deps: IncidentServiceDeps) {
    for (const record of deps.writer.log.history()) this.learn(record);
  }

  /** Newest first: the open one a commander looks for is on top. */
  list(): Incident[] {
    return [...this.incidents.values()].reverse().map((i) => structuredClone(i));
  }

  get(id: string): Incident {
    const incident = this.incidents.get(id.toUpperCase());
    if (!incident)
      throw new ApiError(
        'not-found',
        INCIDENT_ID.test(id.toUpperCase())
          ? `No incident ${id} in this workspace. List them with: control-room incident list`
          : `"${id}" is not an incident id: they look like INC-3`,
        'id',
      );
    return structuredClone(incident);
  }

  open(): Incident[] {
    return this.list().filter((i) => i.resolvedAt === undefined);
  }

  declare(request: DeclareRequest, actor: string): Incident {
    if (!SEVERITIES.includes(request.severity))
      throw new ApiError('invalid-input', `severity must be one of ${SEVERITIES.join(', ')}`, 'severity');
    const id = `INC-${this.incidents.size + 1}`;
    const commander = request.commander?.trim() || actor;
    this.write({
      actor,
      kind: INCIDENT_AUDIT_KINDS.declared,
      target: id,
      reason: request.title,
      details: { title: request.title, severity: request.severity, commander },
    });
    return this.get(id);
  }

  /** Lifts the incident's freeze; refused (and recorded) without a root cause, or when already resolved. */
  resolve(id: string, rca: string | undefined, actor: string): Incident {
    const incident = this.get(id);
    const note = rca?.trim() ?? '';
    let why: string | undefined;
    if (incident.resolvedAt !== undefined)
      why = `${incident.id} was already resolved at ${incident.resolvedAt} by ${incident.resolvedBy ?? 'unknown'} (root cause: ${incident.rca ?? ''}).`;
    else if (note === '')
      why = `${incident.id} cannot be resolved without a root cause: give a root-cause note or a link to the analysis (--rca TEXT_OR_URL). Releases stay frozen until then.`;
    if (why !== undefined) {
      try {
        this.write({
          actor,
          kind: INCIDENT_AUDIT_KINDS.resolveRefused,
          target: incident.id,
          reason: why,
          details: { rca: note },
        });
      } catch {
        // The refusal stands even when the log cannot take its record.
      }
      throw new ApiError('precondition-failed', why, incident.resolvedAt === undefined ? 'rca' : 'id');
    }
    this.write({
      actor,
      kind: INCIDENT_AUDIT_KINDS.resolved,
      target: incident.id,
      reason: note,
      details: { rca: note },
    });
    return this.get(incident.id);
  }

  /** One freeze per open incident, oldest first; each covers every environment until resolved. */
  active(): Freeze[] {
    const now = this.deps.clock.now();
    return [...this.incidents.values()]
      .filter((i) => i.resolvedAt === undefined)
      .map((i) => ({ reason: incidentFreezeReason(i, now), source: { kind: 'incident', id: i.id } }));
  }

  recordOverride(request: FreezeOverrideRequest): number {
    const { freeze } = request;
    const source =
      freeze.source.kind === 'incident' ? { incident: freeze.source.id } : { window: freeze.source.name };
    return this.write({
      actor: request.actor,
      kind: INCIDENT_AUDIT_KINDS.overridden,
      target: request.rollout,
      reason: request.reason,
      details: { action: request.action, rollout: request.rollout, ...source, freeze: freeze.reason },
    });
  }

  /** "until resolved", or when the freeze lifted, for people reading a list. */
  describe(incident: Incident): string {
    return incident.resolvedAt === undefined
      ? `open since ${clockTime(incident.declaredAt, this.deps.clock.now())}, releases frozen until resolved with a root cause`
      : `resolved at ${incident.resolvedAt} by ${incident.resolvedBy ?? 'unknown'}`;
  }

  private write(entry: AuditEntry): number {
    const [record] = this.deps.writer.write([entry]);
    if (!record) throw new ApiError('internal', 'the audit log returned no record');
    this.learn(record);
    this.deps.publish({ type: 'audit', seq: record.seq });
    if (entry.kind !== INCIDENT_AUDIT_KINDS.overridden || typeof entry.details?.incident === 'string')
      this.deps.publish({ type: 'incident', id: text(entry.details?.incident) || entry.target });
    return record.seq;
  }

  private learn(record: AuditRecord): void {
    const d = record.details;
    switch (record.kind) {
      case INCIDENT_AUDIT_KINDS.declared:
        this.incidents.set(record.target, {
          id: record.target,
          title: text(d.title),
          severity: SEVERITIES.includes(d.severity as Severity) ? (d.severity as Severity) : 'SEV1',
          commander: text(d.commander) || record.actor,
          declaredAt: record.time,
          declaredBy: record.actor,
          overrides: [],
          auditSeq: record.seq,
        });
        return;
      case INCIDENT_AUDIT_KINDS.resolved: {
        const incident = this.incidents.get(record.target);
        if (!incident || incident.resolvedAt !== undefined) return;
        incident.resolvedAt = record.time;
        incident.resolvedBy = record.actor;
        incident.rca = text(d.rca) || record.reason;
        return;
      }
      case INCIDENT_AUDIT_KINDS.overridden: {
        const incident = typeof d.incident === 'string' ? this.incidents.get(d.incident) : undefined;
        incident?.overrides.push({
          time: record.time,
          actor: record.actor,
          reason: record.reason,
          action: d.action as Incident['overrides'][number]['action'],
          rollout: text(d.rollout) || record.target,
          auditSeq: record.seq,
        });
        return;
      }
    }
  }
}
