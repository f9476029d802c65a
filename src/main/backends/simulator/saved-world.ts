// What a saved simulated world must mean to be trusted: exactly the fleet file's rollouts, each with
// its strategy's steps, a step index inside them, weights in 0-100 and times that have happened. A
// save that parses but means nonsense (a savedAt of 1e300, a step index of 999, `rollouts: []`) is
// set aside with a note naming the file and the field, never loaded.
import { createHash } from 'node:crypto';
import { isDeepStrictEqual } from 'node:util';
import { z } from 'zod';
import { STRATEGIES } from '../../../shared/domain';
import type { SimRollout } from './rollout-machine';

/** The snapshot file's format: 2 has a journal beside it; 1 was the snapshot alone. */
export const WORLD_FORMAT = 2;
/** A world further ahead of the wall clock than this (fast simulated time adds up) is not believed. */
export const MAX_AHEAD_MS = 366 * 86_400_000;
const TIMELINE_LIMIT = 500;
const WEIGHT_HISTORY_LIMIT = 1000;

export function worldDigest(fleetText: string, seed: number): string {
  return createHash('sha256').update(`${seed}\n${fleetText}`).digest('hex');
}

const time = z.number().min(0).max(8.64e15);
const iso = z.iso.datetime();
const version = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._+-]{0,99}$/, 'must look like a version');

const stepSchema = z.union([
  z
    .object({
      kind: z.literal('setWeight'),
      weight: z.number().min(0).max(100),
      group: z.string().optional(),
    })
    .strict(),
  z.object({ kind: z.literal('pause'), durationSec: z.number().positive().optional() }).strict(),
  z.object({ kind: z.literal('analysis'), durationSec: z.number().positive() }).strict(),
  z.object({ kind: z.literal('switch') }).strict(),
]);

const savedRolloutSchema = z
  .object({
    id: z.string(),
    service: z.string(),
    environment: z.string(),
    strategy: z.enum(STRATEGIES),
    steps: z.array(stepSchema),
    stableVersion: version,
    canaryVersion: version,
    currentStepIndex: z.number().int().min(0),
    weight: z.number().min(0).max(100),
    manualPause: z.object({ since: time, actor: z.string() }).strict().optional(),
    aborted: z
      .object({ at: time, actor: z.string(), byAnalysis: z.boolean(), reason: z.string() })
      .strict()
      .optional(),
    completed: z.boolean(),
    stableSince: time,
    retired: z.array(z.object({ version, from: time, to: time }).strict()),
    startedAt: time,
    stepStartedAt: time,
    updatedAt: time,
    revision: z.number().int().min(1),
    weightHistory: z
      .array(z.object({ time: iso, weight: z.number().min(0).max(100) }).strict())
      .max(WEIGHT_HISTORY_LIMIT),
    analyses: z.array(
      z
        .object({
          stepIndex: z.number().int().min(0),
          startedAt: iso,
          finishedAt: iso.optional(),
          verdict: z.enum(['running', 'pass', 'fail', 'inconclusive']),
          score: z.number().min(0).max(100).optional(),
          reason: z.string(),
        })
        .strict(),
    ),
    timeline: z
      .array(
        z
          .object({
            time: iso,
            kind: z.string(),
            actor: z.string(),
            message: z.string(),
            stepIndex: z.number().int().min(0).optional(),
          })
          .strict(),
      )
      .max(TIMELINE_LIMIT),
  })
  .strict();

/** What the fleet file says each rollout is: the save must agree. */
export type FleetShape = ReadonlyMap<
  string,
  Pick<SimRollout, 'service' | 'environment' | 'strategy' | 'steps'>
>;

export function fleetShape(world: readonly SimRollout[]): FleetShape {
  return new Map(
    world.map((r) => [
      r.id,
      { service: r.service, environment: r.environment, strategy: r.strategy, steps: r.steps },
    ]),
  );
}

function issuePath(prefix: string, issue: z.core.$ZodIssue): string {
  return [prefix, ...issue.path.map((p) => (typeof p === 'number' ? `[${p}]` : `.${String(p)}`))].join('');
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
): { rollout: SimRollout } | { problem: string } {
  const parsed = savedRolloutSchema.safeParse(value);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return { problem: issue ? `${issuePath(where, issue)}: ${issue.message}` : `${where}: not a rollout` };
  }
  const r = parsed.data as SimRollout;
  const named = `${where} (${r.id})`;
  const expected = shape.get(r.id);
  if (!expected) return { problem: `${where}.id: ${r.id} is not a rollout of the fleet file` };
  for (const field of ['service', 'environment', 'strategy'] as const)
    if (r[field] !== expected[field])
      return { problem: `${named}.${field}: ${r[field]} is not the fleet file's ${expected[field]}` };
  if (!isDeepStrictEqual(r.steps, expected.steps))
    return { problem: `${named}.steps: not the steps of its strategy in the fleet file` };
  const last = r.steps.length;
  if (r.currentStepIndex > last)
    return {
      problem: `${named}.currentStepIndex: ${r.currentStepIndex} is past the last step (${last} steps)`,
    };
  if (r.completed !== (r.currentStepIndex === last))
    return {
      problem: r.completed
        ? `${named}.completed: true, but the rollout is at step ${r.currentStepIndex + 1} of ${last}`
        : `${named}.currentStepIndex: ${r.currentStepIndex} means completed, but completed is false`,
    };
  if (r.completed && r.canaryVersion !== r.stableVersion)
    return {
      problem: `${named}.canaryVersion: ${r.canaryVersion} differs from the stable version of a completed rollout`,
    };
  const times: [string, number | undefined][] = [
    ['stableSince', r.stableSince],
    ['startedAt', r.startedAt],
    ['stepStartedAt', r.stepStartedAt],
    ['updatedAt', r.updatedAt],
    ['manualPause.since', r.manualPause?.since],
    ['aborted.at', r.aborted?.at],
  ];
  for (const [field, t] of times)
    if (t !== undefined && t > notAfter)
      return {
        problem: `${named}.${field}: ${new Date(t).toISOString()} is after the save itself (${new Date(notAfter).toISOString()})`,
      };
  return { rollout: r };
}

/** The problem with a save's time, or undefined: a time that has not happened cannot be restored. */
export function savedAtProblem(where: string, savedAt: unknown, wallNow: number): string | undefined {
  // 8.64e15 ms is the last instant a Date can hold.
  if (typeof savedAt !== 'number' || !Number.isFinite(savedAt) || savedAt < 0 || savedAt > 8.64e15)
    return `${where}: ${String(savedAt)} is not a time`;
  if (savedAt > wallNow + MAX_AHEAD_MS)
    return `${where}: ${new Date(savedAt).toISOString()} is more than a year ahead of the clock`;
  return undefined;
}

/** Every rollout of the fleet exactly once, or the problem naming the missing or doubled one. */
export function fleetCoverageProblem(
  where: string,
  rollouts: readonly SimRollout[],
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
