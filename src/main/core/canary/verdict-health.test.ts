import { describe, expect, it } from 'vitest';
import { judgeInputSchema } from '../../../shared/canary';
import { judge } from './judge';
import { healthFromReport } from './verdict-health';

const around = (centre: number) => [-6, -5, -4, -3, -2, -1, 1, 2, 3, 4, 5, 6].map((d) => centre + d * 0.25);
const report = (canary: number[]) =>
  judge(
    judgeInputSchema.parse({
      metrics: [{ name: 'p99', direction: 'increase', allowedIncrease: 1.1, baseline: around(100), canary }],
    }),
  );

describe('healthFromReport', () => {
  it('maps pass, marginal and fail to healthy, warning and critical, with the report reason', () => {
    expect(healthFromReport(report(around(100)))).toMatchObject({ health: 'healthy', score: 100 });
    const failing = healthFromReport(report(around(130)));
    expect(failing).toMatchObject({ health: 'critical', score: 0 });
    expect(failing.reason).toMatch(/^Fail: .*p99 \+30%/);
    const marginal = judge(
      judgeInputSchema.parse({
        thresholds: { pass: 95, marginal: 40 },
        metrics: [
          { name: 'a', baseline: around(1), canary: around(1) },
          { name: 'b', direction: 'increase', baseline: around(1), canary: around(9) },
        ],
      }),
    );
    expect(healthFromReport(marginal).health).toBe('warning');
  });

  it('says unknown, not critical, before the canary has any samples', () => {
    expect(healthFromReport(report([]))).toMatchObject({
      health: 'unknown',
      reason: 'no canary samples yet',
    });
  });
});
