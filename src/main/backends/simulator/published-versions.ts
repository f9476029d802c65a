// Which versions of each service exist in a simulated fleet: the stable one, those with a behaviour
// under `versions:` and those a listed rollout is rolling out. Roll forward accepts only these.
import { compareVersions } from '../../core/migrations/compare-versions';
import type { FleetFile } from './fleet-file';

export type PublishedVersions = ReadonlyMap<string, readonly string[]>;

export function publishedVersions(fleet: FleetFile): PublishedVersions {
  const byService = new Map<string, Set<string>>();
  for (const [service, profile] of Object.entries(fleet.services))
    byService.set(service, new Set([profile.stable, ...Object.keys(profile.versions)]));
  for (const r of fleet.rollouts) byService.get(r.service)?.add(r.canary);
  return new Map([...byService].map(([service, versions]) => [service, newestFirst(versions)]));
}

export function newestFirst(versions: Iterable<string>): string[] {
  return [...new Set(versions)].sort((a, b) => compareVersions(b, a));
}
