import { describe, expect, it } from 'vitest';
import { boundLines } from './chart-bounds';

describe('boundLines', () => {
  it('scales the allowances by the baseline mean, in the metric’s unit', () => {
    expect(boundLines({ allowedIncrease: 1.5, criticalIncrease: 3 }, 0.01)).toEqual([
      { kind: 'allowed', direction: 'increase', value: 0.015, label: 'allowed +50%' },
      { kind: 'critical', direction: 'increase', value: 0.03, label: 'critical ×3' },
    ]);
    expect(boundLines({ allowedDecrease: 0.8 }, 200)).toEqual([
      { kind: 'allowed', direction: 'decrease', value: 160, label: 'allowed -20%' },
    ]);
  });

  it('draws nothing without a baseline mean to scale', () => {
    expect(boundLines({ allowedIncrease: 1.5 }, null)).toEqual([]);
    expect(boundLines({ allowedIncrease: 1.5 }, 0)).toEqual([]);
    expect(boundLines(undefined, 3)).toEqual([]);
  });
});
