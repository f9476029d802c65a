// The step syntax of rollout definitions, shared by simulator fleet files and HAProxy services in
// config.yaml: `setWeight: 10` (with an optional `group`), `pause: 5m` or `pause: indefinite`,
// `analysis: 5m`, `switch: true`.
import { z } from 'zod';
import type { RolloutStep } from '../../../shared/domain';
import { durationSchema } from '../config/duration';

export const stepSchema = z.union([
  z.object({ setWeight: z.number().min(0).max(100), group: z.string().optional() }).strict(),
  z.object({ pause: z.union([z.literal('indefinite'), durationSchema]) }).strict(),
  z.object({ analysis: durationSchema }).strict(),
  z.object({ switch: z.literal(true) }).strict(),
]);

export function toStep(step: z.output<typeof stepSchema>): RolloutStep {
  if ('setWeight' in step)
    return step.group === undefined
      ? { kind: 'setWeight', weight: step.setWeight }
      : { kind: 'setWeight', weight: step.setWeight, group: step.group };
  if ('pause' in step)
    return step.pause === 'indefinite'
      ? { kind: 'pause' }
      : { kind: 'pause', durationSec: step.pause / 1000 };
  if ('analysis' in step) return { kind: 'analysis', durationSec: step.analysis / 1000 };
  return { kind: 'switch' };
}

/** A list of steps as written, checked and turned into the controller's steps. */
export const stepsSchema = z
  .array(stepSchema)
  .min(1)
  .transform((s) => s.map(toStep));
