// Applies each idempotency key once. A key seen again returns the first outcome; a key arriving
// while its first request is still running waits for that request. Rebuilt from the audit log, so
// a retried request after a restart still applies once.
import type { ActionResult, ActionRequest } from '../../../shared/api';
import type { AuditRecord } from '../../../shared/domain';
import { ApiError } from '../api/api-error';

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
    for (const r of records) {
      if (r.kind !== 'action.succeeded' && r.kind !== 'action.failed') continue;
      const { idempotencyKey, action, toVersion, message } = r.details;
      if (typeof idempotencyKey !== 'string' || typeof action !== 'string') continue;
      ledger.done.set(idempotencyKey, {
        id: r.target,
        action,
        ...(typeof toVersion === 'string' ? { toVersion } : {}),
        outcome: {
          applied: true,
          outcome: r.kind === 'action.succeeded' ? 'succeeded' : 'failed',
          message: typeof message === 'string' ? message : '',
          auditSeq: r.seq,
        },
      });
    }
    return ledger;
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
