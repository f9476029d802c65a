import { describe, expect, it } from 'vitest';
import { formatMetric } from './metric-format';

describe('metric values', () => {
  it('shows ratios as percentages', () => {
    expect(formatMetric(0.0174, 'ratio')).toBe('1.74%');
    expect(formatMetric(0.028, 'ratio')).toBe('2.8%');
  });

  it('keeps three significant digits and the unit', () => {
    expect(formatMetric(324.4, 'ms')).toBe('324 ms');
    expect(formatMetric(69.25, 'ms')).toBe('69.3 ms');
    expect(formatMetric(null, 'ms')).toBe('—');
  });
});
