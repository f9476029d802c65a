// Unleash's feature-in-an-environment as the contract's Flag, and the version token writes are
// preconditioned on. Unleash 6 has no version per feature environment that a write can be made
// conditional on, so the token is a digest of everything a change decides on (switch, strategies
// with their parameters and constraints, variants): a change by anyone else changes it.
import { createHash } from 'node:crypto';
import type { Flag, FlagStrategy, FlagVariant } from '../../../shared/flags';
import type {
  UnleashEvent,
  UnleashFeature,
  UnleashFeatureEnvironment,
  UnleashStrategy,
  UnleashVariant,
} from './unleash-admin-api';

/** Strategies whose `rollout` parameter is a share of users (the built-in gradual rollouts). */
export const ROLLOUT_STRATEGIES: ReadonlySet<string> = new Set([
  'flexibleRollout',
  'gradualRolloutUserId',
  'gradualRolloutSessionId',
  'gradualRolloutRandom',
]);

/** Tags of this type name the services a flag touches (`service:checkout`). */
export const SERVICE_TAG_TYPE = 'service';

function variants(list: UnleashVariant[] | undefined): FlagVariant[] {
  return (list ?? []).map((v) => ({
    name: v.name,
    weightPercent: v.weight / 10,
    ...(v.payload ? { payload: { type: v.payload.type, value: v.payload.value } } : {}),
  }));
}

function strategy(s: UnleashStrategy): FlagStrategy {
  const rollout = s.parameters?.rollout;
  const percent = rollout === undefined || rollout === '' ? undefined : Number(rollout);
  const groupId = s.parameters?.groupId;
  return {
    name: s.name,
    ...(ROLLOUT_STRATEGIES.has(s.name) && percent !== undefined && Number.isFinite(percent)
      ? { rolloutPercent: percent }
      : {}),
    ...(groupId ? { groupId } : {}),
    constraints: (s.constraints ?? []).map((c) => ({
      contextName: c.contextName,
      operator: c.operator,
      values: c.values ?? (c.value === undefined ? [] : [c.value]),
      ...(c.inverted ? { inverted: true } : {}),
      ...(c.caseInsensitive ? { caseInsensitive: true } : {}),
    })),
  };
}

/** The strategies that apply: Unleash keeps disabled ones around, and they decide nothing. */
export function activeStrategies(environment: UnleashFeatureEnvironment): UnleashStrategy[] {
  return [...environment.strategies]
    .filter((s) => s.disabled !== true)
    .sort((a, b) => (a.sortOrder ?? 0) - (b.sortOrder ?? 0));
}

export function versionOf(environment: UnleashFeatureEnvironment): string {
  const state = {
    enabled: environment.enabled,
    strategies: [...environment.strategies]
      .sort((a, b) => a.id.localeCompare(b.id))
      .map((s) => ({
        id: s.id,
        name: s.name,
        disabled: s.disabled === true,
        parameters: Object.entries(s.parameters ?? {}).sort(([a], [b]) => a.localeCompare(b)),
        constraints: s.constraints ?? [],
        variants: s.variants ?? [],
        segments: s.segments ?? [],
      })),
    variants: environment.variants ?? [],
  };
  return createHash('sha256').update(JSON.stringify(state)).digest('hex').slice(0, 16);
}

export function toFlag(
  feature: UnleashFeature,
  environment: UnleashFeatureEnvironment,
  extra: { events: UnleashEvent[]; tags: { type: string; value: string }[] },
): Flag {
  // Feature-wide events (created, tagged) count for every environment; newest first from Unleash.
  const last = extra.events.find((e) => e.environment == null || e.environment === environment.name);
  const services = extra.tags.filter((t) => t.type === SERVICE_TAG_TYPE).map((t) => t.value);
  const active = activeStrategies(environment);
  return {
    key: feature.name,
    project: feature.project,
    environment: environment.name,
    enabled: environment.enabled,
    strategies: active.map(strategy),
    // Variants live on the environment in Unleash 6, and on strategies; show the environment's.
    variants: variants(environment.variants ?? feature.variants),
    ...(feature.createdBy?.name ? { owner: feature.createdBy.name } : {}),
    ...(feature.description ? { description: feature.description } : {}),
    ...(last ? { lastChange: { at: last.createdAt, by: last.createdBy } } : {}),
    services,
    version: versionOf(environment),
  };
}
