// A release set's run as the audit log tells it: a fold over its set.* records, so a restart
// rebuilds exactly what was decided (who started it, which members were started, paused, aborted).
import type { AuditRecord } from '../../../shared/domain';
import { RELEASE_SET_AUDIT_KINDS as KINDS, type ReleaseSetMember } from '../../../shared/release-sets';

export type RunPhase = 'running' | 'paused' | 'completed' | 'aborted' | 'failed';

export interface StartedMember {
  at: string;
  seq: number;
  /** The rollout the member was rolled on (service members). */
  rollout?: string;
}

export interface RunRecord {
  set: string;
  environment: string;
  phase: RunPhase;
  /** The members as they were when the run started: an edited set file does not change a run. */
  members: ReleaseSetMember[];
  startedAt: string;
  startedBy: string;
  /** The start's idempotency key: each member's roll forward is keyed from it. */
  startKey: string;
  started: Map<number, StartedMember>;
  /** Rollouts the set paused, to resume. */
  pausedRollouts: string[];
  /** Why it stopped or is held, in words ("paused by alice", "checkout 2.4.1 aborted: …"). */
  note?: string;
  auditSeqs: number[];
}

/** The audit target of a run: one set in one environment. */
export function runTarget(set: string, environment: string): string {
  return `${set}@${environment}`;
}

export function runKey(set: string, environment: string): string {
  return `${set}\u0000${environment}`;
}

const SET_KINDS: ReadonlySet<string> = new Set(Object.values(KINDS));

function str(value: unknown): string {
  return typeof value === 'string' ? value : '';
}

/** Folds one record into the runs; false when it is not a set run's record. */
export function learnRecord(
  runs: Map<string, RunRecord>,
  keys: Map<string, string>,
  record: AuditRecord,
): boolean {
  if (!SET_KINDS.has(record.kind) || record.kind === KINDS.refusedAlone) return false;
  const d = record.details ?? {};
  const set = str(d['set']);
  const environment = str(d['environment']);
  if (!set || !environment) return false;
  const key = runKey(set, environment);
  const idempotencyKey = str(d['idempotencyKey']);
  if (idempotencyKey) keys.set(idempotencyKey, key);
  if (record.kind === KINDS.started) {
    runs.set(key, {
      set,
      environment,
      phase: 'running',
      members: Array.isArray(d['members']) ? (d['members'] as ReleaseSetMember[]) : [],
      startedAt: record.time,
      startedBy: record.actor,
      startKey: idempotencyKey || `set-${record.seq}`,
      started: new Map(),
      pausedRollouts: [],
      auditSeqs: [record.seq],
    });
    return true;
  }
  const run = runs.get(key);
  if (!run) return false;
  run.auditSeqs.push(record.seq);
  switch (record.kind) {
    case KINDS.memberStarted: {
      const rollout = str(d['rollout']);
      run.started.set(Number(d['member']), {
        at: record.time,
        seq: record.seq,
        ...(rollout ? { rollout } : {}),
      });
      break;
    }
    case KINDS.paused:
      run.phase = 'paused';
      run.pausedRollouts = Array.isArray(d['paused']) ? (d['paused'] as string[]) : [];
      run.note = `paused by ${record.actor}${record.reason ? `: ${record.reason}` : ''}`;
      break;
    case KINDS.resumed:
      run.phase = 'running';
      run.pausedRollouts = [];
      delete run.note;
      break;
    case KINDS.aborted:
      run.phase = 'aborted';
      run.note = `aborted by ${record.actor}${record.reason ? `: ${record.reason}` : ''}`;
      break;
    case KINDS.completed:
      run.phase = 'completed';
      delete run.note;
      break;
    case KINDS.failed:
      run.phase = 'failed';
      run.note = str(d['message']) || 'a member failed';
      break;
  }
  return true;
}

export function inFlight(run: RunRecord): boolean {
  return run.phase === 'running' || run.phase === 'paused';
}
