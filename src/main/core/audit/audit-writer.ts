// Writes the room's audit records and knows whether it can. When the log (or the world) cannot be
// written, the room is "blocked": nothing new is started, the controller stops moving the world, and
// records of changes the world already made durable are owed and written first once it can write
// again. A log whose chain is broken makes the room read-only until it is sealed.
import type { StorageState } from '../../../shared/api';
import { ApiError } from '../api/api-error';
import { isoTime, type Clock } from '../clock';
import type { AuditEntry, AuditLog } from './audit-log';
import type { AuditRecord } from '../../../shared/domain';

export type BlockedPart = 'audit' | 'world';

interface Blocked {
  since: number;
  reason: string;
}

function errorText(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

export class AuditWriter {
  /** Records of changes that already happened (durable in the world) but are not in the log yet. */
  private owed: AuditEntry[] = [];
  private readonly blocked = new Map<BlockedPart, Blocked>();
  private readonly listeners = new Set<() => void>();

  constructor(
    readonly log: AuditLog,
    private readonly clock: Clock,
    private readonly actor = 'control-room',
  ) {}

  state(): StorageState {
    const integrity = this.log.integrity;
    if (!integrity.ok)
      return {
        state: 'read-only',
        firstBrokenSeq: integrity.firstBrokenSeq,
        reason: `${integrity.problem}. Nothing can be recorded, so nothing is done: stop the control room and run \`control-room audit seal --reason …\` to start a new segment.`,
      };
    const first = this.blocked.get('audit') ?? this.blocked.get('world');
    if (!first) return { state: 'ok' };
    return {
      state: 'blocked',
      since: isoTime(first.since),
      reason: first.reason,
      owed: this.owed.length,
    };
  }

  /** Whether the world may move: not while its changes could not be recorded or saved. */
  get writable(): boolean {
    return this.log.integrity.ok && this.blocked.size === 0;
  }

  get owedCount(): number {
    return this.owed.length;
  }

  onStateChange(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /**
   * Writes `entries` after whatever is owed, in one durable batch, and returns their records. Throws
   * an ApiError ('unavailable', or 'precondition-failed' when read-only) saying nothing was written;
   * with `owedIfFailed` the entries are kept and written with the next batch instead.
   */
  write(entries: readonly AuditEntry[], owedIfFailed = false): AuditRecord[] {
    this.refuseIfReadOnly();
    const restored = this.blocked.get('audit');
    const batch = [...(restored ? [this.restoredEntry('audit', restored)] : []), ...this.owed, ...entries];
    let records: AuditRecord[];
    try {
      records = this.log.appendBatch(batch);
    } catch (error) {
      if (owedIfFailed) this.owed.push(...entries);
      this.block('audit', `the audit log cannot be written (${errorText(error)})`);
      throw new ApiError(
        'unavailable',
        `The audit log could not be written (${errorText(error)}); nothing was done.`,
      );
    }
    this.owed = [];
    if (restored) {
      this.blocked.delete('audit');
      this.changed();
    }
    return records.slice(records.length - entries.length);
  }

  /** Records changes that already happened; they are written with the next batch. */
  owe(entries: readonly AuditEntry[]): void {
    this.owed.push(...entries);
  }

  /** Writes what is owed (and, after a block, the note that writes work again). */
  settle(): boolean {
    if (!this.log.integrity.ok) return false;
    if (this.owed.length === 0 && !this.blocked.has('audit')) return true;
    try {
      this.write([]);
      return true;
    } catch {
      return false;
    }
  }

  /** The world could not be saved (it stayed as it was): hold everything until it can. */
  worldFailed(error: unknown): void {
    this.block('world', `the workspace cannot be written (${errorText(error)}): the world is not moving`);
  }

  /** The world was saved again after a failure: say so in the log. */
  worldSaved(): void {
    const blocked = this.blocked.get('world');
    if (!blocked) return;
    this.blocked.delete('world');
    this.owe([this.restoredEntry('world', blocked)]);
    this.changed();
    this.settle();
  }

  /** Throws unless a new action may start: the log must take its request record. */
  refuseIfReadOnly(): void {
    const integrity = this.log.integrity;
    if (!integrity.ok)
      throw new ApiError(
        'precondition-failed',
        `The control room is read-only: its audit log's chain is broken at seq ${integrity.firstBrokenSeq} (${integrity.problem}). Nothing was done.`,
      );
  }

  private restoredEntry(part: BlockedPart, blocked: Blocked): AuditEntry {
    return {
      actor: this.actor,
      kind: 'storage.writes-restored',
      target: part === 'audit' ? 'audit.jsonl' : 'world',
      reason: blocked.reason,
      details: { part, blockedSince: isoTime(blocked.since), owed: this.owed.length },
    };
  }

  private block(part: BlockedPart, reason: string): void {
    const existing = this.blocked.get(part);
    if (existing) {
      existing.reason = reason;
      return;
    }
    this.blocked.set(part, { since: this.clock.now(), reason });
    this.changed();
  }

  private changed(): void {
    for (const listener of this.listeners) listener();
  }
}
