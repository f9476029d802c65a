// Controlled rollouts on disk, for every backend whose controller is the control room: a snapshot
// (every rollout) and a journal of each change since, fsynced before it is acknowledged, so kill -9
// loses nothing that was answered. What the files mean is checked by the backend's rules, rollout by
// rollout, before anything is believed; a damaged save is set aside (nothing is deleted), never trusted.
import type { BackendChange } from '../../core/rollouts/deployment-backend';
import { StateJournal, type JournalLine } from '../../core/persistence/state-journal';
import type { ControlledRollout } from './rollout-machine';
import { savedAtProblem } from './saved-rollout';

/** Fold the journal into a new snapshot past this many lines or bytes. */
const COMPACT_LINES = 2000;
const COMPACT_BYTES = 8 * 1024 * 1024;

export interface StorePaths {
  snapshot: string;
  journal: string;
}

export interface StoreRules<R extends ControlledRollout> {
  /** The snapshot's format, and older ones this version still reads. */
  format: number;
  readsFormats?: readonly number[];
  /** Fields the snapshot carries to say what it belongs to (a fleet's digest, a connection). */
  identity: Record<string, unknown>;
  /** The rollout `value` as saved at `notAfter`, or the problem with it named by `where` and field. */
  check(value: unknown, where: string, notAfter: number): { rollout: R } | { problem: string };
  /** What is wrong with the snapshot's rollouts as a whole (one missing, one twice), if anything. */
  coverage?(rollouts: readonly R[], where: string): string | undefined;
}

export type StoreRead<R> =
  | { kind: 'none' }
  | { kind: 'restored'; rollouts: Map<string, R>; savedAt: number; changes: BackendChange[] }
  /** The save belongs to something else (another fleet file or seed): start fresh. */
  | { kind: 'other' }
  | { kind: 'damaged'; movedTo: string[]; problem: string };

export interface PersistBatch<R> {
  at: number;
  rollouts: readonly R[];
  changes: readonly BackendChange[];
}

function basename(p: string): string {
  return p.slice(Math.max(p.lastIndexOf('/'), p.lastIndexOf('\\')) + 1);
}

function isChange(value: unknown): value is BackendChange {
  const c = value as Partial<BackendChange> | null;
  return (
    typeof c === 'object' &&
    c !== null &&
    typeof c.id === 'string' &&
    typeof c.kind === 'string' &&
    typeof c.actor === 'string' &&
    typeof c.message === 'string' &&
    Number.isSafeInteger(c.revision)
  );
}

export class RolloutStore<R extends ControlledRollout> {
  private constructor(
    private readonly journal: StateJournal,
    private readonly rules: StoreRules<R>,
  ) {}

  /** Opens the files and reads them back; `wallNow` bounds how far ahead a believable save may be. */
  static open<R extends ControlledRollout>(
    paths: StorePaths,
    rules: StoreRules<R>,
    wallNow: number,
  ): { store: RolloutStore<R>; read: StoreRead<R> } {
    const { journal, contents } = StateJournal.open(paths.snapshot, paths.journal);
    const store = new RolloutStore(journal, rules);
    if (!contents.snapshot && contents.lines.length === 0 && !contents.problem)
      return { store, read: { kind: 'none' } };
    const problem = contents.problem ?? store.identityProblem(contents.snapshot, paths.snapshot);
    if (problem === 'other') return { store, read: { kind: 'other' } };
    const result =
      problem === undefined ? store.replay(paths, contents.snapshot, contents.lines, wallNow) : { problem };
    if ('problem' in result) {
      const movedTo = journal.setAside(`damaged-${Date.now()}`);
      return { store, read: { kind: 'damaged', movedTo, problem: result.problem } };
    }
    return { store, read: { kind: 'restored', ...result } };
  }

  private identityProblem(
    snapshot: Record<string, unknown> | undefined,
    snapshotPath: string,
  ): string | undefined {
    if (!snapshot) return `${basename(snapshotPath)}: missing, though its journal has lines`;
    const formats = [this.rules.format, ...(this.rules.readsFormats ?? [])];
    if (!formats.includes(snapshot.format as number))
      return `${basename(snapshotPath)}: format: ${String(snapshot.format)} is not a format this version reads`;
    for (const [key, value] of Object.entries(this.rules.identity))
      if (snapshot[key] !== value) return 'other';
    return undefined;
  }

  private replay(
    paths: StorePaths,
    snapshot: Record<string, unknown> | undefined,
    lines: readonly JournalLine[],
    wallNow: number,
  ): { rollouts: Map<string, R>; savedAt: number; changes: BackendChange[] } | { problem: string } {
    const file = basename(paths.snapshot);
    const savedAt = snapshot?.savedAt;
    const timeProblem = savedAtProblem(`${file}: savedAt`, savedAt, wallNow);
    if (timeProblem) return { problem: timeProblem };
    if (!Array.isArray(snapshot?.rollouts)) return { problem: `${file}: rollouts: not a list` };
    const rollouts = new Map<string, R>();
    const listed: R[] = [];
    for (const [i, value] of (snapshot.rollouts as unknown[]).entries()) {
      const checked = this.rules.check(value, `${file}: rollouts[${i}]`, savedAt as number);
      if ('problem' in checked) return checked;
      listed.push(checked.rollout);
      rollouts.set(checked.rollout.id, checked.rollout);
    }
    const coverage = this.rules.coverage?.(listed, `${file}: rollouts`);
    if (coverage) return { problem: coverage };
    let latest = savedAt as number;
    const changes: BackendChange[] = [];
    const journalFile = basename(paths.journal);
    for (const line of lines) {
      const where = `${journalFile}: line seq ${line.seq}`;
      const atProblem = savedAtProblem(`${where}: at`, line.at, wallNow);
      if (atProblem) return { problem: atProblem };
      if (!Array.isArray(line.rollouts) || !Array.isArray(line.changes))
        return { problem: `${where}: rollouts and changes must be lists` };
      for (const [i, value] of (line.rollouts as unknown[]).entries()) {
        const checked = this.rules.check(value, `${where}: rollouts[${i}]`, line.at as number);
        if ('problem' in checked) return checked;
        rollouts.set(checked.rollout.id, checked.rollout);
      }
      for (const [i, change] of (line.changes as unknown[]).entries()) {
        if (!isChange(change)) return { problem: `${where}: changes[${i}]: not a change` };
        changes.push({ ...change, worldSeq: line.seq });
      }
      latest = Math.max(latest, line.at as number);
    }
    return { rollouts, savedAt: latest, changes };
  }

  /** Makes a change durable before anyone is told of it; returns its seq. Throws when it cannot. */
  persist(batch: PersistBatch<R>): number {
    return this.journal.append({ at: batch.at, rollouts: batch.rollouts, changes: batch.changes });
  }

  /** Fresh state replaces what was saved: its changes are numbered after `seq` at the least. */
  startFresh(afterSeq: number): void {
    this.journal.restartAfter(afterSeq);
  }

  /** The seq the next persisted change will follow. */
  get seq(): number {
    return this.journal.seq;
  }

  shouldCompact(): boolean {
    return this.journal.pendingLines >= COMPACT_LINES || this.journal.bytes >= COMPACT_BYTES;
  }

  /** Writes every rollout as the new snapshot and empties the journal. */
  compact(rollouts: readonly R[], savedAt: number): void {
    this.journal.compact({ format: this.rules.format, ...this.rules.identity, savedAt, rollouts });
  }

  close(): void {
    this.journal.close();
  }
}
