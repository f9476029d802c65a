import { describe, expect, it } from 'vitest';
import { quantileSorted } from './quantile';
import { meanOf, sampleStats } from './sample-stats';

describe('quantileSorted (R type 7)', () => {
  it('matches R quantile() on 1..10', () => {
    const xs = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10];
    // R: quantile(1:10, c(0, .25, .5, .75, 1)) -> 1.00 3.25 5.50 7.75 10.00
    expect([0, 0.25, 0.5, 0.75, 1].map((p) => quantileSorted(xs, p))).toEqual([1, 3.25, 5.5, 7.75, 10]);
  });

  it('does not overflow between huge values', () => {
    expect(quantileSorted([-1.5e308, 1.5e308], 0.5)).toBe(0);
  });
});

describe('sampleStats', () => {
  it('describes a sample and the count of removed values', () => {
    expect(sampleStats([4, 1, 3, 2], 2)).toEqual({
      count: 4,
      removed: 2,
      mean: 2.5,
      median: 2.5,
      p25: 1.75,
      p75: 3.25,
      min: 1,
      max: 4,
    });
  });

  it('gives nulls, not NaN, for an empty sample', () => {
    expect(sampleStats([], 3)).toEqual({
      count: 0,
      removed: 3,
      mean: null,
      median: null,
      p25: null,
      p75: null,
      min: null,
      max: null,
    });
  });

  it('keeps the mean finite for huge values whose sum overflows', () => {
    expect(meanOf([1e308, 1e308, 1e308])).toBeCloseTo(1e308, -300);
    expect(Number.isFinite(meanOf([1.7e308, 1.7e308]))).toBe(true);
  });
});
