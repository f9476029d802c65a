import { describe, expect, it } from 'vitest';
import { isoToUtcField, rangeProblem, utcFieldToIso } from './time-range';

describe('the audit time range', () => {
  it('reads the fields as UTC and sends ISO 8601', () => {
    expect(utcFieldToIso('2026-11-27T12:00')).toBe('2026-11-27T12:00:00.000Z');
    expect(utcFieldToIso('2026-11-27T12:00:30')).toBe('2026-11-27T12:00:30.000Z');
    expect(utcFieldToIso('')).toBeUndefined();
    expect(utcFieldToIso('yesterday')).toBeUndefined();
    expect(isoToUtcField(Date.parse('2026-11-27T09:05:07.900Z'))).toBe('2026-11-27T09:05:07');
  });

  it('says what is wrong with a range, and accepts open ends', () => {
    expect(rangeProblem('', '')).toBeUndefined();
    expect(rangeProblem('2026-11-27T12:00', '')).toBeUndefined();
    expect(rangeProblem('2026-11-27T12:00', '2026-11-27T11:00')).toBe('To is before From');
    expect(rangeProblem('2026-13-45T99:00', '')).toBe('From is not a date and time');
  });
});
