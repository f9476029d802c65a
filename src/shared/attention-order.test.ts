import { describe, expect, it } from 'vitest';
import type { RolloutSummary } from './domain';
import { attentionRank, compareByAttention, needsAttention } from './attention-order';

const rollout = (over: Partial<RolloutSummary>): RolloutSummary => ({
  id: 'x',
  service: 'svc',
  environment: 'prod',
  strategy: 'canary',
  stableVersion: '1.0.0',
  canaryVersion: '1.1.0',
  phase: 'progressing',
  message: '',
  currentStepIndex: 0,
  stepCount: 4,
  weight: 10,
  health: 'healthy',
  healthReason: '',
  stepStartedAt: '2025-01-01T00:00:00Z',
  updatedAt: '2025-01-01T00:00:00Z',
  revision: 1,
  ...over,
});

describe('attention order', () => {
  it('puts degraded and critical first, finished last', () => {
    expect(attentionRank(rollout({ phase: 'degraded' }))).toBe(0);
    expect(attentionRank(rollout({ health: 'critical' }))).toBe(0);
    expect(attentionRank(rollout({ health: 'warning' }))).toBe(1);
    expect(attentionRank(rollout({ phase: 'paused' }))).toBe(2);
    expect(attentionRank(rollout({ phase: 'awaiting-promotion' }))).toBe(2);
    expect(attentionRank(rollout({ phase: 'progressing' }))).toBe(3);
    expect(attentionRank(rollout({ phase: 'completed' }))).toBe(4);
    expect(attentionRank(rollout({ phase: 'aborted', health: 'warning' }))).toBe(4);
  });

  it('breaks ties by service, then environment', () => {
    const rows = [
      rollout({ id: 'b-prod', service: 'b', phase: 'completed' }),
      rollout({ id: 'b-dev', service: 'b', environment: 'dev', phase: 'completed' }),
      rollout({ id: 'a', service: 'a', phase: 'completed' }),
      rollout({ id: 'z', service: 'z', phase: 'paused' }),
      rollout({ id: 'y', service: 'y', health: 'critical' }),
    ];
    expect(rows.sort(compareByAttention).map((r) => r.id)).toEqual(['y', 'z', 'a', 'b-dev', 'b-prod']);
  });

  it('counts degraded, critical and warning as needing attention', () => {
    expect(needsAttention(rollout({ health: 'warning' }))).toBe(true);
    expect(needsAttention(rollout({ phase: 'paused' }))).toBe(false);
  });
});
