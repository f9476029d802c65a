// A set checked against what exists: each service member has a rollout in the environment and a
// version its deployment backend knows; each migration member names a plan that has the phase. A
// typo is caught at load (listed with the set) and again at start (refused), never halfway through.
import type { ReleaseSetDefinition, ReleaseSetMember } from '../../../shared/release-sets';
import type { RolloutSnapshot } from '../rollouts/deployment-backend';
import { memberLabel } from './member-order';

const KNOWN_SHOWN = 8;

export interface FleetView {
  rollouts(): readonly RolloutSnapshot[];
  knownVersions(id: string): readonly string[] | undefined;
  /** The migration plans with their phases; undefined where the room has no migrations. */
  plans(): { id: string; phases: readonly string[] }[] | undefined;
}

/** The rollout that serves a service in an environment. */
export function rolloutOf(
  rollouts: readonly RolloutSnapshot[],
  service: string,
  environment: string,
): RolloutSnapshot | undefined {
  return rollouts.find((r) => r.service === service && r.environment === environment);
}

/** Every environment the fleet has, in first-seen order. */
export function fleetEnvironments(rollouts: readonly RolloutSnapshot[]): string[] {
  return [...new Set(rollouts.map((r) => r.environment))];
}

function shown(values: readonly string[]): string {
  const head = values.slice(0, KNOWN_SHOWN).join(', ');
  return values.length > KNOWN_SHOWN ? `${head}, …` : head || 'none';
}

function memberProblem(
  member: ReleaseSetMember,
  environment: string,
  fleet: FleetView,
  rollouts: readonly RolloutSnapshot[],
  plans: ReturnType<FleetView['plans']>,
): string | undefined {
  const label = memberLabel(member);
  if (member.kind === 'service') {
    const r = rolloutOf(rollouts, member.service, environment);
    if (!r) {
      const where = fleetEnvironments(rollouts.filter((x) => x.service === member.service));
      return where.length === 0
        ? `${label}: the fleet has no service "${member.service}" (services: ${shown([...new Set(rollouts.map((x) => x.service))])})`
        : `${label}: ${member.service} does not run in ${environment} (it runs in ${where.join(', ')})`;
    }
    const known = fleet.knownVersions(r.id) ?? [];
    // A cluster's image tags are not listed up front (the registry decides): only a listing is checked.
    if (r.kubernetes || known.includes(member.version)) return undefined;
    return `${label}: ${r.id} has no version "${member.version}" that its deployment backend knows (known: ${shown(known)})`;
  }
  if (!plans) return `${label}: this control room has no migration plans`;
  const plan = plans.find((p) => p.id === member.plan);
  if (!plan) return `${label}: no migration plan "${member.plan}" (plans: ${shown(plans.map((p) => p.id))})`;
  if (!plan.phases.includes(member.phase))
    return `${label}: ${member.plan} has no phase ${member.phase} (it has ${plan.phases.join(', ')})`;
  return undefined;
}

/** Problems of the set in one environment, each naming the member and what is known instead. */
export function problemsIn(set: ReleaseSetDefinition, environment: string, fleet: FleetView): string[] {
  const rollouts = fleet.rollouts();
  const plans = set.members.some((m) => m.kind === 'migration') ? fleet.plans() : [];
  return set.members
    .map((m) => memberProblem(m, environment, fleet, rollouts, plans))
    .filter((p): p is string => p !== undefined);
}

/** The environments a set may run in: its own list, or every one of the fleet. */
export function setEnvironments(set: ReleaseSetDefinition, rollouts: readonly RolloutSnapshot[]): string[] {
  return set.environments ?? fleetEnvironments(rollouts);
}

/** Problems in every environment the set may run in, each prefixed with the environment. */
export function fleetProblems(set: ReleaseSetDefinition, fleet: FleetView): string[] {
  return setEnvironments(set, fleet.rollouts()).flatMap((env) =>
    problemsIn(set, env, fleet).map((p) => `${env}: ${p}`),
  );
}
