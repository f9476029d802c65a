// Property tests: whatever samples arrive (empty, all missing, constant, huge, tied), the judge
// answers with a report, never an exception, NaN or Infinity, and every line has a reason.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { judgeInputSchema, METRIC_DIRECTIONS, type JudgeInput } from '../../../shared/canary';
import { judge } from './judge';

function allFinite(value: unknown): boolean {
  if (typeof value === 'number') return Number.isFinite(value);
  if (Array.isArray(value)) return value.every(allFinite);
  if (value !== null && typeof value === 'object') return Object.values(value).every(allFinite);
  return true;
}

const huge = fc.constantFrom(1e308, -1e308, Number.MAX_VALUE, -Number.MAX_VALUE, 1e300, 5e-324);
const tied = fc.constantFrom(0, 1, 2, 3);
const value = fc.oneof(
  fc.double({ noNaN: true, noDefaultInfinity: true }),
  huge,
  tied,
  fc.constant(null),
  fc.integer({ min: -5, max: 5 }),
);
const sample = fc.array(value, { maxLength: 60 });

const metricConfig = fc.record({
  direction: fc.constantFrom(...METRIC_DIRECTIONS),
  allowedIncrease: fc.double({ min: 1, max: 3, noNaN: true }),
  allowedDecrease: fc.double({ min: 0.1, max: 1, noNaN: true }),
  nanStrategy: fc.constantFrom('remove' as const, 'replace' as const),
  outliers: fc.record({
    strategy: fc.constantFrom('keep' as const, 'remove' as const),
    factor: fc.constantFrom(1.5, 3),
  }),
  critical: fc.boolean(),
  mustHaveData: fc.boolean(),
  group: fc.constantFrom('a', 'b'),
});

const judgeInput = (samples: fc.Arbitrary<{ baseline: (number | null)[]; canary: (number | null)[] }>) =>
  fc.array(fc.tuple(metricConfig, samples), { minLength: 1, maxLength: 4 }).map((metrics): JudgeInput => ({
    confidenceLevel: 0.95,
    metrics: metrics.map(([config, s], i) => ({ ...config, name: `m${i}`, ...s })),
  }));

function judged(input: JudgeInput) {
  const report = judge(judgeInputSchema.parse(input));
  expect(allFinite(report)).toBe(true);
  expect(report.reason.length).toBeGreaterThan(0);
  for (const m of report.metrics) {
    expect(m.reason.length).toBeGreaterThan(0);
    expect(m.reason).not.toMatch(/NaN|undefined/);
    if (m.pValue !== null) expect(m.pValue).toBeGreaterThanOrEqual(0);
    if (m.pValue !== null) expect(m.pValue).toBeLessThanOrEqual(1);
  }
  expect(report.score).toBeGreaterThanOrEqual(0);
  expect(report.score).toBeLessThanOrEqual(100);
  return report;
}

describe('judge properties', () => {
  it('never throws and never lets NaN or Infinity out, whatever the samples', () => {
    fc.assert(
      fc.property(judgeInput(fc.record({ baseline: sample, canary: sample })), (input) => {
        judged(input);
      }),
      { numRuns: 300 },
    );
  });

  it('classifies empty and all-missing samples as nodata (or pass once missing counts as 0)', () => {
    const missing = fc.oneof(
      fc.constant<(number | null)[]>([]),
      fc.array(fc.constant(null), { minLength: 1, maxLength: 40 }),
    );
    fc.assert(
      fc.property(
        judgeInput(fc.record({ baseline: fc.oneof(missing, sample), canary: missing })),
        (input) => {
          for (const m of judged(input).metrics) {
            const config = input.metrics.find((x) => x.name === m.name);
            const expected =
              m.canaryStats.count === 0 || m.baselineStats.count === 0
                ? [config?.mustHaveData ? 'nodata-fail' : 'nodata']
                : ['pass', 'high', 'low'];
            expect(expected).toContain(m.classification);
            if (config?.nanStrategy === 'remove') expect(m.classification).toMatch(/^nodata/);
          }
        },
      ),
    );
  });

  it('passes constant, tied and identical samples, huge ones included, with a reason', () => {
    const constant = fc
      .tuple(
        fc.oneof(huge, tied, fc.double({ noNaN: true, noDefaultInfinity: true })),
        fc.nat({ max: 40 }),
        fc.nat({ max: 40 }),
      )
      .map(([v, n, m]) => ({ baseline: Array<number>(n + 1).fill(v), canary: Array<number>(m + 1).fill(v) }));
    const identical = fc
      .array(fc.oneof(huge, tied, fc.double({ noNaN: true, noDefaultInfinity: true })), {
        minLength: 1,
        maxLength: 60,
      })
      .chain((xs) =>
        fc.shuffledSubarray(xs, { minLength: xs.length }).map((ys) => ({ baseline: xs, canary: ys })),
      );
    fc.assert(
      fc.property(judgeInput(fc.oneof(constant, identical)), (input) => {
        const report = judged(input);
        for (const m of report.metrics) {
          expect(m.classification).toBe('pass');
          expect(m.reason).toMatch(/identical|every value is/);
        }
        expect(report).toMatchObject({ score: 100, verdict: 'pass' });
      }),
    );
  });

  it('is deterministic: the same input gives the same report', () => {
    fc.assert(
      fc.property(judgeInput(fc.record({ baseline: sample, canary: sample })), (input) => {
        const parsed = judgeInputSchema.parse(input);
        expect(judge(parsed)).toEqual(judge(parsed));
      }),
      { numRuns: 100 },
    );
  });
});
