// What a set's view shows in an environment where it has not run: its members, each with the rollout
// that would take it there as the fleet has it now, so "not started" never reads as "nothing here".
import type { RolloutSummary } from '../../../shared/domain';
import type { ReleaseSetRun, ReleaseSetSummary } from '../../../shared/release-sets';
import { memberLabel } from './set-words';

/** A set not started here: each service member with the rollout that would take it, as the fleet has it now. */
export function idleRun(
  summary: ReleaseSetSummary,
  environment: string,
  fleet: readonly RolloutSummary[],
): ReleaseSetRun {
  return {
    set: summary.definition.name,
    environment,
    state: 'idle',
    members: summary.definition.members.map((member) => {
      const rollout =
        member.kind === 'service'
          ? fleet.find((r) => r.service === member.service && r.environment === environment)
          : undefined;
      return {
        member,
        label: memberLabel(member),
        state: 'waiting' as const,
        ...(rollout ? { rollout: rollout.id, health: rollout.health } : {}),
      };
    }),
    verdict: `not started in ${environment}`,
    auditSeqs: [],
  };
}
