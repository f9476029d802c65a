import { describe, expect, it } from 'vitest';
import { amount, ratioAsChange, signedAmount, signedPercent } from './reason-format';

describe('reason numbers', () => {
  it('prints changes in percent with sensible precision', () => {
    expect(signedPercent(0.18)).toBe('+18%');
    expect(signedPercent(-0.052)).toBe('-5.2%');
    expect(signedPercent(0.0004)).toBe('+0.04%');
    expect(signedPercent(6)).toBe('+600%');
    expect(signedPercent(123.456)).toBe('+12,346%');
    expect(signedPercent(0)).toBe('0%');
    expect(signedPercent(Number.POSITIVE_INFINITY)).toBe('+∞%');
    expect(signedPercent(1e300)).toBe('+1.0e+302%');
  });

  it('prints amounts in the unit, shares in percentage points', () => {
    expect(amount(142.345, 'ms')).toBe('142 ms');
    expect(amount(0.0021, 'ratio')).toBe('0.21%');
    expect(signedAmount(22, 'ms')).toBe('+22 ms');
    expect(signedAmount(0.0012, 'ratio')).toBe('+0.12 pp');
    expect(signedAmount(-3, undefined)).toBe('-3');
  });

  it('prints a ratio as the change it allows', () => {
    expect(ratioAsChange(1.1)).toBe('+10%');
    expect(ratioAsChange(0.9)).toBe('-10%');
  });
});
