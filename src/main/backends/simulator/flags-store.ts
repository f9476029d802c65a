// The simulated flags on disk, beside the simulated world: a snapshot of every change since the fleet
// file's states and a journal of each change after it, fsynced before the change is answered, so a
// restarted control room (or kill -9) finds each flag as it was left and its history for the metrics.
// It belongs to one fleet file and seed, like the world; a damaged save is set aside, never trusted.
import { basename } from 'node:path';
import { z } from 'zod';
import { StateJournal } from '../../core/persistence/state-journal';
import { savedAtProblem } from '../rollout-controller/saved-rollout';
import type { FlagPersistence, SimulatedFlagChange } from './simulated-flags';

/** Fold the journal into a new snapshot past this many lines. */
const COMPACT_LINES = 500;
const FORMAT = 1;

export interface FlagsStorePaths {
  snapshot: string;
  journal: string;
}

export type FlagsRead =
  | { kind: 'none' }
  | { kind: 'restored'; changes: SimulatedFlagChange[]; savedAt: number }
  | { kind: 'other-fleet' }
  | { kind: 'damaged'; movedTo: string[]; problem: string };

const changeSchema = z
  .object({
    at: z.number(),
    key: z.string().min(1),
    environment: z.string().min(1),
    enabled: z.boolean(),
    rolloutPercent: z.number().int().min(0).max(100),
    groupId: z.string().min(1),
    by: z.string().min(1),
  })
  .strict();

/** Whether the fleet declares this flag in this environment. */
export type KnownFlag = (key: string, environment: string) => boolean;

function checkChange(
  value: unknown,
  where: string,
  known: KnownFlag,
  wallNow: number,
): { change: SimulatedFlagChange } | { problem: string } {
  const parsed = changeSchema.safeParse(value);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return { problem: `${where}.${issue?.path.join('.') ?? ''}: ${issue?.message ?? 'not a flag change'}` };
  }
  const change = parsed.data;
  const timeProblem = savedAtProblem(`${where}.at`, change.at, wallNow);
  if (timeProblem) return { problem: timeProblem };
  if (!known(change.key, change.environment))
    return { problem: `${where}: ${change.key} in ${change.environment} is not a flag of the fleet file` };
  return { change };
}

export class FlagsStore implements FlagPersistence {
  private constructor(
    private readonly journal: StateJournal,
    /** The fleet file and seed the flags belong to. */
    private readonly digest: string,
  ) {}

  /** Opens the files and reads them back; `wallNow` bounds how far ahead a believable change may be. */
  static open(
    paths: FlagsStorePaths,
    digest: string,
    known: KnownFlag,
    wallNow: number,
  ): { store: FlagsStore; read: FlagsRead } {
    const { journal, contents } = StateJournal.open(paths.snapshot, paths.journal);
    const store = new FlagsStore(journal, digest);
    if (!contents.snapshot && contents.lines.length === 0 && !contents.problem)
      return { store, read: { kind: 'none' } };
    const read = (): FlagsRead => {
      if (contents.problem) return { kind: 'damaged', movedTo: [], problem: contents.problem };
      const snapshot = contents.snapshot;
      const file = basename(paths.snapshot);
      if (!snapshot)
        return { kind: 'damaged', movedTo: [], problem: `${file}: missing, though its journal has lines` };
      if (snapshot.format !== FORMAT)
        return {
          kind: 'damaged',
          movedTo: [],
          problem: `${file}: format: ${String(snapshot.format)} is not a format this version reads`,
        };
      if (snapshot.fleetDigest !== digest) return { kind: 'other-fleet' };
      if (!Array.isArray(snapshot.changes))
        return { kind: 'damaged', movedTo: [], problem: `${file}: changes: not a list` };
      const changes: SimulatedFlagChange[] = [];
      let savedAt = typeof snapshot.savedAt === 'number' ? snapshot.savedAt : 0;
      const lines = [
        ...(snapshot.changes as unknown[]).map((value, i) => ({ value, where: `${file}: changes[${i}]` })),
        ...contents.lines.map((line) => ({
          value: line.change,
          where: `${basename(paths.journal)}: line seq ${line.seq}: change`,
        })),
      ];
      for (const { value, where } of lines) {
        const checked = checkChange(value, where, known, wallNow);
        if ('problem' in checked) return { kind: 'damaged', movedTo: [], problem: checked.problem };
        changes.push(checked.change);
        savedAt = Math.max(savedAt, checked.change.at);
      }
      return { kind: 'restored', changes, savedAt };
    };
    const result = read();
    if (result.kind !== 'damaged') return { store, read: result };
    return { store, read: { ...result, movedTo: journal.setAside(`damaged-${Date.now()}`) } };
  }

  /** Makes a change durable before anyone is told of it. Throws (nothing counted) when it cannot. */
  persistFlag(change: SimulatedFlagChange): void {
    this.journal.append({ at: change.at, change });
  }

  /** The fleet file's states replace what was saved (another fleet, or a damaged save). */
  startFresh(savedAt: number): void {
    this.journal.restartAfter(0);
    this.compact([], savedAt);
  }

  shouldCompact(): boolean {
    return this.journal.pendingLines >= COMPACT_LINES;
  }

  /** Writes every change as the new snapshot and empties the journal. */
  compact(changes: readonly SimulatedFlagChange[], savedAt: number): void {
    this.journal.compact({ format: FORMAT, fleetDigest: this.digest, savedAt, changes });
  }

  close(): void {
    this.journal.close();
  }
}
