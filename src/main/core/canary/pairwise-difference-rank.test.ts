import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { PairwiseDifferences } from './pairwise-difference-rank';

const sorted = (values: number[]) => Float64Array.from(values).sort();

describe('k-th smallest pairwise difference', () => {
  it('equals sorting the full table, with and without ties, at every rank', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: -20, max: 20 }), { minLength: 1, maxLength: 90 }),
        fc.array(fc.double({ min: -20, max: 20, noNaN: true }), { minLength: 1, maxLength: 90 }),
        (x, y) => {
          const all = Float64Array.from(x.flatMap((a) => y.map((b) => a - b))).sort();
          const differences = new PairwiseDifferences(sorted(x), sorted(y));
          for (const k of [0, all.length - 1, Math.floor(all.length / 2), Math.floor(all.length / 7)])
            expect(differences.kth(k)).toBe(all[k]);
        },
      ),
      { numRuns: 60 },
    );
  });

  it('selects in large tables without building them', () => {
    const x = Array.from(
      { length: 3000 },
      (_, i) => Math.sin(i * 12.9898) * 43758.5453 - Math.floor(Math.sin(i * 12.9898) * 43758.5453),
    );
    const y = Array.from({ length: 2000 }, (_, i) => ((i * 7919) % 2003) / 2003);
    const all = Float64Array.from(x.flatMap((a) => y.map((b) => a - b))).sort();
    const differences = new PairwiseDifferences(sorted(x), sorted(y));
    for (const k of [0, 1, 123_456, 3_000_000, 5_999_999]) expect(differences.kth(k)).toBe(all[k]);
  });
});
