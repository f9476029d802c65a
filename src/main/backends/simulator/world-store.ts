// The simulated world on disk: `simulator-state.json` (a snapshot) and `simulator-journal.jsonl` (each
// change since, fsynced before it is acknowledged). A CLI command without a running control room acts
// on the same world as the last one, a restarted server picks up where it was, and kill -9 loses
// nothing that was answered. A save belongs to one fleet file and seed; another starts a fresh world.
// A damaged save is set aside with a note (nothing is deleted), never trusted.
import type { BackendChange } from '../../core/rollouts/deployment-backend';
import { StateJournal, type JournalLine } from '../../core/persistence/state-journal';
import type { ControlledRollout } from '../rollout-controller/rollout-machine';
import { checkSavedRollout, fleetCoverageProblem, WORLD_FORMAT, type FleetShape } from './saved-world';
import { savedAtProblem } from '../rollout-controller/saved-rollout';

/** Fold the journal into a new snapshot past this many lines or bytes. */
const COMPACT_LINES = 2000;
const COMPACT_BYTES = 8 * 1024 * 1024;

export interface WorldPaths {
  snapshot: string;
  journal: string;
}

export type WorldRead =
  | { kind: 'none' }
  | { kind: 'restored'; rollouts: ControlledRollout[]; savedAt: number; changes: BackendChange[] }
  | { kind: 'other-fleet' }
  | { kind: 'damaged'; movedTo: string[]; problem: string };

export interface PersistBatch {
  at: number;
  rollouts: readonly ControlledRollout[];
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

export class WorldStore {
  private constructor(
    private readonly journal: StateJournal,
    private readonly digest: string,
  ) {}

  /**
   * Opens the world's files and reads them back, checking what they mean against the fleet. `wallNow`
   * bounds how far ahead a believable save may be.
   */
  static open(
    paths: WorldPaths,
    digest: string,
    shape: FleetShape,
    wallNow: number,
  ): { store: WorldStore; read: WorldRead } {
    const { journal, contents } = StateJournal.open(paths.snapshot, paths.journal);
    const store = new WorldStore(journal, digest);
    if (!contents.snapshot && contents.lines.length === 0 && !contents.problem)
      return { store, read: { kind: 'none' } };
    const problem = contents.problem ?? store.checkDigest(contents.snapshot, paths.snapshot);
    if (problem === 'other-fleet') return { store, read: { kind: 'other-fleet' } };
    const result =
      problem === undefined
        ? WorldStore.replay(paths, contents.snapshot, contents.lines, shape, wallNow)
        : { problem };
    if ('problem' in result) {
      const movedTo = journal.setAside(`damaged-${Date.now()}`);
      return { store, read: { kind: 'damaged', movedTo, problem: result.problem } };
    }
    return { store, read: { kind: 'restored', ...result } };
  }

  private checkDigest(
    snapshot: Record<string, unknown> | undefined,
    snapshotPath: string,
  ): string | undefined {
    if (!snapshot) return `${basename(snapshotPath)}: missing, though its journal has lines`;
    if (snapshot.format !== WORLD_FORMAT && snapshot.format !== 1)
      return `${basename(snapshotPath)}: format: ${String(snapshot.format)} is not a format this version reads`;
    return snapshot.fleetDigest === this.digest ? undefined : 'other-fleet';
  }

  private static replay(
    paths: WorldPaths,
    snapshot: Record<string, unknown> | undefined,
    lines: readonly JournalLine[],
    shape: FleetShape,
    wallNow: number,
  ): { rollouts: ControlledRollout[]; savedAt: number; changes: BackendChange[] } | { problem: string } {
    const file = basename(paths.snapshot);
    const savedAt = snapshot?.savedAt;
    const timeProblem = savedAtProblem(`${file}: savedAt`, savedAt, wallNow);
    if (timeProblem) return { problem: timeProblem };
    if (!Array.isArray(snapshot?.rollouts)) return { problem: `${file}: rollouts: not a list` };
    const world = new Map<string, ControlledRollout>();
    const listed: ControlledRollout[] = [];
    for (const [i, value] of (snapshot.rollouts as unknown[]).entries()) {
      const checked = checkSavedRollout(value, `${file}: rollouts[${i}]`, shape, savedAt as number);
      if ('problem' in checked) return checked;
      listed.push(checked.rollout);
      world.set(checked.rollout.id, checked.rollout);
    }
    const coverage = fleetCoverageProblem(`${file}: rollouts`, listed, shape);
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
        const checked = checkSavedRollout(value, `${where}: rollouts[${i}]`, shape, line.at as number);
        if ('problem' in checked) return checked;
        world.set(checked.rollout.id, checked.rollout);
      }
      for (const [i, change] of (line.changes as unknown[]).entries()) {
        if (!isChange(change)) return { problem: `${where}: changes[${i}]: not a change` };
        changes.push({ ...change, worldSeq: line.seq });
      }
      latest = Math.max(latest, line.at as number);
    }
    // In the fleet's order, as a fresh world lists them.
    return {
      rollouts: [...shape.keys()].map((id) => world.get(id) as ControlledRollout),
      savedAt: latest,
      changes,
    };
  }

  /** Makes a change durable before anyone is told of it; returns its seq. Throws when it cannot. */
  persist(batch: PersistBatch): number {
    return this.journal.append({ at: batch.at, rollouts: batch.rollouts, changes: batch.changes });
  }

  /** A fresh world replaces what was saved: its changes are numbered after `seq` at the least. */
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

  /** Writes the whole world as the new snapshot and empties the journal. */
  compact(rollouts: readonly ControlledRollout[], savedAt: number): void {
    this.journal.compact({ format: WORLD_FORMAT, fleetDigest: this.digest, savedAt, rollouts });
  }

  close(): void {
    this.journal.close();
  }
}
