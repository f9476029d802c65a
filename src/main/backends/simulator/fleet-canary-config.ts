// The canary config of each simulated rollout: the shared one with the fleet file's per-rollout
// `analysis:` overrides applied, merged once up front since the judge asks on every health read.
import { withOverride, type CanaryConfig } from '../../core/canary/canary-config';
import { rolloutId } from './demo-world';
import type { FleetFile } from './fleet-file';

export function fleetCanaryConfig(
  fleet: FleetFile,
  base: CanaryConfig,
): (rollout: { id: string }) => CanaryConfig {
  const merged = new Map(
    fleet.rollouts
      .filter((r) => r.analysis !== undefined)
      .map((r) => [rolloutId(r.service, r.environment), withOverride(base, r.analysis)]),
  );
  return (rollout) => merged.get(rollout.id) ?? base;
}
