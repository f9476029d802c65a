// Coupled releases in the simulator: a version may need another service at a version (or newer) in
// the same environment, and fails a share of its requests while that service's traffic is not yet
// on it (orders 3.0.0 calling an endpoint only payments 5.13.0 has). The share follows the traffic
// split over time, so a half-rolled-out dependency gives half the failures.
import { compareVersions } from '../../core/migrations/compare-versions';
import { servingSpans, type ControlledRollout } from '../rollout-controller/rollout-machine';

/** One requirement of a version, as a fleet file writes it under `versions.<v>.requires`. */
export interface VersionRequirement {
  service: string;
  version: string;
  /** The share of requests that fail while the required version serves none of the dependency's traffic. */
  errorRate: number;
}

function weightAt(r: ControlledRollout, at: number): number {
  let weight = r.weightHistory[0]?.weight ?? r.weight;
  for (const point of r.weightHistory) {
    if (Date.parse(point.time) > at) break;
    weight = point.weight;
  }
  return weight;
}

/**
 * Each version's share of the rollout's traffic at `at`: one version serving takes it all; with two,
 * the one that started later (the canary) takes the weight of that moment and the other the rest.
 */
export function trafficShares(r: ControlledRollout, at: number): Map<string, number> {
  const versions = new Set([r.stableVersion, r.canaryVersion, ...r.retired.map((s) => s.version)]);
  const serving: { version: string; since: number }[] = [];
  for (const version of versions) {
    const span = servingSpans(r, version).find((s) => at >= s.from && at < s.to);
    if (span) serving.push({ version, since: span.from });
  }
  serving.sort((a, b) => a.since - b.since || compareVersions(a.version, b.version));
  const shares = new Map<string, number>();
  if (serving.length === 1) shares.set((serving[0] as { version: string }).version, 1);
  else if (serving.length > 1) {
    const canary = weightAt(r, at) / 100;
    shares.set((serving.at(-1) as { version: string }).version, canary);
    shares.set((serving[0] as { version: string }).version, 1 - canary);
  }
  return shares;
}

/** The share of the rollout's traffic served by `version` or a newer one at `at` (0 to 1). */
export function shareAtLeast(r: ControlledRollout, version: string, at: number): number {
  let share = 0;
  for (const [v, s] of trafficShares(r, at)) if (compareVersions(v, version) >= 0) share += s;
  return Math.min(1, share);
}

/** The error rate a version with requirements answers with, given its own and the dependencies' shares. */
export function withRequirements(
  errorRate: number,
  requirements: readonly VersionRequirement[],
  served: (requirement: VersionRequirement) => number,
): number {
  let ok = 1 - errorRate;
  for (const need of requirements) ok *= 1 - (1 - served(need)) * need.errorRate;
  return Math.min(1, Math.max(0, 1 - ok));
}
