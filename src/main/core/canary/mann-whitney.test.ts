import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { mannWhitney, StatisticsError } from './mann-whitney';

interface ReferenceCase {
  name: string;
  confLevel: number;
  canary: number[];
  baseline: number[];
  statistic: number;
  pValue: number;
  estimate: number;
  confInt: [number, number];
  achievedConfLevel: number;
  method: 'exact' | 'normal';
}

// Computed by R's wilcox.test: test/reference/generate-wilcox-vectors.R.
const reference = JSON.parse(
  readFileSync(join(import.meta.dirname, '../../../../test/reference/wilcox-vectors.json'), 'utf8'),
) as ReferenceCase[];

const relativeError = (actual: number, expected: number) =>
  expected === 0 ? Math.abs(actual) : Math.abs(actual - expected) / Math.abs(expected);
/** R finds approximate-path roots to tol.root = 1e-4. */
const R_ROOT_TOLERANCE = 1e-4;

describe("Mann-Whitney against R's wilcox.test", () => {
  it('covers exact and approximate paths, ties, unequal sizes, both confidence levels, 4 to 5000 samples', () => {
    expect(new Set(reference.map((c) => c.method))).toEqual(new Set(['exact', 'normal']));
    expect(new Set(reference.map((c) => c.confLevel))).toEqual(new Set([0.95, 0.98]));
    const sizes = reference.flatMap((c) => [c.canary.length, c.baseline.length]);
    expect(Math.min(...sizes)).toBeLessThanOrEqual(4);
    expect(Math.max(...sizes)).toBe(5000);
    expect(reference.some((c) => c.name.startsWith('ties-'))).toBe(true);
  });

  for (const c of reference) {
    it(`${c.name} at ${c.confLevel}`, () => {
      const result = mannWhitney(c.canary, c.baseline, c.confLevel);
      expect(result.method).toBe(c.method);
      expect(result.statistic).toBe(c.statistic);
      expect(relativeError(result.pValue, c.pValue)).toBeLessThan(1e-9);
      expect(result.confidenceLevel).toBeCloseTo(c.achievedConfLevel, 12);
      if (c.method === 'exact') {
        expect(relativeError(result.estimate, c.estimate)).toBeLessThan(1e-9);
        expect(relativeError(result.confidenceInterval[0], c.confInt[0])).toBeLessThan(1e-9);
        expect(relativeError(result.confidenceInterval[1], c.confInt[1])).toBeLessThan(1e-9);
      } else {
        expectSameRootAsR(result.estimate, c);
        expect(Math.abs(result.confidenceInterval[0] - c.confInt[0])).toBeLessThan(R_ROOT_TOLERANCE);
        expect(Math.abs(result.confidenceInterval[1] - c.confInt[1])).toBeLessThan(R_ROOT_TOLERANCE);
      }
    });
  }
});

/**
 * R's uniroot stops within 1e-4 of a root, but where the statistic is zero on a whole stretch
 * (between the two middle pairwise differences) it may stop anywhere on it; we return its middle.
 * So: the same point to R's tolerance, or R's point on the stretch whose middle we returned.
 */
function expectSameRootAsR(estimate: number, c: ReferenceCase) {
  if (Math.abs(estimate - c.estimate) < R_ROOT_TOLERANCE) return;
  const nm = c.canary.length * c.baseline.length;
  expect(nm).toBeLessThan(4_000_000);
  const differences = Float64Array.from(c.canary.flatMap((x) => c.baseline.map((y) => x - y))).sort();
  const half = nm / 2;
  expect(nm % 2).toBe(0);
  const [from, to] = [differences[half - 1] as number, differences[half] as number];
  expect(c.estimate).toBeGreaterThanOrEqual(from - R_ROOT_TOLERANCE);
  expect(c.estimate).toBeLessThanOrEqual(to + R_ROOT_TOLERANCE);
  expect(estimate).toBe((from + to) / 2);
}

// Measurement-like values (three decimals): subnormal doubles would merge or split ties when
// shifted, which says something about floating point, not about the test.
const measurement = fc.integer({ min: -1_000_000, max: 1_000_000 }).map((v) => v / 1000);
const sample = (min: number, max: number) => fc.array(measurement, { minLength: min, maxLength: max });
const withTies = (min: number, max: number) =>
  fc.array(fc.integer({ min: 0, max: 6 }), { minLength: min, maxLength: max });
const samples = fc.oneof(sample(1, 30), sample(50, 120), withTies(2, 80));

/** Roots are found to R's tolerance; floating sums add a little on top. */
const close = (a: number, b: number, scale: number) => Math.abs(a - b) <= 3 * R_ROOT_TOLERANCE + 1e-9 * scale;

function testable(canary: number[], baseline: number[]) {
  try {
    return mannWhitney(canary, baseline, 0.95);
  } catch (error) {
    expect(error).toBeInstanceOf(StatisticsError);
    return undefined;
  }
}

describe('Mann-Whitney properties', () => {
  it('shifting the canary by +c shifts the estimate and interval by +c', () => {
    fc.assert(
      fc.property(
        samples,
        samples,
        fc.integer({ min: -50_000, max: 50_000 }).map((v) => v / 1000),
        (canary, baseline, c) => {
          const before = testable(canary, baseline);
          const after = testable(
            canary.map((x) => x + c),
            baseline,
          );
          if (!before || !after || before.method !== after.method) return;
          const scale = Math.max(1, ...canary.map(Math.abs), ...baseline.map(Math.abs));
          expect(close(after.estimate, before.estimate + c, scale)).toBe(true);
          expect(close(after.confidenceInterval[0], before.confidenceInterval[0] + c, scale)).toBe(true);
          expect(close(after.confidenceInterval[1], before.confidenceInterval[1] + c, scale)).toBe(true);
        },
      ),
      { numRuns: 150 },
    );
  });

  it('swapping the samples negates the estimate and mirrors the interval, with the same p-value', () => {
    fc.assert(
      fc.property(samples, samples, (canary, baseline) => {
        const forward = testable(canary, baseline);
        const backward = testable(baseline, canary);
        if (!forward || !backward) return;
        const scale = Math.max(1, ...canary.map(Math.abs), ...baseline.map(Math.abs));
        expect(close(backward.estimate, -forward.estimate, scale)).toBe(true);
        expect(close(backward.confidenceInterval[0], -forward.confidenceInterval[1], scale)).toBe(true);
        expect(close(backward.confidenceInterval[1], -forward.confidenceInterval[0], scale)).toBe(true);
        expect(backward.pValue).toBeCloseTo(forward.pValue, 12);
      }),
      { numRuns: 150 },
    );
  });

  it('gives a p-value in [0, 1], an ordered interval and no NaN, or a StatisticsError', () => {
    fc.assert(
      fc.property(
        fc.oneof(samples, fc.constant([] as number[])),
        fc.oneof(samples, fc.constant<number[]>([5, 5, 5])),
        (a, b) => {
          const result = testable(a, b);
          if (!result) return;
          expect(result.pValue).toBeGreaterThanOrEqual(0);
          expect(result.pValue).toBeLessThanOrEqual(1);
          expect(result.confidenceInterval[0]).toBeLessThanOrEqual(result.confidenceInterval[1]);
          expect([result.estimate, ...result.confidenceInterval].every(Number.isFinite)).toBe(true);
        },
      ),
      { numRuns: 200 },
    );
  });

  it('refuses what it cannot judge with a reason', () => {
    expect(() => mannWhitney([], [1, 2])).toThrow(/no canary samples/);
    expect(() => mannWhitney([1, Number.NaN], [1, 2])).toThrow(/non-finite/);
    expect(() => mannWhitney([7, 7, 7], [7, 7])).toThrow(/same value/);
  });
});
