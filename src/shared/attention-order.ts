// What needs a person first, shared by the fleet view and the CLI.
import type { RolloutSummary } from './domain';

/**
 * What needs attention first: 0 degraded or critical, 1 warning while still moving, 2 paused or
 * awaiting promotion (a person is expected), 3 progressing, 4 completed or aborted.
 */
export function attentionRank(r: Pick<RolloutSummary, 'phase' | 'health'>): number {
  if (r.phase === 'degraded' || r.health === 'critical') return 0;
  const finished = r.phase === 'completed' || r.phase === 'aborted';
  if (r.health === 'warning' && !finished) return 1;
  if (r.phase === 'paused' || r.phase === 'awaiting-promotion') return 2;
  if (r.phase === 'progressing') return 3;
  return 4;
}

/** Degraded, critical or warning: someone should look now. */
export function needsAttention(r: Pick<RolloutSummary, 'phase' | 'health'>): boolean {
  return attentionRank(r) <= 1;
}

export function compareByAttention(a: RolloutSummary, b: RolloutSummary): number {
  return (
    attentionRank(a) - attentionRank(b) ||
    a.service.localeCompare(b.service) ||
    a.environment.localeCompare(b.environment) ||
    a.id.localeCompare(b.id)
  );
}
