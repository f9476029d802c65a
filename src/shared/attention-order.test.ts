import { describe, expect, it } from 'vitest';
import { rolloutSummary as rollout } from '../../test/support/rollout-summary';
import {
  attentionBreakdown,
  attentionCounts,
  attentionRank,
  compareByAttention,
  holdOf,
  holdWords,
  needsAttention,
} from './attention-order';

const since = '2025-01-01T00:00:00Z';
/** The demo fleet's payments (untimed pause step) and catalog (blue-green preview ready). */
const waitingForJudgment = rollout({
  id: 'payments',
  service: 'payments',
  phase: 'paused',
  pauseConditions: [{ reason: 'pause-step', since }],
});
const awaitingPromotion = rollout({
  id: 'catalog',
  service: 'catalog',
  strategy: 'blueGreen',
  phase: 'awaiting-promotion',
  pauseConditions: [{ reason: 'blue-green-promotion', since }],
});
const inconclusive = rollout({
  phase: 'paused',
  pauseConditions: [{ reason: 'analysis-inconclusive', since }],
});
const heldByAlice = rollout({
  phase: 'paused',
  pauseConditions: [
    { reason: 'manual', since, actor: 'alice' },
    { reason: 'pause-step', since },
  ],
});
const pausedByJudge = rollout({
  phase: 'paused',
  pauseConditions: [{ reason: 'manual', since, actor: 'judge' }],
});
const baking = rollout({ pauseConditions: [{ reason: 'pause-step', since, until: '2025-01-01T00:10:00Z' }] });

describe('attention order', () => {
  it('puts unhealthy first, then waiting for a person, then held, moving and finished', () => {
    expect(attentionRank(rollout({ phase: 'degraded' }))).toBe(0);
    expect(attentionRank(rollout({ health: 'critical' }))).toBe(0);
    expect(attentionRank({ ...waitingForJudgment, health: 'critical' })).toBe(0);
    expect(attentionRank(rollout({ health: 'warning' }))).toBe(1);
    expect(attentionRank(waitingForJudgment)).toBe(2);
    expect(attentionRank(awaitingPromotion)).toBe(2);
    expect(attentionRank(inconclusive)).toBe(2);
    expect(attentionRank(heldByAlice)).toBe(3);
    expect(attentionRank(baking)).toBe(4);
    expect(attentionRank(rollout({ phase: 'progressing' }))).toBe(4);
    expect(attentionRank(rollout({ phase: 'completed' }))).toBe(5);
    expect(attentionRank(rollout({ phase: 'aborted', health: 'warning' }))).toBe(5);
  });

  it('breaks ties by service, then environment', () => {
    const rows = [
      rollout({ id: 'b-prod', service: 'b', phase: 'completed' }),
      rollout({ id: 'b-dev', service: 'b', environment: 'dev', phase: 'completed' }),
      rollout({ id: 'a', service: 'a', phase: 'completed' }),
      { ...heldByAlice, id: 'h', service: 'h' },
      { ...waitingForJudgment, id: 'z', service: 'z' },
      rollout({ id: 'y', service: 'y', health: 'critical' }),
    ];
    expect(rows.sort(compareByAttention).map((r) => r.id)).toEqual(['y', 'z', 'h', 'a', 'b-dev', 'b-prod']);
  });

  it('counts rollouts waiting for a person as needing attention, naming both kinds', () => {
    expect(needsAttention(rollout({ health: 'warning' }))).toBe(true);
    expect(needsAttention(waitingForJudgment)).toBe(true);
    expect(needsAttention(awaitingPromotion)).toBe(true);
    expect(needsAttention(inconclusive)).toBe(true);
    expect(needsAttention(heldByAlice)).toBe(false);
    // The judge is no person: its pause after a failing background run waits for one.
    expect(needsAttention(pausedByJudge)).toBe(true);
    expect(holdWords(holdOf(pausedByJudge) ?? { kind: 'held', by: '?' })).toBe(
      'paused by the judge, waiting for judgment',
    );
    expect(needsAttention(baking)).toBe(false);
    const counts = attentionCounts([
      rollout({ health: 'critical' }),
      waitingForJudgment,
      awaitingPromotion,
      heldByAlice,
      baking,
    ]);
    expect(counts).toEqual({ total: 3, unhealthy: 1, waiting: 2 });
    expect(attentionBreakdown(counts)).toBe('1 unhealthy, 2 waiting for a person');
  });

  it('tells "waiting for judgment" from "held by NAME"', () => {
    expect(holdWords(holdOf(waitingForJudgment) ?? { kind: 'held', by: '?' })).toBe('waiting for judgment');
    expect(holdOf(heldByAlice)).toEqual({ kind: 'held', by: 'alice' });
    expect(holdWords({ kind: 'held', by: 'alice' })).toBe('held by alice');
    expect(holdOf(awaitingPromotion)).toEqual({ kind: 'waiting', for: 'promotion' });
    expect(holdOf(baking)).toBeUndefined();
    expect(holdOf(rollout({ phase: 'aborted', pauseConditions: [{ reason: 'manual', since }] }))).toBe(
      undefined,
    );
  });
});
