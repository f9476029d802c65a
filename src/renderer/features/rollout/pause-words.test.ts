import { describe, expect, it } from 'vitest';
import { countdownText, pauseText } from './pause-words';

const since = '2026-11-27T11:48:00.000Z';
const at = (iso: string) => Date.parse(iso);

describe('a pause condition in words', () => {
  it('counts a timed pause down to when the controller resumes by itself', () => {
    const c = { reason: 'pause-step' as const, since, until: '2026-11-27T11:58:00.000Z' };
    expect(pauseText(c, at('2026-11-27T11:53:48.000Z'))).toBe('resumes in 4m 12s');
    expect(pauseText(c, at('2026-11-27T11:57:59.000Z'))).toBe('resumes in 1s');
    expect(countdownText(c.until, at('2026-11-27T11:58:00.000Z'))).toBe('resuming…');
  });

  it('says an untimed pause step waits for a person, since when', () => {
    const c = { reason: 'pause-step' as const, since };
    expect(pauseText(c, at('2026-11-27T11:52:00.000Z'))).toBe(
      'waiting for a person to promote since 11:48:00 UTC (4 min ago)',
    );
    expect(pauseText({ reason: 'blue-green-promotion', since }, at('2026-11-27T11:48:30.000Z'))).toBe(
      'waiting for a person to promote since 11:48:00 UTC (30 s ago)',
    );
    // With auto-promotion the controller promotes the preview itself: nobody is waited for.
    expect(pauseText({ reason: 'blue-green-promotion', since }, at('2026-11-27T11:48:30.000Z'), true)).toBe(
      'the controller promotes it by itself (auto-promotion); paused since 11:48:00 UTC (30 s ago)',
    );
  });

  it('says an inconclusive analysis waits for promote or abort, and who holds a manual pause', () => {
    const now = at('2026-11-27T12:48:00.000Z');
    expect(pauseText({ reason: 'analysis-inconclusive', since }, now)).toBe(
      'waiting for a person to promote or abort since 11:48:00 UTC (60 min ago)',
    );
    expect(pauseText({ reason: 'manual', since, actor: 'alice' }, now)).toBe(
      'held by alice since 11:48:00 UTC (60 min ago)',
    );
  });
});
