// What needs a person first: failing canaries and broken rollouts, then rollouts waiting for a
// decision, then those moving on their own, then finished ones. Shared by the fleet view and CLI.
import type { Health, RolloutPhase, RolloutSummary } from './domain';

const PHASE_RANK: Record<RolloutPhase, number> = {
  degraded: 0,
  paused: 2,
  'awaiting-promotion': 2,
  progressing: 3,
  aborted: 4,
  completed: 5,
};
const HEALTH_RANK: Record<Health, number> = { critical: 0, warning: 1, unknown: 2, healthy: 3 };

export function attentionRank(r: Pick<RolloutSummary, 'phase' | 'health'>): number {
  // An in-flight canary in critical health outranks everything but a degraded rollout.
  if (r.health === 'critical' && r.phase !== 'completed' && r.phase !== 'aborted') return 1;
  return PHASE_RANK[r.phase];
}

export function compareByAttention(a: RolloutSummary, b: RolloutSummary): number {
  return (
    attentionRank(a) - attentionRank(b) ||
    HEALTH_RANK[a.health] - HEALTH_RANK[b.health] ||
    a.service.localeCompare(b.service) ||
    a.environment.localeCompare(b.environment)
  );
}
