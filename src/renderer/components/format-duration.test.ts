import { describe, expect, it } from 'vitest';
import { formatAge, formatDuration, formatSpan } from './format-duration';

describe('durations', () => {
  it('formats running timers compactly', () => {
    expect(formatDuration(12_000)).toBe('12s');
    expect(formatDuration(252_000)).toBe('4m 12s');
    expect(formatDuration(7_380_000)).toBe('2h 03m');
    expect(formatDuration(-5)).toBe('0s');
  });

  it('formats configured spans without padding', () => {
    expect(formatSpan(2700)).toBe('45m');
    expect(formatSpan(5400)).toBe('1h 30m');
    expect(formatSpan(90)).toBe('1m 30s');
  });

  it('formats ages', () => {
    expect(formatAge(12_000)).toBe('12 s');
    expect(formatAge(600_000)).toBe('10 min');
  });
});
