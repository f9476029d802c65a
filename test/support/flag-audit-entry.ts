// A `flag.changed` audit entry as the flags service writes it (FlagAuditDetails), for tests of the
// readers (what-changed, timelines, postmortems, delivery metrics) until a real one is composed.
import type { AuditEntry } from '../../src/main/core/audit/audit-log';
import {
  FLAG_AUDIT_KINDS,
  type FlagAuditDetails,
  type FlagChangeKind,
  type FlagStateDigest,
} from '../../src/shared/flags';

export interface FlagEntryInput {
  flag: string;
  environment: string;
  services: string[];
  change: FlagChangeKind;
  before: FlagStateDigest;
  after: FlagStateDigest;
  actor?: string;
  reason?: string;
  connection?: string;
}

function state(s: FlagStateDigest): string {
  return s.enabled ? (s.rolloutPercent === undefined ? 'on' : `on at ${s.rolloutPercent}%`) : 'off';
}

export function flagChangedEntry(input: FlagEntryInput): AuditEntry {
  const details: FlagAuditDetails = {
    connection: input.connection ?? 'unleash',
    environment: input.environment,
    change: input.change,
    ...(input.change === 'set-rollout' && input.after.rolloutPercent !== undefined
      ? { percent: input.after.rolloutPercent }
      : {}),
    before: input.before,
    after: input.after,
    services: input.services,
    message: `${input.flag} in ${input.environment}: ${state(input.before)} → ${state(input.after)}`,
    idempotencyKey: `flag-${input.flag}-${Math.random().toString(36).slice(2)}`,
  };
  return {
    actor: input.actor ?? 'dana',
    kind: FLAG_AUDIT_KINDS.changed,
    target: input.flag,
    reason: input.reason ?? '',
    details: { ...details },
  };
}
