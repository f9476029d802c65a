// One action is one entry: its request, the backend's changes and its outcome are grouped by the
// request's idempotency key, so the log reads "promote: requested → succeeded", not four rows.
import type { AuditRecord } from '../../../shared/domain';

/** How an action ended, as the last outcome record says; `pending` while none is written yet. */
export type ActionOutcome = 'succeeded' | 'failed' | 'rejected' | 'interrupted' | 'pending';

const OUTCOME_KINDS: Record<string, ActionOutcome> = {
  'action.succeeded': 'succeeded',
  'action.failed': 'failed',
  'action.rejected': 'rejected',
  // Written at start-up for a request whose outcome was never recorded.
  'action.interrupted': 'interrupted',
};

export interface ActionEntry {
  type: 'action';
  /** The first record's seq: the entry's identity in the list. */
  seq: number;
  key: string;
  /** Oldest first: the request, the backend's changes, the outcome. */
  records: AuditRecord[];
  action: string;
  outcome: ActionOutcome;
  /** For an interrupted action: whether its effect was applied ('unknown' when the backend cannot say). */
  applied?: boolean | 'unknown';
}

export interface RecordEntry {
  type: 'record';
  seq: number;
  record: AuditRecord;
}

export type AuditEntry = ActionEntry | RecordEntry;

function idempotencyKey(r: AuditRecord): string | undefined {
  const key = r.details.idempotencyKey;
  return typeof key === 'string' && key !== '' ? key : undefined;
}

const spanKey = (r: AuditRecord): string => `${r.target}\u0000${r.actor}`;

/**
 * Groups records (newest first, as audit.list returns them) into entries, newest first. A
 * `rollout.*` record joins an action when it names the action's key, or, keyless, when it falls
 * between that action's request and outcome on the same target by the same actor: the backend
 * reports the changes an action makes in its name while the action runs. O(records).
 */
export function groupAuditEntries(newestFirst: readonly AuditRecord[]): AuditEntry[] {
  const entries: AuditEntry[] = [];
  const byKey = new Map<string, ActionEntry>();
  /** Actions requested and not yet finished, by target and actor. */
  const running = new Map<string, ActionEntry>();

  for (let i = newestFirst.length - 1; i >= 0; i--) {
    const r = newestFirst[i] as AuditRecord;
    const key = idempotencyKey(r);
    if (key !== undefined && r.kind.startsWith('action.')) {
      let entry = byKey.get(key);
      if (!entry) {
        const action = typeof r.details.action === 'string' ? r.details.action : 'action';
        entry = { type: 'action', seq: r.seq, key, records: [], action, outcome: 'pending' };
        byKey.set(key, entry);
        entries.push(entry);
      }
      entry.records.push(r);
      const outcome = OUTCOME_KINDS[r.kind];
      if (outcome) {
        entry.outcome = outcome;
        const applied = r.details.applied;
        if (outcome === 'interrupted' && (typeof applied === 'boolean' || applied === 'unknown'))
          entry.applied = applied;
        if (running.get(spanKey(r)) === entry) running.delete(spanKey(r));
      } else if (r.kind === 'action.requested') {
        running.set(spanKey(r), entry);
      }
      continue;
    }
    if (r.kind.startsWith('rollout.')) {
      const owner = key !== undefined ? byKey.get(key) : running.get(spanKey(r));
      if (owner) {
        owner.records.push(r);
        continue;
      }
    }
    entries.push({ type: 'record', seq: r.seq, record: r });
  }
  return entries.reverse();
}

/** Every record an entry stands for, oldest first. */
export function entryRecords(entry: AuditEntry): AuditRecord[] {
  return entry.type === 'action' ? entry.records : [entry.record];
}
