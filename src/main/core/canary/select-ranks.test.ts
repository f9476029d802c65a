import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { valuesAtRanks } from './select-ranks';

describe('valuesAtRanks', () => {
  it('gives the values a full sort puts at those ranks, with ties, sorted and reversed input', () => {
    // Few distinct values make ties; the orderings cover the quickselect's bad cases.
    const value = fc.oneof(
      fc.integer({ min: -5, max: 5 }),
      fc.double({ noNaN: true, noDefaultInfinity: true }),
    );
    const arrays = fc.array(value, { minLength: 1, maxLength: 1500 }).chain((values) =>
      fc.tuple(
        fc.constantFrom(
          values,
          [...values].sort((a, b) => a - b),
          [...values].sort((a, b) => b - a),
        ),
        fc.array(fc.nat({ max: values.length - 1 }), { minLength: 1, maxLength: 5 }),
      ),
    );
    fc.assert(
      fc.property(arrays, ([values, ranks]) => {
        const sorted = Float64Array.from(values).sort();
        const got = valuesAtRanks(Float64Array.from(values), ranks);
        ranks.forEach((r, i) => expect(got[i] === sorted[r]).toBe(true));
      }),
      { numRuns: 200 },
    );
  });

  it('answers undefined for a rank outside the array, as indexing does', () => {
    expect(valuesAtRanks(Float64Array.from([3, 1, 2]), [-1, 1, 3])).toEqual([undefined, 2, undefined]);
  });
});
