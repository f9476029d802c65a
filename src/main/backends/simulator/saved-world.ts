// The simulated world survives restarts: its rollouts are saved in the workspace after every
// change, so a CLI command without a running control room acts on the same world as the last one,
// and a restarted server picks up where it was. A save belongs to one fleet file and seed; another
// fleet or seed starts a fresh world. A damaged save is moved aside (nothing lost), not trusted.
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { z } from 'zod';
import type { SimRollout } from './rollout-machine';

const FORMAT = 1;

/** Enough structure to trust a save; the rollouts are the simulator's own objects. */
const savedWorldSchema = z.object({
  format: z.literal(FORMAT),
  fleetDigest: z.string(),
  /** Simulated time of the save: the clock must not run backwards on restart. */
  savedAt: z.number(),
  rollouts: z.array(
    z
      .object({
        id: z.string(),
        service: z.string(),
        environment: z.string(),
        steps: z.array(z.object({ kind: z.string() }).loose()),
        currentStepIndex: z.number().int().min(0),
        revision: z.number().int(),
        timeline: z.array(z.unknown()),
        weightHistory: z.array(z.unknown()),
        analyses: z.array(z.unknown()),
        retired: z.array(z.unknown()),
      })
      .loose(),
  ),
});

export function worldDigest(fleetText: string, seed: number): string {
  return createHash('sha256').update(`${seed}\n${fleetText}`).digest('hex');
}

export type SavedWorldRead =
  | { kind: 'none' }
  | { kind: 'restored'; rollouts: SimRollout[]; savedAt: number }
  | { kind: 'other-fleet' }
  | { kind: 'damaged'; movedTo: string; problem: string };

export function readSavedWorld(path: string, digest: string): SavedWorldRead {
  if (!existsSync(path)) return { kind: 'none' };
  let problem: string;
  try {
    const parsed = savedWorldSchema.safeParse(JSON.parse(readFileSync(path, 'utf8')));
    if (parsed.success) {
      if (parsed.data.fleetDigest !== digest) return { kind: 'other-fleet' };
      return {
        kind: 'restored',
        rollouts: parsed.data.rollouts as unknown as SimRollout[],
        savedAt: parsed.data.savedAt,
      };
    }
    problem = parsed.error.issues[0]?.message ?? 'unexpected shape';
  } catch (error) {
    problem = error instanceof Error ? error.message : String(error);
  }
  const movedTo = `${path}.damaged-${Date.now()}`;
  renameSync(path, movedTo);
  return { kind: 'damaged', movedTo, problem };
}

/** Written to a temporary file and renamed, so a crash never leaves half a save. */
export function writeSavedWorld(
  path: string,
  rollouts: readonly SimRollout[],
  digest: string,
  savedAt: number,
): void {
  const temporary = `${path}.tmp-${process.pid}`;
  writeFileSync(temporary, JSON.stringify({ format: FORMAT, fleetDigest: digest, savedAt, rollouts }));
  renameSync(temporary, path);
}
