import { describe, expect, it } from 'vitest';
import { judgement } from './canary-fixture';
import {
  formatDelta,
  formatEffectSize,
  formatPValue,
  formatSignedPercent,
  formatWindow,
  shiftText,
} from './canary-format';

describe('canary number formats', () => {
  it('p-values without false precision', () => {
    expect(formatPValue(1.2e-12)).toBe('< 0.001');
    expect(formatPValue(0.0004)).toBe('< 0.001');
    expect(formatPValue(0.004)).toBe('0.004');
    expect(formatPValue(0.0312)).toBe('0.03');
    expect(formatPValue(0.31)).toBe('0.31');
    expect(formatPValue(1)).toBe('> 0.99');
    expect(formatPValue(null)).toBe('—');
    expect(formatPValue(Number.NaN)).toBe('—');
  });

  it('signed percentages and mean ratios', () => {
    expect(formatSignedPercent(18.4)).toBe('+18%');
    expect(formatSignedPercent(-5.24)).toBe('-5.2%');
    expect(formatSignedPercent(0.042)).toBe('+0.04%');
    expect(formatSignedPercent(1234)).toBe('+1,234%');
    expect(formatSignedPercent(0)).toBe('0%');
    expect(formatEffectSize(1.18)).toBe('+18%');
    expect(formatEffectSize(0.95)).toBe('-5%');
    expect(formatEffectSize(7)).toBe('+600%');
    expect(formatEffectSize(null)).toBe('—');
  });

  it('differences in the unit, shares in percentage points', () => {
    expect(formatDelta(22, 'ms')).toBe('+22 ms');
    expect(formatDelta(-3.5, 'req/s')).toBe('-3.5 req/s');
    expect(formatDelta(0.012, 'ratio')).toBe('+1.2 pp');
    expect(formatDelta(-0.4, '%')).toBe('-0.4 pp');
    expect(formatDelta(0, 'ms')).toBe('0 ms');
    expect(formatDelta(null, 'ms')).toBe('—');
  });

  it('the shift with its CI, also as a share of the baseline median', () => {
    const m = judgement({ name: 'p99', unit: 'ms', estimate: 21.6, confidenceInterval: [14.4, 28.8] });
    m.baselineStats.median = 120;
    expect(shiftText(m)).toEqual({
      estimate: '+21.6 ms',
      percent: '+18%',
      ci: '+14.4 ms to +28.8 ms',
      ciPercent: '+12% to +24%',
    });
    m.baselineStats.median = 0;
    expect(shiftText(m).percent).toBeNull();
    expect(shiftText({ ...m, confidenceInterval: null }).ci).toBeNull();
  });

  it('the analysis window in UTC', () => {
    expect(formatWindow({ from: '2025-11-27T14:00:00Z', to: '2025-11-27T14:10:00Z' })).toBe(
      '2025-11-27 14:00:00 – 14:10:00 UTC (10m)',
    );
    expect(formatWindow({ from: '2025-11-27T23:55:00Z', to: '2025-11-28T00:05:00Z' })).toBe(
      '2025-11-27 23:55:00 – 2025-11-28 00:05:00 UTC (10m)',
    );
  });
});
