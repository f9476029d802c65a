import { describe, expect, it } from 'vitest';
import type { RolloutDetail } from '../../../shared/domain';
import { cautionsFor, needsConfirmation } from './action-caution';
import { describeConsequence } from './action-consequence';
import { checkoutRollout } from './rollout-fixture';

const base: RolloutDetail = {
  ...checkoutRollout,
  phase: 'progressing',
  message: 'Baking at 10%',
  health: 'healthy',
  healthReason: 'Pass: score 100, all 6 metrics within bounds',
};
const critical = 'Fail: score 0 (marginal needs 75); error rate +591% (allowed +50%)';

describe('when an action asks first', () => {
  it('promotes a healthy, unheld canary at once', () => {
    expect(cautionsFor('promote', base)).toEqual([]);
    expect(needsConfirmation('promote', base)).toBe(false);
    expect(needsConfirmation('pause', base)).toBe(false);
  });

  it('asks before promoting a Critical or Warning canary, and says so', () => {
    const r = { ...base, health: 'critical' as const, healthReason: critical };
    expect(cautionsFor('promote', r)).toEqual([`Health now: Critical (${critical}).`]);
    expect(needsConfirmation('promote', r)).toBe(true);
    expect(needsConfirmation('promote', { ...base, health: 'warning' })).toBe(true);
    expect(needsConfirmation('promote', { ...base, health: 'unknown' })).toBe(false);
  });

  it("asks before promoting past a person's pause, naming them", () => {
    const r: RolloutDetail = {
      ...base,
      phase: 'paused',
      pauseConditions: [{ reason: 'manual', since: '2026-11-27T12:01:30.000Z', actor: 'alice' }],
    };
    expect(cautionsFor('promote', r)).toEqual([
      'alice paused this rollout at 12:01:30 UTC: promoting lifts that pause.',
    ]);
    expect(cautionsFor('promote-full', r)).toHaveLength(1);
  });

  it('asks before promoting past an analysis of this attempt that did not pass, not an older one', () => {
    const failed = {
      stepIndex: 2,
      startedAt: '2026-11-27T12:32:00.000Z',
      finishedAt: '2026-11-27T12:37:00.000Z',
      verdict: 'inconclusive' as const,
      score: 60,
      reason: 'Fail: score 60 (marginal needs 75)',
    };
    const r = { ...base, currentStepIndex: 2, analyses: [failed] };
    expect(cautionsFor('promote', r)).toEqual([
      'The analysis at step 3 did not pass: Fail: score 60 (marginal needs 75)',
    ]);
    const earlierAttempt = { ...r, startedAt: '2026-11-27T13:00:00.000Z' };
    expect(cautionsFor('promote', earlierAttempt)).toEqual([]);
    const skipped = { ...r, analyses: [{ ...failed, score: undefined, reason: 'skipped by bob' }] };
    expect(cautionsFor('promote', skipped)).toEqual([]);
  });

  it("names the judge's verdict a retry after an automatic rollback overrides", () => {
    const r: RolloutDetail = {
      ...base,
      phase: 'degraded',
      weight: 0,
      analyses: [
        {
          stepIndex: 2,
          startedAt: '2026-11-27T12:32:00.000Z',
          finishedAt: '2026-11-27T12:37:00.000Z',
          verdict: 'fail',
          score: 0,
          reason: critical,
        },
      ],
    };
    expect(cautionsFor('retry', r)).toEqual([
      `The judge rolled 2.4.0 back: ${critical}. Retry overrides that verdict and sends traffic to 2.4.0 again.`,
    ]);
    expect(needsConfirmation('retry', r)).toBe(true);
    expect(needsConfirmation('retry', { ...r, phase: 'aborted' })).toBe(false);
  });
});

describe('the confirmation says what will happen', () => {
  it('promote fully names the current health, once', () => {
    expect(describeConsequence('promote-full', base).lines).toContain(
      'Health now: Healthy (Pass: score 100, all 6 metrics within bounds).',
    );
    const r = { ...base, health: 'critical' as const, healthReason: critical };
    expect(describeConsequence('promote-full', r).lines.join(' ')).not.toContain('Health now');
    expect(cautionsFor('promote-full', r)[0]).toBe(`Health now: Critical (${critical}).`);
  });

  it('promote names the step it moves to; retry says it starts again', () => {
    expect(describeConsequence('promote', base)).toEqual({
      title: 'Promote checkout 2.4.0 past step 2?',
      lines: ['checkout 2.4.0 in prod-eu moves on to step 3/4: Analysis 5m.'],
    });
    expect(describeConsequence('retry', base).lines[0]).toBe(
      'Starts checkout 2.4.0 again from step 1 in prod-eu; 2.3.1 keeps the stable traffic until it is promoted.',
    );
  });
});
