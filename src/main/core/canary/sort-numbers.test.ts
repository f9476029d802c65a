import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { sortedCopy } from './sort-numbers';

describe('sortedCopy', () => {
  it('sorts like a numeric comparison sort, small and large, negative, tiny and huge values', () => {
    const finite = fc.double({ noNaN: true, noDefaultInfinity: true });
    fc.assert(
      fc.property(fc.array(finite, { minLength: 0, maxLength: 3000 }), (values) => {
        const expected = [...values].sort((a, b) => a - b);
        const actual = [...sortedCopy(values)];
        expect(actual.length).toBe(expected.length);
        actual.forEach((v, i) => expect(v === expected[i]).toBe(true));
      }),
      { numRuns: 40 },
    );
  });

  it('does not change its input', () => {
    const input = Array.from({ length: 1000 }, (_, i) => (i * 7919) % 1000);
    const copy = [...input];
    sortedCopy(input);
    expect(input).toEqual(copy);
  });
});
