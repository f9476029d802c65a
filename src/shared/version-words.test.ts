import { describe, expect, it } from 'vitest';
import type { VersionVerdict } from './api/rollout-api';
import { failureWarning, verdictText } from './version-words';

const rollback: VersionVerdict = {
  verdict: 'fail',
  source: 'rollback',
  automatic: true,
  at: '2026-11-27T12:39:00.000Z',
  actor: 'judge',
  reason: 'Fail: score 0 (marginal needs 75); error rate +591% (allowed +50%)',
  score: 0,
};

describe('a version in words', () => {
  it('warns plainly about an automatic rollback, with its reason', () => {
    expect(failureWarning('2.4.0', rollback, '1 min ago')).toBe(
      '2.4.0 was rolled back automatically 1 min ago: Fail: score 0 (marginal needs 75); error rate +591% (allowed +50%)',
    );
  });

  it('names the person who rolled back, and says when they gave no reason', () => {
    const byAlice = { ...rollback, automatic: false, actor: 'alice', reason: '' };
    expect(failureWarning('2.4.0', byAlice, '3 min ago')).toBe(
      '2.4.0 was rolled back by alice 3 min ago (no reason given)',
    );
    expect(verdictText(byAlice, '3 min ago')).toBe('Rolled back by alice 3 min ago');
  });

  it('gives an analysis verdict with its score, and a failed analysis without repeating it', () => {
    const analysis = { ...rollback, source: 'analysis' as const, verdict: 'marginal' as const, score: 80 };
    expect(verdictText(analysis, 'at 12:39')).toBe('Marginal (score 80) at 12:39');
    expect(failureWarning('2.4.0', { ...analysis, verdict: 'fail' }, 'at 12:39')).toBe(
      `2.4.0 failed analysis at 12:39: ${rollback.reason}`,
    );
  });
});
