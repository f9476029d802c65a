import { describe, expect, it } from 'vitest';
import { decide, stepVerdict } from './analysis-decision';

describe('what a verdict does', () => {
  it('on an analysis step: pass continues, marginal pauses, fail follows the policy', () => {
    expect(decide('step', 'pass', 'abort')).toBe('continue');
    expect(decide('step', 'marginal', 'abort')).toBe('pause');
    expect(decide('step', 'fail', 'abort')).toBe('abort');
    expect(decide('step', 'fail', 'pause')).toBe('pause');
  });

  it('in the background: only fail acts; on demand: nothing acts', () => {
    expect(decide('background', 'marginal', 'abort')).toBe('none');
    expect(decide('background', 'fail', 'pause')).toBe('pause');
    expect(decide('manual', 'fail', 'abort')).toBe('none');
  });

  it('tells the deployment backend pass, fail, or inconclusive (which holds the rollout)', () => {
    expect([stepVerdict('continue'), stepVerdict('abort'), stepVerdict('pause')]).toEqual([
      'pass',
      'fail',
      'inconclusive',
    ]);
  });
});
