// After a crash, the audit log and a backend that keeps its own state can disagree in two ways:
// changes the backend saved that never reached the log, and actions whose request was recorded but
// whose outcome was not. Both are recorded at start, before anything new happens: the changes as
// they were saved, and each interrupted action as applied (its changes were saved) or not applied.
import type { AuditRecord } from '../../../shared/domain';
import type { AuditEntry } from '../audit/audit-log';
import type { BackendChange, DeploymentBackend } from './deployment-backend';

/** Kinds that end an action; a request without one of these after it was interrupted. */
export const OUTCOME_KINDS: ReadonlySet<string> = new Set([
  'action.succeeded',
  'action.failed',
  'action.rejected',
  'action.interrupted',
]);

/** The highest world seq the log has recorded a change of. */
export function highestWorldSeq(history: readonly AuditRecord[]): number {
  let highest = 0;
  for (const r of history) {
    const { worldSeq } = r.details;
    if (typeof worldSeq === 'number' && worldSeq > highest) highest = worldSeq;
  }
  return highest;
}

/** The records to write now, oldest first (missing changes, then the interrupted actions' outcomes). */
export function reconcileWithBackend(
  history: readonly AuditRecord[],
  backend: Pick<DeploymentBackend, 'durableChanges'>,
  changeEntry: (change: BackendChange, recovered: boolean) => AuditEntry,
): AuditEntry[] {
  const auditedWorldSeq = highestWorldSeq(history);
  const pending = new Map<string, AuditRecord>();
  const applied = new Set<string>();
  for (const r of history) {
    const key = r.details.idempotencyKey;
    if (typeof key !== 'string') continue;
    if (r.kind === 'action.requested') pending.set(key, r);
    else if (OUTCOME_KINDS.has(r.kind)) pending.delete(key);
    else if (r.kind.startsWith('rollout.')) applied.add(key);
  }
  const saved = backend.durableChanges?.();
  const missing = (saved ?? []).filter((c) => (c.worldSeq ?? 0) > auditedWorldSeq);
  for (const c of saved ?? []) if (c.idempotencyKey !== undefined) applied.add(c.idempotencyKey);

  const entries = missing.map((c) => changeEntry(c, true));
  for (const [key, request] of pending) {
    const base = { actor: request.actor, target: request.target, reason: request.reason };
    if (applied.has(key))
      entries.push({
        ...base,
        kind: 'action.succeeded',
        details: {
          ...request.details,
          message: 'Applied before the control room stopped; the outcome was recorded when it started again',
          recovered: true,
        },
      });
    else
      entries.push({
        ...base,
        kind: 'action.interrupted',
        details: {
          ...request.details,
          // Only a backend that saves what it does can say that nothing was done.
          applied: saved === undefined ? 'unknown' : false,
          message:
            saved === undefined
              ? 'The control room stopped while the backend was acting: whether it was applied is unknown. Check the rollout before acting again.'
              : 'Not applied: the control room stopped before the backend acted. Sending the same request again applies it.',
        },
      });
  }
  return entries;
}
