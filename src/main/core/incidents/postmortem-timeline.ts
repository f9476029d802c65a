// The incident's timeline as the postmortem prints it: audit records, backend changes and alert
// spans in one time order, each a line a person can read (time, actor, what). Pure.
import type { AlertSpan } from '../../../shared/alerts';
import type { Change } from '../../../shared/changes';
import type { AuditRecord } from '../../../shared/domain';
import { INCIDENT_AUDIT_KINDS } from '../../../shared/incidents';
import { flagChangeDirection, flagChangeOf } from '../flags/flag-audit-record';

export type TimelineRole =
  /** Moved new code or schema towards users: a trigger candidate. */
  | 'change'
  /** Stopped or reverted a change: pause, abort, undo, pause-all. */
  | 'mitigation'
  /** Any other step a person took in the incident: an override, a silence, declare, resolve. */
  | 'action'
  | 'alert'
  | 'note';

export interface TimelineLine {
  time: number;
  actor: string;
  what: string;
  role: TimelineRole;
  service?: string;
  /** Every service the line concerns, when more than one (a flag touching several); `service` is the first. */
  services?: string[];
  environment?: string;
  auditSeq?: number;
}

/** What the rollout id stands for, when the fleet still knows it. */
export type RolloutPlace = (rolloutId: string) => { service: string; environment: string } | undefined;

const MITIGATING_ACTIONS: ReadonlySet<string> = new Set(['pause', 'abort', 'undo']);
const CHANGING_ACTIONS: ReadonlySet<string> = new Set([
  'promote',
  'promote-full',
  'resume',
  'retry',
  'roll-forward',
]);
const CHANGING_BACKEND_KINDS: ReadonlySet<string> = new Set([
  'rollout.rollout-started',
  'rollout.step-started',
]);
const CHANGING_CHANGE_KINDS: ReadonlySet<string> = new Set([
  'rollout-started',
  'step-advanced',
  'promoted',
  'rolled-forward',
  'resumed',
  'migration-phase',
  'flag-changed',
  'config-changed',
]);
/** Records that are bookkeeping, not events of the incident. */
const SKIPPED_KINDS: ReadonlySet<string> = new Set(['action.requested', 'analysis-result', 'audit.sealed']);

function text(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined;
}

function withReason(what: string, reason: string): string {
  return reason === '' ? what : `${what} (reason: ${reason})`;
}

function lineOfRecord(r: AuditRecord, place: RolloutPlace): TimelineLine | undefined {
  if (SKIPPED_KINDS.has(r.kind)) return undefined;
  const d = r.details;
  const where = place(r.target);
  const base = { time: Date.parse(r.time), actor: r.actor, auditSeq: r.seq, ...(where ?? {}) };
  const action = text(d.action);
  switch (r.kind) {
    case INCIDENT_AUDIT_KINDS.declared:
      return {
        ...base,
        role: 'action',
        what: `declared ${r.target} "${text(d.title) ?? ''}" (${text(d.severity) ?? 'severity ?'}, commander ${text(d.commander) ?? r.actor})`,
      };
    case INCIDENT_AUDIT_KINDS.resolved:
      return {
        ...base,
        role: 'action',
        what: `resolved ${r.target}; root cause: ${text(d.rca) ?? r.reason}`,
      };
    case INCIDENT_AUDIT_KINDS.resolveRefused:
      return { ...base, role: 'note', what: withReason(`resolving ${r.target} was refused`, r.reason) };
    case INCIDENT_AUDIT_KINDS.overridden:
      return {
        ...base,
        role: 'action',
        what: withReason(`overrode the freeze to ${action ?? 'act on'} ${r.target}`, r.reason),
      };
    case INCIDENT_AUDIT_KINDS.pauseAll:
      return {
        ...base,
        role: 'mitigation',
        what: withReason(`paused every in-flight rollout (${r.target})`, r.reason),
      };
    case INCIDENT_AUDIT_KINDS.silenced:
      return { ...base, role: 'action', what: withReason(`silenced alert ${r.target}`, r.reason) };
    case 'action.succeeded':
      return {
        ...base,
        role:
          action && MITIGATING_ACTIONS.has(action)
            ? 'mitigation'
            : action && CHANGING_ACTIONS.has(action)
              ? 'change'
              : 'action',
        what: withReason(
          `${action ?? 'acted on'} ${r.target}${text(d.toVersion) ? ` to ${text(d.toVersion)}` : ''}`,
          r.reason,
        ),
      };
    case 'action.failed':
      return {
        ...base,
        role: 'note',
        what: `${action ?? 'action'} ${r.target} failed: ${text(d.message) ?? ''}`,
      };
    case 'action.rejected':
      return {
        ...base,
        role: 'note',
        what: `${action ?? 'action'} ${r.target} was refused: ${text(d.refused) ?? r.reason}`,
      };
    case 'analysis.verdict':
      return {
        ...base,
        role: 'note',
        what: `canary analysis of ${r.target}: ${text(d.verdict) ?? '?'}, decision ${text(d.decision) ?? 'none'}`,
      };
    default:
      if (r.kind.startsWith('rollout.'))
        return {
          ...base,
          role: CHANGING_BACKEND_KINDS.has(r.kind) ? 'change' : 'note',
          what: `${r.target}: ${text(d.message) ?? r.kind.slice('rollout.'.length)}`,
        };
      if (r.kind === 'migration.advanced' || r.kind === 'migration.rolled-back')
        return {
          ...base,
          role: r.kind === 'migration.advanced' ? 'change' : 'mitigation',
          what: withReason(
            `migration ${r.target}: ${r.kind === 'migration.advanced' ? `advanced from ${text(d.from) ?? '?'}` : `rolled back ${text(d.from) ?? ''}`}`,
            r.reason,
          ),
        };
      if (r.kind.startsWith('migration.')) return undefined;
      return { ...base, role: 'note', what: withReason(`${r.kind} ${r.target}`, r.reason) };
  }
}

/**
 * A flag change as one line naming every service the flag touches (each is affected and charted).
 * Enabling or ramping up is a change (a trigger candidate); the kill switch or a ramp down mitigates.
 */
function lineOfFlagChange(r: AuditRecord): TimelineLine | undefined {
  const flag = flagChangeOf(r);
  if (!flag) return undefined;
  const d = flag.details;
  const direction = flagChangeDirection(d);
  const [first] = d.services;
  return {
    time: Date.parse(r.time),
    actor: r.actor,
    auditSeq: r.seq,
    role: direction === 'release' ? 'change' : direction === 'revert' ? 'mitigation' : 'action',
    environment: d.environment,
    ...(first === undefined ? {} : { service: first }),
    ...(d.services.length > 1 ? { services: d.services } : {}),
    what: withReason(
      `flag ${d.message}${d.services.length > 0 ? ` (touches ${d.services.join(', ')})` : ''}`,
      r.reason,
    ),
  };
}

function lineOfChange(c: Change): TimelineLine {
  return {
    time: Date.parse(c.time),
    actor: c.actor,
    what: c.summary,
    role: CHANGING_CHANGE_KINDS.has(c.kind) ? 'change' : 'note',
    ...(c.service === undefined ? {} : { service: c.service }),
    ...(c.environment === undefined ? {} : { environment: c.environment }),
  };
}

function linesOfAlert(a: AlertSpan, to: number): TimelineLine[] {
  const where = {
    ...(a.service === undefined ? {} : { service: a.service }),
    ...(a.environment === undefined ? {} : { environment: a.environment }),
  };
  const name = `alert ${a.name}${a.severity ? ` (${a.severity})` : ''}`;
  const lines: TimelineLine[] = [
    {
      time: Date.parse(a.startsAt),
      actor: 'alerting',
      what: `${name} started firing`,
      role: 'alert',
      ...where,
    },
  ];
  if (a.endsAt !== undefined && Date.parse(a.endsAt) <= to)
    lines.push({
      time: Date.parse(a.endsAt),
      actor: 'alerting',
      what: `${name} resolved`,
      role: 'note',
      ...where,
    });
  return lines;
}

export interface TimelineSources {
  records: readonly AuditRecord[];
  /** Backend-reported changes the audit log does not hold (before the room started). */
  changes?: readonly Change[];
  alerts?: readonly AlertSpan[];
  place: RolloutPlace;
  from: number;
  to: number;
}

/** Every line within [from, to], oldest first; audit records keep their log order on equal times. */
export function buildTimeline(sources: TimelineSources): TimelineLine[] {
  const inRange = (l: TimelineLine): boolean => l.time >= sources.from && l.time <= sources.to;
  const lines = [
    ...sources.records.flatMap((r) => lineOfFlagChange(r) ?? lineOfRecord(r, sources.place) ?? []),
    // A change the log also recorded is printed once, from the log.
    ...(sources.changes ?? []).filter((c) => c.source === 'backend').map(lineOfChange),
    ...(sources.alerts ?? []).flatMap((a) => linesOfAlert(a, sources.to)),
  ].filter(inRange);
  return lines
    .map((line, index) => ({ line, index }))
    .sort((a, b) => a.line.time - b.line.time || a.index - b.index)
    .map((x) => x.line);
}
