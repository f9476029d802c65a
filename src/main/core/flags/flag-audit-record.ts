// How readers of the audit log (what-changed, rollout timelines, postmortems, delivery metrics)
// read a `flag.changed` record: its details checked field by field, since an old or hand-written
// log may hold anything, and whether the change released more of the flag or took it back.
import type { AuditRecord } from '../../../shared/domain';
import {
  FLAG_AUDIT_KINDS,
  type FlagAuditDetails,
  type FlagChangeKind,
  type FlagStateDigest,
} from '../../../shared/flags';

/** A flag change as the readers use it: the record's time, actor and reason with its details. */
export interface FlagChangeRecord {
  seq: number;
  time: string;
  actor: string;
  reason: string;
  flag: string;
  details: FlagAuditDetails;
}

const CHANGE_KINDS: ReadonlySet<string> = new Set<FlagChangeKind>(['enable', 'disable', 'set-rollout']);

function str(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined;
}

function digestOf(value: unknown): FlagStateDigest | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const v = value as Record<string, unknown>;
  if (typeof v.enabled !== 'boolean') return undefined;
  return {
    enabled: v.enabled,
    ...(typeof v.rolloutPercent === 'number' ? { rolloutPercent: v.rolloutPercent } : {}),
    ...(str(v.groupId) ? { groupId: str(v.groupId) } : {}),
  };
}

/** The record as a flag change, when it is a `flag.changed` record with the fields readers need. */
export function flagChangeOf(r: AuditRecord): FlagChangeRecord | undefined {
  if (r.kind !== FLAG_AUDIT_KINDS.changed) return undefined;
  const d = r.details;
  const environment = str(d.environment);
  const change = str(d.change);
  if (!environment || !change || !CHANGE_KINDS.has(change)) return undefined;
  const before = digestOf(d.before);
  const after = digestOf(d.after);
  const services = Array.isArray(d.services)
    ? [...new Set(d.services.filter((s): s is string => typeof s === 'string' && s !== ''))]
    : [];
  const details: FlagAuditDetails = {
    connection: str(d.connection) ?? 'unknown',
    environment,
    change: change as FlagChangeKind,
    ...(typeof d.percent === 'number' ? { percent: d.percent } : {}),
    ...(str(d.groupId) ? { groupId: str(d.groupId) } : {}),
    ...(before ? { before } : {}),
    ...(after ? { after } : {}),
    services,
    message: str(d.message) ?? `${r.target} in ${environment}: ${change}`,
    idempotencyKey: str(d.idempotencyKey) ?? '',
  };
  return { seq: r.seq, time: r.time, actor: r.actor, reason: r.reason, flag: r.target, details };
}

/** The share of users a state exposes: off is 0, on without a gradual rollout is everyone. */
function exposure(state: FlagStateDigest): number {
  return state.enabled ? (state.rolloutPercent ?? 100) : 0;
}

/**
 * `release` when the change exposed more users (an enable, a ramp up), `revert` when fewer (the
 * kill switch, a ramp down), `same` otherwise. Without before/after the change kind says it.
 */
export function flagChangeDirection(d: FlagAuditDetails): 'release' | 'revert' | 'same' {
  if (d.before && d.after) {
    const delta = exposure(d.after) - exposure(d.before);
    return delta > 0 ? 'release' : delta < 0 ? 'revert' : 'same';
  }
  if (d.change === 'enable') return 'release';
  if (d.change === 'disable') return 'revert';
  return d.percent === 0 ? 'revert' : 'release';
}
