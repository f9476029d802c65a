// Which release versions serve traffic where, read from the deployment backend's live state: what
// the phase gates and the plan view's linked releases are built on.
import type { ReleaseEnvironment } from '../../../shared/migrations';
import type { RolloutSnapshot } from '../rollouts/deployment-backend';
import { compareVersions } from './compare-versions';

export interface ServingShare {
  version: string;
  /** Percent of requests, 0-100. */
  share: number;
}

/** The versions serving a rollout's traffic now, newest first; a finished or aborted rollout serves one. */
export function servingVersions(r: RolloutSnapshot): ServingShare[] {
  if (r.stableVersion === r.canaryVersion || r.weight <= 0) return [{ version: r.stableVersion, share: 100 }];
  if (r.weight >= 100) return [{ version: r.canaryVersion, share: 100 }];
  return [
    { version: r.canaryVersion, share: r.weight },
    { version: r.stableVersion, share: 100 - r.weight },
  ].sort((a, b) => compareVersions(b.version, a.version));
}

/** The service's rollouts in the named environments (default: every environment it runs in). */
export function rolloutsOf(
  rollouts: readonly RolloutSnapshot[],
  service: string,
  environments?: readonly string[],
): { environment: string; rollout: RolloutSnapshot | undefined }[] {
  const own = rollouts.filter((r) => r.service === service);
  if (environments === undefined)
    return own.map((rollout) => ({ environment: rollout.environment, rollout }));
  return environments.map((environment) => ({
    environment,
    rollout: own.find((r) => r.environment === environment),
  }));
}

export function releaseEnvironment(r: RolloutSnapshot, version: string): ReleaseEnvironment {
  const serving = servingVersions(r);
  return {
    environment: r.environment,
    rolloutId: r.id,
    serving,
    atFull: serving.every((s) => compareVersions(s.version, version) >= 0),
  };
}
