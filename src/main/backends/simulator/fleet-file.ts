// The schema of a simulator fleet file (resources/demo-fleet.yaml and drill fleets).
import { z } from 'zod';
import { STRATEGIES } from '../../../shared/domain';
import { canaryConfigOverrideSchema } from '../../core/canary/canary-config';
import { durationSchema } from '../../core/config/duration';
import { stepsSchema } from '../../core/rollouts/rollout-steps';
import { fleetFlagProblems, fleetFlagSchema } from './fleet-flags';

const name = z.string().regex(/^[a-z0-9][a-z0-9-]*$/, 'must be lower-case letters, digits and dashes');
const versionText = z.union([z.string(), z.number()]).transform(String);

/** A coupled release: this version calls `service` at `version` or newer in its own environment. */
const requirement = z
  .object({
    service: name,
    version: versionText,
    /** The share of requests that fail while none of that service's traffic is on the version. */
    errorRate: z.number().min(0).max(1).default(0.3),
  })
  .strict();

const versionBehaviour = z
  .object({
    errorRateFactor: z.number().positive().default(1),
    latencyFactor: z.number().positive().default(1),
    cpuFactor: z.number().positive().default(1),
    requires: z.array(requirement).default([]),
  })
  .strict();

export const serviceProfileSchema = z
  .object({
    stable: versionText,
    requestRate: z.number().positive(),
    errorRate: z.number().min(0).max(1),
    latencyP50: z.number().positive(),
    cpu: z.number().positive(),
    versions: z.record(z.string(), versionBehaviour).default({}),
  })
  .strict();
export type ServiceProfile = z.output<typeof serviceProfileSchema>;

export const fleetFileSchema = z
  .object({
    seed: z.number().int().optional(),
    environments: z.array(name).min(1),
    settle: durationSchema.default(30_000),
    strategies: z.record(
      name,
      z
        .object({
          kind: z.enum(STRATEGIES),
          steps: stepsSchema,
        })
        .strict(),
    ),
    services: z.record(name, serviceProfileSchema),
    rollouts: z
      .array(
        z
          .object({
            service: name,
            environment: name,
            strategy: name,
            canary: versionText,
            step: z.number().int().min(0),
            stepElapsed: durationSchema.default(0),
            startedAgo: durationSchema.default(0),
            /** Deviations from the shared canary config for this rollout, e.g. { onFail: pause }. */
            analysis: canaryConfigOverrideSchema.optional(),
          })
          .strict(),
      )
      .default([]),
    /** Feature flags of the simulated world (see fleet-flags.ts). */
    flags: z.array(fleetFlagSchema).default([]),
  })
  .strict()
  .superRefine((fleet, ctx) => {
    for (const problem of fleetFlagProblems(fleet.flags, Object.keys(fleet.services), fleet.environments))
      ctx.addIssue({ code: 'custom', ...problem });
    const known = (service: string) => [
      ...(fleet.services[service] ? [fleet.services[service].stable] : []),
      ...Object.keys(fleet.services[service]?.versions ?? {}),
      ...fleet.rollouts.filter((r) => r.service === service).map((r) => r.canary),
    ];
    for (const [service, profile] of Object.entries(fleet.services))
      for (const [version, behaviour] of Object.entries(profile.versions))
        behaviour.requires.forEach((need, i) => {
          const at = (field: string) => ['services', service, 'versions', version, 'requires', i, field];
          if (!fleet.services[need.service])
            ctx.addIssue({
              code: 'custom',
              path: at('service'),
              message: `${service} ${version} requires unknown service "${need.service}" (the fleet has ${Object.keys(fleet.services).join(', ')})`,
            });
          else if (need.service === service)
            ctx.addIssue({
              code: 'custom',
              path: at('service'),
              message: 'a version cannot require its own service',
            });
          else if (!known(need.service).includes(need.version))
            ctx.addIssue({
              code: 'custom',
              path: at('version'),
              message: `${service} ${version} requires ${need.service} ${need.version}, a version the fleet does not have (known: ${[...new Set(known(need.service))].join(', ')})`,
            });
        });
    fleet.rollouts.forEach((r, i) => {
      const at = (field: string) => ['rollouts', i, field];
      if (!fleet.services[r.service])
        ctx.addIssue({ code: 'custom', path: at('service'), message: `unknown service "${r.service}"` });
      if (!fleet.environments.includes(r.environment))
        ctx.addIssue({
          code: 'custom',
          path: at('environment'),
          message: `unknown environment "${r.environment}"`,
        });
      const strategy = fleet.strategies[r.strategy];
      if (!strategy)
        ctx.addIssue({ code: 'custom', path: at('strategy'), message: `unknown strategy "${r.strategy}"` });
      else if (r.step >= strategy.steps.length)
        ctx.addIssue({
          code: 'custom',
          path: at('step'),
          message: `step ${r.step} is past the last step (${strategy.steps.length - 1}) of "${r.strategy}"`,
        });
    });
  });
export type FleetFile = z.output<typeof fleetFileSchema>;
