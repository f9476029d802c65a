import { describe, expect, it } from 'vitest';
import { judgeInputSchema, type JudgeInput } from '../../../shared/canary';
import { judge } from './judge';

const around = (centre: number) => [-6, -5, -4, -3, -2, -1, 1, 2, 3, 4, 5, 6].map((d) => centre + d * 0.25);

function run(input: JudgeInput) {
  return judge(judgeInputSchema.parse(input));
}

/** Every number in the value is finite: nothing that JSON would turn into null behind our back. */
function allFinite(value: unknown): boolean {
  if (typeof value === 'number') return Number.isFinite(value);
  if (Array.isArray(value)) return value.every(allFinite);
  if (value !== null && typeof value === 'object') return Object.values(value).every(allFinite);
  return true;
}

describe('judge', () => {
  it('passes a canary like its baseline with a reason that says so', () => {
    const report = run({
      metrics: [
        {
          name: 'p99',
          baseline: around(100),
          canary: around(100.2),
          direction: 'increase',
          allowedIncrease: 1.1,
        },
        {
          name: 'errors',
          baseline: around(10),
          canary: around(9.9),
          direction: 'increase',
          allowedIncrease: 1.1,
        },
      ],
    });
    expect(report).toMatchObject({ score: 100, verdict: 'pass', confidenceLevel: 0.95 });
    expect(report.reason).toBe('Pass: score 100, all 2 metrics within bounds');
  });

  it('puts failing metrics first and leads the reason with the worst', () => {
    const report = run({
      thresholds: { pass: 95, marginal: 75 },
      groups: { latency: 60, errors: 40 },
      metrics: [
        { name: 'ok', group: 'latency', baseline: around(50), canary: around(50) },
        { name: 'missing', group: 'errors', baseline: [], canary: [] },
        {
          name: 'p99',
          label: 'p99 latency',
          group: 'latency',
          unit: 'ms',
          baseline: around(100),
          canary: around(118),
          allowedIncrease: 1.1,
        },
        { name: 'errors', group: 'errors', baseline: around(10), canary: around(10.01) },
      ],
    });
    expect(report.metrics.map((m) => m.name)).toEqual(['p99', 'missing', 'ok', 'errors']);
    expect(report.groups.map((g) => [g.name, g.score])).toEqual([
      ['latency', 50],
      ['errors', 100],
    ]);
    expect(report).toMatchObject({ score: 70, verdict: 'fail' });
    expect(report.reason).toMatch(
      /^Fail: score 70 \(marginal needs 75\); p99 latency \+18% \(CI .*\), above the allowed \+10%$/,
    );
  });

  it('puts the metric that failed the canary first and gives score 0', () => {
    const report = run({
      metrics: [
        { name: 'a', baseline: around(100), canary: around(130), allowedIncrease: 1.1 },
        {
          name: 'errors',
          label: 'error rate',
          baseline: around(10),
          canary: around(70),
          criticalIncrease: 3,
        },
      ],
    });
    expect(report).toMatchObject({ score: 0, verdict: 'fail' });
    expect(report.metrics[0]?.name).toBe('errors');
    expect(report.reason).toMatch(/^Fail: error rate \+600% .*beyond the critical \+200%: fails the canary$/);
  });

  it('fails when half the metrics had no data, saying so', () => {
    const report = run({
      metrics: [
        { name: 'a', baseline: around(1), canary: around(1) },
        { name: 'b', baseline: [null, null], canary: [1] },
      ],
    });
    expect(report.verdict).toBe('fail');
    expect(report.reason).toMatch(/^Fail: 1 of 2 metrics had no data, too few to judge; b: no baseline data/);
  });

  it('is deterministic and JSON-safe', () => {
    const input = {
      metrics: [
        { name: 'a', baseline: around(100), canary: around(103) },
        { name: 'zero', baseline: [0, 0, 0], canary: [1, 2, 3] },
        { name: 'none', baseline: [], canary: [1] },
      ],
    };
    const first = run(input);
    expect(run(input)).toEqual(first);
    expect(allFinite(first)).toBe(true);
    expect(JSON.parse(JSON.stringify(first))).toEqual(first);
  });
});
