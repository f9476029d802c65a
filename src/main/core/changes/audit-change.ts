// How one audit record reads on the what-changed axis: which records are changes to the fleet,
// and of what kind. Records that only describe (requests, refusals, checks) are not changes.
import type { AuditRecord } from '../../../shared/domain';
import type { Change, ChangeKind } from '../../../shared/changes';
import { flagChangeOf } from '../flags/flag-audit-record';
import { FREEZE_WINDOW_AUDIT_KINDS } from '../../../shared/freeze-windows';
import { INCIDENT_AUDIT_KINDS } from '../../../shared/incidents';
import { RELEASE_SET_AUDIT_KINDS } from '../../../shared/release-sets';

/** A release set's decisions; its members' roll forwards, pauses and aborts are changes of their own. */
const SET_CHANGES: ReadonlySet<string> = new Set([
  RELEASE_SET_AUDIT_KINDS.started,
  RELEASE_SET_AUDIT_KINDS.paused,
  RELEASE_SET_AUDIT_KINDS.resumed,
  RELEASE_SET_AUDIT_KINDS.aborted,
  RELEASE_SET_AUDIT_KINDS.completed,
  RELEASE_SET_AUDIT_KINDS.failed,
]);

/** What a person's (or the judge's) successful action did. */
const ACTION_KINDS: Record<string, ChangeKind> = {
  pause: 'paused',
  resume: 'resumed',
  promote: 'promoted',
  'promote-full': 'promoted',
  abort: 'aborted',
  retry: 'resumed',
  reapply: 'other',
  'roll-forward': 'rolled-forward',
  undo: 'undone',
  restart: 'other',
};

/** Changes the backend reported (`rollout.<timeline kind>`); analysis and drift records are not changes. */
const BACKEND_KINDS: Record<string, ChangeKind> = {
  'rollout-started': 'rollout-started',
  'step-started': 'step-advanced',
  paused: 'paused',
  resumed: 'resumed',
  aborted: 'aborted',
  completed: 'completed',
};

const ACTION_WORDS: Record<string, string> = {
  pause: 'Paused',
  resume: 'Resumed',
  promote: 'Promoted',
  'promote-full': 'Promoted fully',
  abort: 'Aborted',
  retry: 'Retried',
  reapply: 'Re-applied',
  'roll-forward': 'Rolled forward',
  undo: 'Undid',
  restart: 'Restarted',
};

function str(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined;
}

function withReason(summary: string, reason: string): string {
  return reason ? `${summary} — “${reason}”` : summary;
}

/** The change a record stands for, without service/environment (the caller knows the fleet), or undefined. */
export function changeOfRecord(r: AuditRecord): Change | undefined {
  const base = {
    id: `audit:${r.seq}`,
    time: r.time,
    actor: r.actor,
    source: 'audit' as const,
    auditSeq: r.seq,
  };
  const message = str(r.details['message']);
  if (r.kind === 'action.succeeded') {
    const action = str(r.details['action']) ?? '';
    const toVersion = str(r.details['toVersion']);
    const words = `${ACTION_WORDS[action] ?? action} ${r.target}${toVersion ? ` to ${toVersion}` : ''}`;
    return {
      ...base,
      kind: ACTION_KINDS[action] ?? 'other',
      rollout: r.target,
      summary: withReason(words, r.reason),
    };
  }
  if (r.kind.startsWith('rollout.')) {
    const kind = BACKEND_KINDS[r.kind.slice('rollout.'.length)];
    if (!kind) return undefined;
    return { ...base, kind, rollout: r.target, summary: message ?? `${kind} ${r.target}` };
  }
  if (r.kind === 'migration.advanced' || r.kind === 'migration.rolled-back') {
    const words = r.kind === 'migration.advanced' ? 'advanced' : 'rolled back';
    return {
      ...base,
      kind: 'migration-phase',
      summary: withReason(message ?? `Migration ${r.target} ${words}`, r.reason),
    };
  }
  if (r.kind.startsWith('connection.')) return connectionChange(r, base);
  if (r.kind === FREEZE_WINDOW_AUDIT_KINDS.saved || r.kind === FREEZE_WINDOW_AUDIT_KINDS.removed) {
    const renamed = str(r.details['renamedFrom']);
    const words =
      r.kind === FREEZE_WINDOW_AUDIT_KINDS.removed
        ? `Freeze window ${r.target} removed from config.yaml`
        : `Freeze window ${r.target}${renamed ? ` (was ${renamed})` : ''} ${r.details['created'] === true ? 'added to' : 'changed in'} config.yaml`;
    return { ...base, kind: 'config-changed', summary: withReason(words, r.reason) };
  }
  const title = str(r.details['title']);
  if (r.kind === INCIDENT_AUDIT_KINDS.declared)
    return {
      ...base,
      kind: 'freeze-declared',
      summary: `Incident ${r.target} declared${title ? `: ${title}` : ''}; releases frozen`,
    };
  if (r.kind === INCIDENT_AUDIT_KINDS.resolved)
    return { ...base, kind: 'freeze-lifted', summary: `Incident ${r.target} resolved; freeze lifted` };
  if (r.kind === INCIDENT_AUDIT_KINDS.overridden) {
    const action = str(r.details['action']);
    const rollout = str(r.details['rollout']);
    return {
      ...base,
      kind: 'freeze-overridden',
      ...(rollout ? { rollout } : {}),
      summary: withReason(
        `Freeze overridden${action ? ` to ${action}` : ''}${rollout ? ` ${rollout}` : ''}`,
        r.reason,
      ),
    };
  }
  if (SET_CHANGES.has(r.kind))
    return {
      ...base,
      kind: 'other',
      summary: withReason(message ?? `Release set ${r.target}: ${r.kind}`, r.reason),
    };
  return undefined;
}

/**
 * The changes a record stands for: one, except a flag change, which lands on the lane of every
 * service the flag touches (ids `audit:<seq>:<service>` then, so each mark is its own).
 */
export function changesOfRecord(r: AuditRecord): Change[] {
  const flag = flagChangeOf(r);
  if (!flag) {
    const change = changeOfRecord(r);
    return change ? [change] : [];
  }
  const d = flag.details;
  const base: Change = {
    id: `audit:${r.seq}`,
    time: r.time,
    actor: r.actor,
    source: 'audit',
    auditSeq: r.seq,
    kind: 'flag-changed',
    flag: flag.flag,
    environment: d.environment,
    connection: d.connection,
    summary: withReason(d.message, r.reason),
  };
  if (d.services.length === 0) return [base];
  if (d.services.length === 1) return [{ ...base, service: d.services[0] }];
  return d.services.map((service) => ({ ...base, id: `audit:${r.seq}:${service}`, service }));
}

/** Settings changed a connection in config.yaml: what reads the fleet changed, so it is on the axis. */
function connectionChange(r: AuditRecord, base: Omit<Change, 'kind' | 'summary'>): Change | undefined {
  const kind = str(r.details['kind']);
  const words =
    r.kind === 'connection.saved'
      ? `Connection ${r.target}${kind ? ` (${kind})` : ''} ${r.details['created'] === true ? 'added to' : 'changed in'} config.yaml`
      : r.kind === 'connection.removed'
        ? `Connection ${r.target} removed from config.yaml`
        : r.kind === 'connection.secret-set'
          ? `New ${str(r.details['field']) ?? 'secret'} stored for connection ${r.target}`
          : undefined;
  if (!words) return undefined;
  return { ...base, kind: 'config-changed', connection: r.target, summary: withReason(words, r.reason) };
}

/** The idempotency key of the person's action a record belongs to, if any. */
export function actionKeyOf(r: AuditRecord): string | undefined {
  return str(r.details['idempotencyKey']);
}
