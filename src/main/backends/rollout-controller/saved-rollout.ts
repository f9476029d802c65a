// What a saved controlled rollout must be and mean to be trusted, for every backend that keeps its
// rollouts in the workspace: the fields and their ranges, a step index inside its steps, completed
// exactly at the end, and no time after the save itself. A save that parses but means nonsense is
// named by file and field, never loaded.
import { z } from 'zod';
import { STRATEGIES } from '../../../shared/domain';
import type { ControlledRollout } from './rollout-machine';

/** A save further ahead of the wall clock than this (fast simulated time adds up) is not believed. */
export const MAX_AHEAD_MS = 366 * 86_400_000;
const TIMELINE_LIMIT = 500;
const WEIGHT_HISTORY_LIMIT = 1000;

export const savedTime = z.number().min(0).max(8.64e15);
const iso = z.iso.datetime();
export const savedVersion = z
  .string()
  .regex(/^[A-Za-z0-9][A-Za-z0-9._+-]{0,99}$/, 'must look like a version');

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

/** The fields of a controlled rollout, to extend with a backend's own. */
export const savedRolloutShape = {
  id: z.string(),
  service: z.string(),
  environment: z.string(),
  strategy: z.enum(STRATEGIES),
  steps: z.array(stepSchema),
  stableVersion: savedVersion,
  canaryVersion: savedVersion,
  currentStepIndex: z.number().int().min(0),
  weight: z.number().min(0).max(100),
  manualPause: z.object({ since: savedTime, actor: z.string() }).strict().optional(),
  aborted: z
    .object({ at: savedTime, actor: z.string(), byAnalysis: z.boolean(), reason: z.string() })
    .strict()
    .optional(),
  completed: z.boolean(),
  stableSince: savedTime,
  retired: z.array(z.object({ version: savedVersion, from: savedTime, to: savedTime }).strict()),
  startedAt: savedTime,
  stepStartedAt: savedTime,
  updatedAt: savedTime,
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
};

export const savedRolloutSchema = z.object(savedRolloutShape).strict();

function issuePath(prefix: string, issue: z.core.$ZodIssue): string {
  return [prefix, ...issue.path.map((p) => (typeof p === 'number' ? `[${p}]` : `.${String(p)}`))].join('');
}

/** `value` checked against `schema`, or the first problem named by `where` and field. */
export function parseSaved<T>(
  schema: z.ZodType<T>,
  value: unknown,
  where: string,
): { value: T } | { problem: string } {
  const parsed = schema.safeParse(value);
  if (parsed.success) return { value: parsed.data };
  const issue = parsed.error.issues[0];
  return { problem: issue ? `${issuePath(where, issue)}: ${issue.message}` : `${where}: not a rollout` };
}

/**
 * What is wrong with a rollout that parsed, or undefined: its step index and completion must agree,
 * and nothing may have happened after `notAfter` (when it was saved). `named` prefixes the field.
 */
export function rolloutMeaningProblem(
  r: ControlledRollout,
  named: string,
  notAfter: number,
): string | undefined {
  const last = r.steps.length;
  if (r.currentStepIndex > last)
    return `${named}.currentStepIndex: ${r.currentStepIndex} is past the last step (${last} steps)`;
  if (r.completed !== (r.currentStepIndex === last))
    return r.completed
      ? `${named}.completed: true, but the rollout is at step ${r.currentStepIndex + 1} of ${last}`
      : `${named}.currentStepIndex: ${r.currentStepIndex} means completed, but completed is false`;
  if (r.completed && r.canaryVersion !== r.stableVersion)
    return `${named}.canaryVersion: ${r.canaryVersion} differs from the stable version of a completed rollout`;
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
      return `${named}.${field}: ${new Date(t).toISOString()} is after the save itself (${new Date(notAfter).toISOString()})`;
  return undefined;
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
