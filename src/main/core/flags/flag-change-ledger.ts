// Applies each flag change's idempotency key once: a key seen again answers as the first time did,
// a key arriving while its first request runs waits for it. Rebuilt from the `flag.changed` records,
// so a retry after a restart is not applied twice. Refused and failed changes changed nothing: the
// same key may try again (that is the person asking for the retry).
import type { FlagsApiOutputs } from '../../../shared/api';
import type { AuditRecord } from '../../../shared/domain';
import { FLAG_AUDIT_KINDS, type FlagChange, type FlagStateDigest } from '../../../shared/flags';
import { ApiError } from '../api/api-error';

export type FlagChangeAnswer = FlagsApiOutputs['flags.change'];

export interface FlagChangeRequest {
  flag: string;
  environment: string;
  connection?: string | undefined;
  change: FlagChange;
  idempotencyKey: string;
}

/** What a decided key is known by: the full answer while this room runs, the record's digest after a restart. */
export interface DecidedChange {
  flag: string;
  environment: string;
  connection: string;
  change: FlagChange;
  answer?: FlagChangeAnswer;
  recorded?: { message: string; auditSeq: number; before?: FlagStateDigest; after?: FlagStateDigest };
}

const sameChange = (a: FlagChange, b: FlagChange): boolean => JSON.stringify(a) === JSON.stringify(b);

function changeOf(details: Record<string, unknown>): FlagChange | undefined {
  if (details.change === 'enable' || details.change === 'disable') return { kind: details.change };
  if (details.change === 'set-rollout' && typeof details.percent === 'number')
    return {
      kind: 'set-rollout',
      percent: details.percent,
      ...(typeof details.groupId === 'string' ? { groupId: details.groupId } : {}),
    };
  return undefined;
}

export class FlagChangeLedger {
  private readonly done = new Map<string, DecidedChange>();
  private readonly running = new Map<string, Promise<FlagChangeAnswer>>();

  learn(records: readonly AuditRecord[]): void {
    for (const r of records) {
      if (r.kind !== FLAG_AUDIT_KINDS.changed) continue;
      const d = r.details;
      const change = changeOf(d);
      if (typeof d.idempotencyKey !== 'string' || !change) continue;
      this.done.set(d.idempotencyKey, {
        flag: r.target,
        environment: String(d.environment),
        connection: String(d.connection),
        change,
        recorded: {
          message: typeof d.message === 'string' ? d.message : '',
          auditSeq: r.seq,
          ...(d.before ? { before: d.before as FlagStateDigest } : {}),
          ...(d.after ? { after: d.after as FlagStateDigest } : {}),
        },
      });
    }
  }

  /** The decided change of this key, if any; invalid-input when the key was used for another change. */
  decided(request: FlagChangeRequest): DecidedChange | undefined {
    const entry = this.done.get(request.idempotencyKey);
    if (!entry) return undefined;
    const same =
      entry.flag === request.flag &&
      entry.environment === request.environment &&
      (request.connection === undefined || entry.connection === request.connection) &&
      sameChange(entry.change, request.change);
    if (!same)
      throw new ApiError(
        'invalid-input',
        `Idempotency key was already used for ${entry.change.kind} of ${entry.flag} in ${entry.environment} (${entry.connection}); use a new key for a new change`,
        'idempotencyKey',
      );
    return entry;
  }

  remember(key: string, decided: DecidedChange): void {
    this.done.set(key, decided);
  }

  async runOnce(key: string, perform: () => Promise<FlagChangeAnswer>): Promise<FlagChangeAnswer> {
    const inFlight = this.running.get(key);
    if (inFlight) return inFlight;
    const promise = perform();
    this.running.set(key, promise);
    try {
      return await promise;
    } finally {
      this.running.delete(key);
    }
  }
}
