// The weights and drain states a rollout's step asks of an HAProxy backend: `share` percent of the
// traffic to the target version's servers, the rest to the stable version's, computed over the
// servers that are UP and not drained; servers of any other version get none. Refusals happen here,
// before anything is written: a static algorithm, a target whose servers are all DOWN, a configured
// server HAProxy does not know.
import { BackendRefusal } from '../../core/rollouts/deployment-backend';
import type { HaproxyService } from '../../core/connections/haproxy-connection';
import { isStaticAlgorithm, type LiveBackend } from './haproxy-state';

/** HAProxy weights run 0..256; the largest share is scaled to this for precision. */
const MAX_WEIGHT = 256;

export interface ServerTarget {
  weight: number;
  drain: boolean;
}

export type WeightPlan = Map<string, ServerTarget>;

/** A configured server or backend HAProxy does not have: the config is wrong, not the moment. */
export class HaproxyConfigProblem extends Error {}

export interface PlanInput {
  service: HaproxyService;
  live: LiveBackend;
  versions: ReadonlyMap<string, string>;
  stableVersion: string;
  targetVersion: string;
  /** Percent of traffic to the target version. */
  share: number;
  /** Abort: the target's servers are drained as well as weighted 0. */
  drainTarget: boolean;
}

/** Server → version, from the config's map or its naming rule applied to HAProxy's server names. */
export function serverVersions(service: HaproxyService, live: LiveBackend): Map<string, string> {
  const versions = new Map<string, string>();
  if (service.servers) {
    const missing = Object.keys(service.servers).filter((s) => !live.servers.has(s));
    if (missing.length > 0)
      throw new HaproxyConfigProblem(
        `service ${service.service}: server ${missing.map((m) => `"${m}"`).join(', ')} is not in HAProxy backend "${live.name}" (it has ${[...live.servers.keys()].join(', ') || 'no servers'})`,
      );
    for (const [server, version] of Object.entries(service.servers)) versions.set(server, version);
    return versions;
  }
  const rule = new RegExp(service.versionPattern as string);
  for (const name of live.servers.keys()) {
    const version = rule.exec(name)?.groups?.version;
    if (version) versions.set(name, version);
  }
  if (versions.size === 0)
    throw new HaproxyConfigProblem(
      `service ${service.service}: no server of HAProxy backend "${live.name}" matches versionPattern ${service.versionPattern}`,
    );
  return versions;
}

export function planWeights(input: PlanInput): WeightPlan {
  const { live, versions, share } = input;
  const group = (version: string) => [...versions].filter(([, v]) => v === version).map(([s]) => s);
  const eligible = (s: string) => {
    const server = live.servers.get(s);
    return server !== undefined && server.up && !server.maint && !server.drain;
  };
  const target = group(input.targetVersion);
  const stable = input.targetVersion === input.stableVersion ? [] : group(input.stableVersion);
  const partial = share > 0 && share < 100 && stable.length > 0;
  if (partial && isStaticAlgorithm(live.algo, input.service.hashType))
    throw new BackendRefusal(
      `HAProxy backend "${live.name}" balances by ${live.algo}, a static algorithm: HAProxy only takes weights of 0% or 100% there, so it cannot send ${share}% to ${input.targetVersion}`,
    );
  const liveTarget = target.filter(eligible).length;
  // Servers drained by an abort come back with the traffic; only DOWN or maintenance ones do not count.
  const reachable = target.filter((s) => {
    const server = live.servers.get(s);
    return server !== undefined && server.up && !server.maint;
  }).length;
  if (share > 0 && !input.drainTarget && reachable === 0)
    throw new BackendRefusal(
      `every server of ${input.targetVersion} in HAProxy backend "${live.name}" is DOWN or in maintenance (${target.join(', ')}): no traffic is shifted to it`,
    );
  const nTarget = Math.max(liveTarget || reachable, 1);
  const nStable = Math.max(stable.filter(eligible).length, 1);
  const targetEach = stable.length === 0 ? 1 : share * nStable;
  const stableEach = (100 - share) * nTarget;
  const scale = MAX_WEIGHT / Math.max(targetEach, stableEach, 1);
  const plan: WeightPlan = new Map();
  // All or nothing (the only weights a static algorithm takes): the config's weights, as before a rollout.
  const initial = (s: string) => live.servers.get(s)?.initialWeight ?? 1;
  // A server configured at weight 0 (a new version parked idle) still needs a weight to take it all.
  const fullWeight = (s: string, peers: string[]) =>
    initial(s) > 0 ? initial(s) : Math.max(1, ...peers.map(initial));
  const weightOf = (s: string, each: number, peers: string[]) =>
    partial ? Math.round(each * scale) : each > 0 ? fullWeight(s, peers) : 0;
  for (const s of versions.keys()) plan.set(s, { weight: 0, drain: false });
  for (const s of stable) plan.set(s, { weight: weightOf(s, stableEach, stable), drain: false });
  for (const s of target) plan.set(s, { weight: weightOf(s, targetEach, target), drain: input.drainTarget });
  return plan;
}

/** The share of traffic the live weights give `servers`, over the servers UP and not drained. */
export function liveShare(live: LiveBackend, versions: ReadonlyMap<string, string>, version: string): number {
  let total = 0;
  let mine = 0;
  for (const [name, v] of versions) {
    const s = live.servers.get(name);
    if (!s || !s.up || s.maint || s.drain) continue;
    total += s.weight;
    if (v === version) mine += s.weight;
  }
  return total === 0 ? 0 : (100 * mine) / total;
}

export function samePlan(a: WeightPlan, b: WeightPlan): boolean {
  if (a.size !== b.size) return false;
  for (const [server, want] of a) {
    const other = b.get(server);
    if (!other || other.weight !== want.weight || other.drain !== want.drain) return false;
  }
  return true;
}

/** Where HAProxy differs from the plan, in words per server; empty when it matches. */
export function planDifferences(plan: WeightPlan, live: LiveBackend): string[] {
  const out: string[] = [];
  for (const [name, want] of plan) {
    const s = live.servers.get(name);
    if (!s) {
      out.push(`${name} is gone from HAProxy`);
      continue;
    }
    if (s.weight !== want.weight) out.push(`${name} has weight ${s.weight} (set ${want.weight})`);
    if (s.drain !== want.drain)
      out.push(`${name} is ${s.drain ? 'drained' : 'ready'} (set ${want.drain ? 'drain' : 'ready'})`);
  }
  return out;
}
