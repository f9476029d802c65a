// The simulated world on disk: `simulator-state.json` (a snapshot) and `simulator-journal.jsonl` (each
// change since, fsynced before it is acknowledged). A CLI command without a running control room acts
// on the same world as the last one, a restarted server picks up where it was, and kill -9 loses
// nothing that was answered. A save belongs to one fleet file and seed; another starts a fresh world.
// A damaged save is set aside with a note (nothing is deleted), never trusted.
import type { BackendChange } from '../../core/rollouts/deployment-backend';
import type { ControlledRollout } from '../rollout-controller/rollout-machine';
import { RolloutStore, type PersistBatch as StoreBatch } from '../rollout-controller/rollout-store';
import { checkSavedRollout, fleetCoverageProblem, WORLD_FORMAT, type FleetShape } from './saved-world';

export interface WorldPaths {
  snapshot: string;
  journal: string;
}

export type WorldRead =
  | { kind: 'none' }
  | { kind: 'restored'; rollouts: ControlledRollout[]; savedAt: number; changes: BackendChange[] }
  | { kind: 'other-fleet' }
  | { kind: 'damaged'; movedTo: string[]; problem: string };

export type PersistBatch = StoreBatch<ControlledRollout>;

export class WorldStore {
  private constructor(private readonly store: RolloutStore<ControlledRollout>) {}

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
    const { store, read } = RolloutStore.open<ControlledRollout>(
      paths,
      {
        format: WORLD_FORMAT,
        readsFormats: [1],
        identity: { fleetDigest: digest },
        check: (value, where, notAfter) => checkSavedRollout(value, where, shape, notAfter),
        coverage: (rollouts, where) => fleetCoverageProblem(where, rollouts, shape),
      },
      wallNow,
    );
    const world = new WorldStore(store);
    if (read.kind === 'other') return { store: world, read: { kind: 'other-fleet' } };
    if (read.kind !== 'restored') return { store: world, read };
    // In the fleet's order, as a fresh world lists them.
    const rollouts = [...shape.keys()].map((id) => read.rollouts.get(id) as ControlledRollout);
    return { store: world, read: { ...read, rollouts } };
  }

  /** Makes a change durable before anyone is told of it; returns its seq. Throws when it cannot. */
  persist(batch: PersistBatch): number {
    return this.store.persist(batch);
  }

  /** A fresh world replaces what was saved: its changes are numbered after `seq` at the least. */
  startFresh(afterSeq: number): void {
    this.store.startFresh(afterSeq);
  }

  /** The seq the next persisted change will follow. */
  get seq(): number {
    return this.store.seq;
  }

  shouldCompact(): boolean {
    return this.store.shouldCompact();
  }

  /** Writes the whole world as the new snapshot and empties the journal. */
  compact(rollouts: readonly ControlledRollout[], savedAt: number): void {
    this.store.compact(rollouts, savedAt);
  }

  close(): void {
    this.store.close();
  }
}
