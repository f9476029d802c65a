import { describe, expect, it } from 'vitest';
import { judgeInputSchema } from '../../../shared/canary';
import { judge } from './judge';
import { healthFromReport, isReadingOf } from './verdict-health';

const SUBJECT = { canaryVersion: '2.4.0', startedAt: '2026-11-27T12:00:00.000Z' };

const around = (centre: number) => [-6, -5, -4, -3, -2, -1, 1, 2, 3, 4, 5, 6].map((d) => centre + d * 0.25);
const report = (canary: number[]) =>
  judge(
    judgeInputSchema.parse({
      metrics: [{ name: 'p99', direction: 'increase', allowedIncrease: 1.1, baseline: around(100), canary }],
    }),
  );

describe('healthFromReport', () => {
  it('maps pass, marginal and fail to healthy, warning and critical, with the report reason', () => {
    expect(healthFromReport(report(around(100)), SUBJECT)).toMatchObject({ health: 'healthy', score: 100 });
    const failing = healthFromReport(report(around(130)), SUBJECT);
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
    expect(healthFromReport(marginal, SUBJECT).health).toBe('warning');
  });

  it('says unknown, not critical, before the canary has any samples', () => {
    expect(healthFromReport(report([]), SUBJECT)).toMatchObject({
      health: 'unknown',
      reason: 'no canary samples yet',
    });
  });

  it('remembers which generation it judged: another version or a restart is not it', () => {
    const reading = healthFromReport(report(around(130)), SUBJECT);
    expect(isReadingOf(reading, SUBJECT)).toBe(true);
    expect(isReadingOf(reading, { ...SUBJECT, canaryVersion: '2.4.1' })).toBe(false);
    expect(isReadingOf(reading, { ...SUBJECT, startedAt: '2026-11-27T12:05:00.000Z' })).toBe(false);
  });
});
