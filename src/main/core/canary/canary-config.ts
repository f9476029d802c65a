// How rollouts are judged: which metrics, their allowances, group weights, thresholds and what a
// failing verdict does. Loaded from resources/canary-config.yaml; a rollout may override parts of
// it (the fleet file's `analysis:` key), so one risky service can pause instead of rolling back.
import { join } from 'node:path';
import { z } from 'zod';
import { metricConfigSchema, thresholdsSchema } from '../../../shared/canary';
import { METRIC_NAMES } from '../../../shared/domain';
import { findResourcesDir } from '../../resources-dir';
import { parseYamlFile } from '../config/parse-yaml-file';

/** What a failing verdict does to the rollout: roll back (Argo's default) or wait for a person. */
export const ON_FAIL = ['abort', 'pause'] as const;

const metricsSchema = z.partialRecord(z.enum(METRIC_NAMES), metricConfigSchema);
const groupsSchema = z.record(z.string(), z.number().nonnegative());
const confidenceLevelSchema = z.number().gt(0).lt(1);
/** Judge canaries that take traffic every N minutes, between analysis steps too. */
const backgroundSchema = z.object({ everyMinutes: z.number().int().min(1).max(1440) }).strict();

export const canaryConfigSchema = z
  .object({
    confidenceLevel: confidenceLevelSchema.default(0.95),
    thresholds: thresholdsSchema.default({ pass: 95, marginal: 75 }),
    /** Group weights for the summary score; groups not named weigh 1. */
    groups: groupsSchema.default({}),
    metrics: metricsSchema.refine((m) => Object.keys(m).length > 0, 'name at least one metric to judge'),
    onFail: z.enum(ON_FAIL).default('abort'),
    background: backgroundSchema.optional(),
  })
  .strict()
  .superRefine((config, ctx) => {
    const used = new Set(Object.values(config.metrics).map((m) => m.group));
    for (const group of Object.keys(config.groups))
      if (!used.has(group))
        ctx.addIssue({ code: 'custom', path: ['groups', group], message: 'no metric is in this group' });
  });
export type CanaryConfig = z.output<typeof canaryConfigSchema>;

/** A rollout's deviations from the shared config. Each metric named replaces the shared one whole. */
export const canaryConfigOverrideSchema = z
  .object({
    confidenceLevel: confidenceLevelSchema.optional(),
    thresholds: thresholdsSchema.optional(),
    groups: groupsSchema.optional(),
    metrics: metricsSchema.optional(),
    onFail: z.enum(ON_FAIL).optional(),
    /** `false` turns background analysis off for this rollout. */
    background: z.union([backgroundSchema, z.literal(false)]).optional(),
  })
  .strict();
export type CanaryConfigOverride = z.output<typeof canaryConfigOverrideSchema>;

export function withOverride(base: CanaryConfig, override: CanaryConfigOverride | undefined): CanaryConfig {
  if (!override) return base;
  const { background, groups, metrics, ...rest } = override;
  const merged: CanaryConfig = {
    ...base,
    ...Object.fromEntries(Object.entries(rest).filter(([, v]) => v !== undefined)),
    groups: { ...base.groups, ...groups },
    metrics: { ...base.metrics, ...metrics },
  };
  if (background === false) delete merged.background;
  else if (background !== undefined) merged.background = background;
  return merged;
}

export function loadCanaryConfig(path: string): CanaryConfig {
  return parseYamlFile(path, canaryConfigSchema);
}

/** The config shipped in resources/, for control rooms composed without one (tests, benchmarks). */
export function loadShippedCanaryConfig(): CanaryConfig {
  return loadCanaryConfig(join(findResourcesDir(), 'canary-config.yaml'));
}
