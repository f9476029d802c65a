import { describe, expect, it } from 'vitest';
import { liveReadingWindow } from './live-health';

describe('the live reading in words', () => {
  it('names its window and its age', () => {
    const to = Date.parse('2026-11-27T12:05:00Z');
    const window = { from: '2026-11-27T12:00:00.000Z', to: '2026-11-27T12:05:00.000Z' };
    expect(liveReadingWindow({ health: 'critical', healthWindow: window }, to + 3000)).toBe(
      'The judge over the last 5 min (12:00:00–12:05:00 UTC), read 3 s ago; not recorded as a run.',
    );
  });

  it('says when there is no reading, or when the phase decides', () => {
    expect(liveReadingWindow({ health: 'unknown' }, 0)).toBe('No reading yet.');
    expect(liveReadingWindow({ health: 'healthy' }, 0)).toBe(
      'From the rollout’s phase: no canary takes traffic.',
    );
  });
});
