import { describe, expect, it } from 'vitest';
import { commonScale, fiveNumbers, niceScale } from './box-plot-scale';

describe('box plot axis', () => {
  it('round ticks covering the range', () => {
    expect(niceScale(83, 268)).toEqual({ lo: 50, hi: 300, ticks: [50, 100, 150, 200, 250, 300] });
    expect(niceScale(0.0012, 0.021).ticks).toEqual([0, 0.005, 0.01, 0.015, 0.02, 0.025]);
    expect(niceScale(5, 5).ticks).toEqual([4.5, 4.75, 5, 5.25, 5.5]);
    expect(niceScale(0, 0).ticks).toEqual([-1, -0.5, 0, 0.5, 1]);
  });

  it('one axis for both samples, ignoring a sample without data', () => {
    const a = fiveNumbers({ count: 9, removed: 0, mean: 10, median: 10, p25: 9, p75: 11, min: 8, max: 12 });
    const b = fiveNumbers({ count: 9, removed: 0, mean: 21, median: 20, p25: 18, p75: 22, min: 16, max: 31 });
    const none = fiveNumbers({
      count: 0,
      removed: 3,
      mean: null,
      median: null,
      p25: null,
      p75: null,
      min: null,
      max: null,
    });
    expect(none).toBeNull();
    expect(commonScale(a, b)).toEqual({ lo: 0, hi: 40, ticks: [0, 10, 20, 30, 40] });
    expect(commonScale(a, none).lo).toBeLessThanOrEqual(8);
    expect(commonScale(none, none).ticks.length).toBeGreaterThan(1);
  });
});
