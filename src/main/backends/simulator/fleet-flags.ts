// The `flags:` list of a simulator fleet file: feature flags with their state per environment and,
// optionally, what turning them on does to the services they link (so a flip can cause a regression).
import { z } from 'zod';
import { METRIC_NAMES, type MetricName } from '../../../shared/domain';

const name = z.string().regex(/^[a-z0-9][a-z0-9-]*$/, 'must be lower-case letters, digits and dashes');

const LATENCY_METRICS: readonly MetricName[] = ['latencyP50', 'latencyP90', 'latencyP99'];

/**
 * What the flag does to each linked service's metric where it is on, at full rollout: a factor
 * (error rate × 6) or, for latency, milliseconds added. A 25% rollout has a quarter of the effect.
 */
export const flagEffectSchema = z
  .object({
    metric: z.enum(METRIC_NAMES),
    factor: z.number().positive().optional(),
    addMs: z.number().positive().optional(),
  })
  .strict()
  .superRefine((e, ctx) => {
    if ((e.factor === undefined) === (e.addMs === undefined))
      ctx.addIssue({ code: 'custom', message: 'an effect needs exactly one of factor or addMs' });
    else if (e.addMs !== undefined && !LATENCY_METRICS.includes(e.metric))
      ctx.addIssue({
        code: 'custom',
        path: ['addMs'],
        message: `addMs applies to latency (${LATENCY_METRICS.join(', ')}), not ${e.metric}; use factor`,
      });
  });
export type FlagEffect = z.output<typeof flagEffectSchema>;

/** A flag's state in one environment; an environment not listed has the flag off (dark). */
const flagEnvironmentSchema = z
  .object({
    enabled: z.boolean().default(false),
    rolloutPercent: z.number().int().min(0).max(100).default(100),
    /** What users are bucketed by; the flag's key when absent (as Unleash does). */
    groupId: z.string().min(1).optional(),
  })
  .strict();

export const fleetFlagSchema = z
  .object({
    key: z.string().regex(/^[a-z0-9][a-z0-9._-]*$/, 'must be lower-case letters, digits, dots, dashes'),
    description: z.string().min(1),
    owner: z.string().min(1),
    /** The services the flag touches: its effect lands on them. */
    services: z.array(name).default([]),
    effect: z.union([flagEffectSchema, z.array(flagEffectSchema)]).optional(),
    environments: z.record(name, flagEnvironmentSchema).default({}),
  })
  .strict()
  .transform(({ effect, ...flag }) => ({
    ...flag,
    effects: effect === undefined ? [] : Array.isArray(effect) ? effect : [effect],
  }));
export type FleetFlag = z.output<typeof fleetFlagSchema>;

/** Problems of the flags list against the rest of the fleet file, each with its path. */
export function fleetFlagProblems(
  flags: readonly FleetFlag[],
  services: readonly string[],
  environments: readonly string[],
): { path: (string | number)[]; message: string }[] {
  const problems: { path: (string | number)[]; message: string }[] = [];
  const seen = new Set<string>();
  // Refinements run even when a flag failed its own checks: look only at what parsed.
  flags.forEach((flag, i) => {
    if (!Array.isArray(flag.services) || !Array.isArray(flag.effects)) return;
    if (seen.has(flag.key))
      problems.push({ path: ['flags', i, 'key'], message: `flag ${flag.key} is declared twice` });
    seen.add(flag.key);
    flag.services.forEach((service, j) => {
      if (!services.includes(service))
        problems.push({
          path: ['flags', i, 'services', j],
          message: `unknown service "${service}" (the fleet has ${services.join(', ')})`,
        });
    });
    if (flag.effects.length > 0 && flag.services.length === 0)
      problems.push({
        path: ['flags', i, 'effect'],
        message: `flag ${flag.key} has an effect but links no services for it to land on`,
      });
    for (const environment of Object.keys(flag.environments))
      if (!environments.includes(environment))
        problems.push({
          path: ['flags', i, 'environments', environment],
          message: `unknown environment "${environment}" (the fleet has ${environments.join(', ')})`,
        });
  });
  return problems;
}
