// Applies each idempotency key once. A key seen again returns the first outcome; a key arriving
// while its first request is still running waits for that request. Rebuilt from the audit log, so
// a retried request after a restart still applies once.
import type { ActionResult, ActionRequest } from '../../../shared/api';
import type { AuditRecord } from '../../../shared/domain';
import { ApiError } from '../api/api-error';
import type { AuditEntry } from '../audit/audit-log';

type Outcome = Omit<ActionResult, 'rollout'>;
interface Entry {
  id: string;
  action: string;
  toVersion?: string;
  outcome: Outcome;
}

export class IdempotencyLedger {
  private readonly done = new Map<string, Entry>();
  private readonly running = new Map<string, Promise<ActionResult>>();

  static fromAudit(records: readonly AuditRecord[]): IdempotencyLedger {
    const ledger = new IdempotencyLedger();
    ledger.learn(records);
    return ledger;
  }

  /** Takes the decided actions among `records`: a key with an outcome is not applied again. */
  learn(records: readonly AuditRecord[]): void {
    for (const r of records) this.learnOne(r.kind, r.target, r.details, r.seq);
  }

  /** The same for records not yet written (their seq is 0 until they are). */
  learnEntries(entries: readonly AuditEntry[]): void {
    for (const e of entries) this.learnOne(e.kind, e.target, e.details ?? {}, 0);
  }

  private learnOne(kind: string, target: string, details: Record<string, unknown>, seq: number): void {
    // An interrupted action that was not applied is not decided: the same key may apply it now.
    const unknown = kind === 'action.interrupted' && details.applied === 'unknown';
    if (kind !== 'action.succeeded' && kind !== 'action.failed' && !unknown) return;
    const { idempotencyKey, action, toVersion, message } = details;
    if (typeof idempotencyKey !== 'string' || typeof action !== 'string') return;
    this.done.set(idempotencyKey, {
      id: target,
      action,
      ...(typeof toVersion === 'string' ? { toVersion } : {}),
      outcome: {
        applied: true,
        outcome: kind === 'action.succeeded' ? 'succeeded' : 'failed',
        message: typeof message === 'string' ? message : '',
        auditSeq: seq,
      },
    });
  }

  /** The earlier outcome of this key, if it was already applied. */
  replay(request: ActionRequest): Outcome | undefined {
    const entry = this.done.get(request.idempotencyKey);
    if (!entry) return undefined;
    if (entry.id !== request.id || entry.action !== request.action || entry.toVersion !== request.toVersion)
      throw new ApiError(
        'invalid-input',
        `Idempotency key was already used for ${entry.action} on ${entry.id}; use a new key for a new action`,
        'idempotencyKey',
      );
    return entry.outcome;
  }

  remember(request: ActionRequest, outcome: Outcome): void {
    this.done.set(request.idempotencyKey, {
      id: request.id,
      action: request.action,
      ...(request.toVersion !== undefined ? { toVersion: request.toVersion } : {}),
      outcome,
    });
  }

  async runOnce(key: string, perform: () => Promise<ActionResult>): Promise<ActionResult> {
    const inFlight = this.running.get(key);
    if (inFlight) return { ...(await inFlight), applied: false };
    const promise = perform();
    this.running.set(key, promise);
    try {
      return await promise;
    } finally {
      this.running.delete(key);
    }
  }
}
