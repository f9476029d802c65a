// What needs a person first, shared by the fleet view and the CLI.
import type { RolloutSummary } from './domain';
import { JUDGE_ACTOR } from './system-actors';

type Attended = Pick<RolloutSummary, 'phase' | 'health' | 'pauseConditions'>;

/** Why a rollout is not moving on its own: a person must decide, or a person is holding it. */
export type Hold =
  | { kind: 'waiting'; for: 'judgment' | 'promotion' | 'inconclusive-analysis' | 'failed-analysis' }
  | { kind: 'held'; by: string };

/**
 * A person's manual pause is their deliberate hold; an untimed pause step, a blue-green preview
 * awaiting promotion, an inconclusive analysis and the judge's pause after a failing background
 * run wait for someone to decide. A timed pause resumes by itself and is no hold.
 */
export function holdOf(r: Pick<RolloutSummary, 'phase' | 'pauseConditions'>): Hold | undefined {
  if (r.phase === 'completed' || r.phase === 'aborted' || r.phase === 'degraded') return undefined;
  const manual = r.pauseConditions.find((c) => c.reason === 'manual');
  if (manual?.actor === JUDGE_ACTOR) return { kind: 'waiting', for: 'failed-analysis' };
  if (manual) return { kind: 'held', by: manual.actor ?? 'someone' };
  if (r.pauseConditions.some((c) => c.reason === 'analysis-inconclusive'))
    return { kind: 'waiting', for: 'inconclusive-analysis' };
  if (r.pauseConditions.some((c) => c.reason === 'blue-green-promotion'))
    return { kind: 'waiting', for: 'promotion' };
  if (r.pauseConditions.some((c) => c.reason === 'pause-step' && c.until === undefined))
    return { kind: 'waiting', for: 'judgment' };
  return undefined;
}

/** "waiting for judgment", "held by alice": what the word "Paused" alone does not say. */
export function holdWords(hold: Hold): string {
  if (hold.kind === 'held') return `held by ${hold.by}`;
  if (hold.for === 'promotion') return 'waiting for promotion';
  if (hold.for === 'inconclusive-analysis') return 'analysis inconclusive, waiting for judgment';
  if (hold.for === 'failed-analysis') return 'paused by the judge, waiting for judgment';
  return 'waiting for judgment';
}

/**
 * What needs attention first: 0 degraded or critical, 1 warning while still moving, 2 waiting for
 * a person to decide, 3 held by a person, 4 progressing, 5 completed or aborted.
 */
export function attentionRank(r: Attended): number {
  if (r.phase === 'degraded' || r.health === 'critical') return 0;
  const finished = r.phase === 'completed' || r.phase === 'aborted';
  if (finished) return 5;
  if (r.health === 'warning') return 1;
  const hold = holdOf(r);
  if (hold?.kind === 'waiting') return 2;
  if (hold?.kind === 'held') return 3;
  return 4;
}

/** Why someone should look now: it is unhealthy, or it waits for a person's decision. */
export function attentionReason(r: Attended): 'unhealthy' | 'waiting' | undefined {
  const rank = attentionRank(r);
  if (rank <= 1) return 'unhealthy';
  return rank === 2 ? 'waiting' : undefined;
}

export function needsAttention(r: Attended): boolean {
  return attentionReason(r) !== undefined;
}

export interface AttentionCounts {
  total: number;
  unhealthy: number;
  waiting: number;
}

export function attentionCounts(rollouts: readonly Attended[]): AttentionCounts {
  const counts = { total: 0, unhealthy: 0, waiting: 0 };
  for (const r of rollouts) {
    const reason = attentionReason(r);
    if (reason === undefined) continue;
    counts.total++;
    counts[reason]++;
  }
  return counts;
}

/** "1 unhealthy, 2 waiting for a person": the count names both kinds. */
export function attentionBreakdown(counts: AttentionCounts): string {
  return `${counts.unhealthy} unhealthy, ${counts.waiting} waiting for a person`;
}

export function compareByAttention(a: RolloutSummary, b: RolloutSummary): number {
  return (
    attentionRank(a) - attentionRank(b) ||
    a.service.localeCompare(b.service) ||
    a.environment.localeCompare(b.environment) ||
    a.id.localeCompare(b.id)
  );
}
