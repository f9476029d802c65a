// What a saved simulated world must mean to be trusted: exactly the fleet file's rollouts, each with
// its strategy's steps, a step index inside them, weights in 0-100 and times that have happened. A
// save that parses but means nonsense (a savedAt of 1e300, a step index of 999, `rollouts: []`) is
// set aside with a note naming the file and the field, never loaded.
import { createHash } from 'node:crypto';
import { isDeepStrictEqual } from 'node:util';
import type { ControlledRollout } from '../rollout-controller/rollout-machine';
import { parseSaved, rolloutMeaningProblem, savedRolloutSchema } from '../rollout-controller/saved-rollout';

/** The snapshot file's format: 2 has a journal beside it; 1 was the snapshot alone. */
export const WORLD_FORMAT = 2;

export function worldDigest(fleetText: string, seed: number): string {
  return createHash('sha256').update(`${seed}\n${fleetText}`).digest('hex');
}

/** What the fleet file says each rollout is: the save must agree. */
export type FleetShape = ReadonlyMap<
  string,
  Pick<ControlledRollout, 'service' | 'environment' | 'strategy' | 'steps'>
>;

export function fleetShape(world: readonly ControlledRollout[]): FleetShape {
  return new Map(
    world.map((r) => [
      r.id,
      { service: r.service, environment: r.environment, strategy: r.strategy, steps: r.steps },
    ]),
  );
}

/**
 * The rollout `value` as saved, or the problem with it, named by `where` (e.g.
 * `simulator-state.json: rollouts[3]`) and field. `notAfter` is when the save was made.
 */
export function checkSavedRollout(
  value: unknown,
  where: string,
  shape: FleetShape,
  notAfter: number,
): { rollout: ControlledRollout } | { problem: string } {
  const parsed = parseSaved(savedRolloutSchema, value, where);
  if ('problem' in parsed) return parsed;
  const r = parsed.value as ControlledRollout;
  const named = `${where} (${r.id})`;
  const expected = shape.get(r.id);
  if (!expected) return { problem: `${where}.id: ${r.id} is not a rollout of the fleet file` };
  for (const field of ['service', 'environment', 'strategy'] as const)
    if (r[field] !== expected[field])
      return { problem: `${named}.${field}: ${r[field]} is not the fleet file's ${expected[field]}` };
  if (!isDeepStrictEqual(r.steps, expected.steps))
    return { problem: `${named}.steps: not the steps of its strategy in the fleet file` };
  const problem = rolloutMeaningProblem(r, named, notAfter);
  return problem === undefined ? { rollout: r } : { problem };
}

/** Every rollout of the fleet exactly once, or the problem naming the missing or doubled one. */
export function fleetCoverageProblem(
  where: string,
  rollouts: readonly ControlledRollout[],
  shape: FleetShape,
): string | undefined {
  const seen = new Set<string>();
  for (const [i, r] of rollouts.entries()) {
    if (seen.has(r.id)) return `${where}[${i}].id: ${r.id} appears twice`;
    seen.add(r.id);
  }
  for (const id of shape.keys())
    if (!seen.has(id))
      return `${where}: ${id} is missing (the fleet file has ${shape.size} rollouts, the save ${rollouts.length})`;
  return undefined;
}
