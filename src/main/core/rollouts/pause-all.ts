// Pause everything: composed beside ControlRoom, it pauses each in-flight rollout of a scope through
// the room's own act('pause'), so each rollout gets its normal records, and writes one bulk record.
import type {
  ActionResult,
  ApiParsedInput,
  PauseAllResult,
  PauseAllRolloutResult,
} from '../../../shared/api';
import type { AuditRecord, ChangeEvent, RolloutSummary } from '../../../shared/domain';
import { inFlightIn, isManuallyPaused } from '../../../shared/in-flight';
import { INCIDENT_AUDIT_KINDS } from '../../../shared/incidents';
import { ApiError } from '../api/api-error';
import type { AuditEntry } from '../audit/audit-log';

/** What pause-all needs of the room: the fleet, the pause action, the log and the change stream. */
export interface PauseAllRoom {
  fleet(): RolloutSummary[];
  act(input: ApiParsedInput<'rollout.act'>, actor: string): Promise<ActionResult>;
  publish(event: ChangeEvent): void;
  readonly writer: { write(entries: readonly AuditEntry[]): AuditRecord[] };
}

export interface PauseAllDeps {
  room: PauseAllRoom;
  /** The audit history, to answer a retried bulk request from its record. */
  history: () => readonly AuditRecord[];
  /** Pauses in flight at once: slow connections overlap, and none waits behind another. */
  concurrency?: number;
  /** A connection that does not answer in this time fails its rollout; the others go on. */
  timeoutMs?: number;
}

type PauseAllInput = ApiParsedInput<'rollouts.pauseAll'>;

const DEFAULT_CONCURRENCY = 8;
const DEFAULT_TIMEOUT_MS = 15_000;

function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** Runs `work` on every item with at most `limit` at once; results in the items' order. */
async function pooled<T, R>(items: readonly T[], limit: number, work: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array<R>(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const index = next++;
      results[index] = await work(items[index] as T);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}

function withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => reject(new Error(`${what}: no answer within ${ms / 1000} s; it may still be applied`)),
      ms,
    );
    timer.unref?.();
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

export class PauseAll {
  private readonly running = new Map<string, Promise<PauseAllResult>>();

  constructor(private readonly deps: PauseAllDeps) {}

  run(input: PauseAllInput, actor: string): Promise<PauseAllResult> {
    const done = this.recorded(input.idempotencyKey);
    if (done) return Promise.resolve({ ...done, applied: false });
    // The same key arriving twice at once (a double Enter) runs once.
    const running = this.running.get(input.idempotencyKey);
    if (running) return running.then((r) => ({ ...r, applied: false }));
    const run = this.perform(input, actor).finally(() => this.running.delete(input.idempotencyKey));
    this.running.set(input.idempotencyKey, run);
    return run;
  }

  private async perform(input: PauseAllInput, actor: string): Promise<PauseAllResult> {
    const { room } = this.deps;
    const scope = {
      ...(input.environment === undefined ? {} : { environment: input.environment }),
      ...(input.connection === undefined ? {} : { connection: input.connection }),
    };
    const reason = input.reason ?? '';
    const targets = inFlightIn(room.fleet(), scope);
    const target = scopeTarget(scope);
    // Durable intent first: after a crash mid-way, the log says a bulk pause was under way and whose.
    // If the log cannot take it, nothing is paused and the caller is told why.
    room.writer.write([
      {
        actor,
        kind: `${INCIDENT_AUDIT_KINDS.pauseAll}.requested`,
        target,
        reason,
        details: { idempotencyKey: input.idempotencyKey, scope, rollouts: targets.map((r) => r.id) },
      },
    ]);
    const bulkId = input.idempotencyKey;
    let finished = 0;
    room.publish({ type: 'bulk', id: bulkId, done: 0, total: targets.length });
    const results = await pooled(targets, this.deps.concurrency ?? DEFAULT_CONCURRENCY, async (r) => {
      const result = await this.pauseOne(r, input, actor, reason);
      finished++;
      room.publish({ type: 'bulk', id: bulkId, done: finished, total: targets.length, result });
      return result;
    });
    const counts = { paused: 0, 'already-paused': 0, failed: 0 };
    for (const r of results) counts[r.outcome]++;
    const [record] = room.writer.write([
      {
        actor,
        kind: INCIDENT_AUDIT_KINDS.pauseAll,
        target,
        reason,
        details: { idempotencyKey: input.idempotencyKey, scope, counts, results },
      },
    ]);
    const auditSeq = record?.seq ?? 0;
    room.publish({ type: 'audit', seq: auditSeq });
    return { applied: true, scope, results, counts, auditSeq };
  }

  private async pauseOne(
    r: RolloutSummary,
    input: PauseAllInput,
    actor: string,
    reason: string,
  ): Promise<PauseAllRolloutResult> {
    const base = { id: r.id, service: r.service, environment: r.environment, connection: r.connection };
    // Paused by a person already: nothing to do, and no refusal record to clutter the log.
    if (isManuallyPaused(r)) return { ...base, outcome: 'already-paused', message: 'Already paused.' };
    try {
      const answer = await withTimeout(
        this.deps.room.act(
          {
            id: r.id,
            action: 'pause',
            // Derived from the bulk key: a retried bulk request pauses each rollout once.
            idempotencyKey: `${input.idempotencyKey}:${r.id}`,
            ...(reason === '' ? {} : { reason }),
          },
          actor,
        ),
        this.deps.timeoutMs ?? DEFAULT_TIMEOUT_MS,
        `${r.connection} did not answer`,
      );
      return { ...base, outcome: 'paused', message: answer.message };
    } catch (error) {
      // Someone paused it between the fleet read and the action: it is paused, which is the goal.
      if (error instanceof ApiError && /Already paused\.$/.test(error.message))
        return { ...base, outcome: 'already-paused', message: 'Already paused.' };
      return { ...base, outcome: 'failed', message: errorText(error) };
    }
  }

  /** The bulk record of a key already applied, from the log (so a retry after a restart applies once). */
  private recorded(key: string): PauseAllResult | undefined {
    const history = this.deps.history();
    for (let i = history.length - 1; i >= 0; i--) {
      const rec = history[i] as AuditRecord;
      if (rec.kind !== INCIDENT_AUDIT_KINDS.pauseAll || rec.details?.idempotencyKey !== key) continue;
      const d = rec.details as unknown as Omit<PauseAllResult, 'applied' | 'auditSeq'>;
      return { applied: false, scope: d.scope, results: d.results, counts: d.counts, auditSeq: rec.seq };
    }
    return undefined;
  }
}

function scopeTarget(scope: { environment?: string; connection?: string }): string {
  const parts = [
    ...(scope.connection === undefined ? [] : [`connection:${scope.connection}`]),
    ...(scope.environment === undefined ? [] : [`environment:${scope.environment}`]),
  ];
  return parts.length === 0 ? 'fleet' : parts.join(',');
}
