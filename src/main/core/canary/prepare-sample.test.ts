import { describe, expect, it } from 'vitest';
import { prepareSample } from './prepare-sample';

const keep = { strategy: 'keep', factor: 3 } as const;

describe('prepareSample', () => {
  it('drops missing values (null, NaN, ±Infinity) with the remove strategy and counts them', () => {
    const prepared = prepareSample([1, null, 2, Number.NaN, Number.POSITIVE_INFINITY, 3], {
      nanStrategy: 'remove',
      outliers: keep,
    });
    expect(prepared).toEqual({ values: [1, 2, 3], removed: 3 });
  });

  it('counts missing values as zero with the replace strategy, removing none', () => {
    const prepared = prepareSample([1, null, 2], { nanStrategy: 'replace', outliers: keep });
    expect(prepared).toEqual({ values: [1, 0, 2], removed: 0 });
  });

  it('removes values outside [Q1 - f·IQR, Q3 + f·IQR] and keeps the bounds themselves', () => {
    const remove = (factor: number) => ({
      nanStrategy: 'remove' as const,
      outliers: { strategy: 'remove' as const, factor },
    });
    // Q1 = 2.25, Q3 = 6.75 (R type 7), IQR = 4.5: factor 1 keeps [-2.25, 11.25]
    expect(prepareSample([0, 1, 2, 3, 4, 5, 6, 7, 8, 100], remove(1))).toEqual({
      values: [0, 1, 2, 3, 4, 5, 6, 7, 8],
      removed: 1,
    });
    // Q1 = 0, Q3 = 1, IQR = 1: factor 2 keeps [-2, 3], bound included
    expect(prepareSample([0, 0, 1, 1, 3], remove(2)).removed).toBe(0);
    expect(prepareSample([0, 0, 1, 1, 3.01], remove(2)).removed).toBe(1);
  });

  it('keeps everything with the keep strategy, and copes with an empty sample', () => {
    expect(prepareSample([1, 1000], { nanStrategy: 'remove', outliers: keep }).values).toEqual([1, 1000]);
    expect(prepareSample([], { nanStrategy: 'remove', outliers: { strategy: 'remove', factor: 3 } })).toEqual(
      {
        values: [],
        removed: 0,
      },
    );
  });

  it('drops spikes from a sample of mostly equal values (IQR 0)', () => {
    const prepared = prepareSample([0, 0, 0, 0, 0, 0, 5], {
      nanStrategy: 'remove',
      outliers: { strategy: 'remove', factor: 3 },
    });
    expect(prepared).toEqual({ values: [0, 0, 0, 0, 0, 0], removed: 1 });
  });
});
