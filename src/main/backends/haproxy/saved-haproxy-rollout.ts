// A saved HAProxy-fleet rollout: the shared controlled-rollout fields, plus the versions its servers
// run (a rolling upgrade changes them), the servers a rolling upgrade has out of service and in what
// phase, and the drift last reported, so a restart neither re-runs finished work nor re-reports drift.
import { z } from 'zod';
import type { ControlledRollout } from '../rollout-controller/rollout-machine';
import {
  parseSaved,
  rolloutMeaningProblem,
  savedRolloutShape,
  savedTime,
  savedVersion,
} from '../rollout-controller/saved-rollout';

export const UPGRADE_PHASES = ['drain', 'hook', 'health'] as const;

export interface HaproxyRollout extends ControlledRollout {
  serverVersions: Record<string, string>;
  upgrading: { server: string; phase: (typeof UPGRADE_PHASES)[number]; since: number }[];
  /** The last drift reported, in words, until HAProxy matches again. */
  drift?: string;
}

export const HAPROXY_FORMAT = 1;

const schema = z
  .object({
    ...savedRolloutShape,
    serverVersions: z.record(z.string(), savedVersion),
    upgrading: z.array(
      z.object({ server: z.string(), phase: z.enum(UPGRADE_PHASES), since: savedTime }).strict(),
    ),
    drift: z.string().optional(),
  })
  .strict();

export function checkSavedHaproxyRollout(
  value: unknown,
  where: string,
  notAfter: number,
): { rollout: HaproxyRollout } | { problem: string } {
  const parsed = parseSaved(schema, value, where);
  if ('problem' in parsed) return parsed;
  const rollout = parsed.value as HaproxyRollout;
  const problem = rolloutMeaningProblem(rollout, where, notAfter);
  return problem ? { problem } : { rollout };
}
