import { describe, expect, it } from 'vitest';
import { drillClockAt, offsetWords } from './drill-words';

const status = {
  offset: 60_000,
  durationMs: 30 * 60_000,
  speed: 60,
  simulatedTime: '2026-03-04T09:01:00.000Z',
};

describe('the drill clock on screen', () => {
  it('moves on at the drill’s speed between reads while it runs', () => {
    const clock = drillClockAt({ ...status, state: 'running' }, 1_000, 3_000);
    expect(clock.offset).toBe(60_000 + 2 * 60 * 1000);
    expect(new Date(clock.time).toISOString()).toBe('2026-03-04T09:03:00.000Z');
  });

  it('stands still while paused, ready or ended, and never runs past the drill’s end', () => {
    for (const state of ['paused', 'ready', 'ended'] as const)
      expect(drillClockAt({ ...status, state }, 1_000, 60_000).offset).toBe(60_000);
    expect(drillClockAt({ ...status, state: 'running' }, 0, 3_600_000).offset).toBe(30 * 60_000);
  });

  it('writes offsets as the scorecard does', () => {
    expect(offsetWords(0)).toBe('+00:00');
    expect(offsetWords(320_000)).toBe('+05:20');
    expect(offsetWords(3_723_000)).toBe('+1:02:03');
  });
});
