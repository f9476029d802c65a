import { describe, expect, it } from 'vitest';
import { instantOf, zonedLabel } from '../../../shared/zoned-time';
import { coversWholeWeek, windowState, type ScheduledWindow } from './window-schedule';

const at = (iso: string): number => Date.parse(iso);
const iso = (ms: number | undefined): string | undefined =>
  ms === undefined ? undefined : new Date(ms).toISOString();

const FRI = 4;
const MON = 0;
const SUN = 6;
const weekend = (timezone: string): ScheduledWindow => ({
  timezone,
  schedule: {
    kind: 'weekly',
    spans: [{ from: { day: FRI, minute: 16 * 60 }, to: { day: MON, minute: 8 * 60 } }],
  },
});

describe('a weekly window Fri 16:00 → Mon 08:00 Europe/Berlin', () => {
  const w = weekend('Europe/Berlin');

  it('is in force over the weekend and reopens on Monday 08:00 Berlin time (summer: UTC+2)', () => {
    const s = windowState(w, at('2025-06-14T10:00:00Z'));
    expect(s.inForce).toBe(true);
    expect(iso(s.until)).toBe('2025-06-16T06:00:00.000Z');
    expect(iso(s.nextStart)).toBe('2025-06-20T14:00:00.000Z');
  });

  it('is open a minute before Friday 16:00 and names when it closes and reopens', () => {
    const s = windowState(w, at('2025-06-13T13:59:00Z'));
    expect(s).toEqual({
      inForce: false,
      nextStart: at('2025-06-13T14:00:00Z'),
      nextEnd: at('2025-06-16T06:00:00Z'),
    });
    expect(windowState(w, at('2025-06-13T14:00:00Z')).inForce).toBe(true);
    // The end is exclusive: at 08:00 sharp releases are open again.
    expect(windowState(w, at('2025-06-16T06:00:00Z')).inForce).toBe(false);
  });

  it('crosses the spring DST change: closes 16:00 CET, reopens 08:00 CEST (63 hours later)', () => {
    const s = windowState(w, at('2025-03-29T12:00:00Z'));
    expect(s.inForce).toBe(true);
    expect(iso(s.until)).toBe('2025-03-31T06:00:00.000Z');
    expect(windowState(w, at('2025-03-28T14:59:00Z')).inForce).toBe(false);
    expect(windowState(w, at('2025-03-28T15:00:00Z')).inForce).toBe(true);
  });

  it('crosses the autumn DST change: closes 16:00 CEST, reopens 08:00 CET (65 hours later)', () => {
    const s = windowState(w, at('2025-10-26T12:00:00Z'));
    expect(iso(s.until)).toBe('2025-10-27T07:00:00.000Z');
    expect(windowState(w, at('2025-10-24T13:59:00Z')).nextStart).toBe(at('2025-10-24T14:00:00Z'));
    expect(zonedLabel(s.until ?? 0, 'Europe/Berlin', at('2025-10-26T12:00:00Z'))).toBe(
      'Mon 08:00 Europe/Berlin',
    );
  });
});

describe('week wrap', () => {
  it('Sun 22:00 → Mon 02:00 UTC is in force on both sides of midnight', () => {
    const w: ScheduledWindow = {
      timezone: 'UTC',
      schedule: {
        kind: 'weekly',
        spans: [{ from: { day: SUN, minute: 22 * 60 }, to: { day: MON, minute: 120 } }],
      },
    };
    expect(iso(windowState(w, at('2025-06-15T23:00:00Z')).until)).toBe('2025-06-16T02:00:00.000Z');
    // Monday 01:00 is in the closure that began in the previous (Monday-based) week.
    expect(iso(windowState(w, at('2025-06-16T01:00:00Z')).until)).toBe('2025-06-16T02:00:00.000Z');
    expect(iso(windowState(w, at('2025-06-16T02:00:00Z')).nextStart)).toBe('2025-06-22T22:00:00.000Z');
  });

  it('weekday nights (to before from) run into the next morning; the weekend is open', () => {
    const spans = [0, 1, 2, 3, 4].map((day) => ({
      from: { day, minute: 18 * 60 },
      to: { day: day + 1, minute: 8 * 60 },
    }));
    const w: ScheduledWindow = { timezone: 'UTC', schedule: { kind: 'weekly', spans } };
    expect(iso(windowState(w, at('2025-06-13T20:00:00Z')).until)).toBe('2025-06-14T08:00:00.000Z');
    const saturday = windowState(w, at('2025-06-14T12:00:00Z'));
    expect(saturday.inForce).toBe(false);
    expect(iso(saturday.nextStart)).toBe('2025-06-16T18:00:00.000Z');
  });

  it('spans that touch are one closure: it reopens at the end of the last', () => {
    const w: ScheduledWindow = {
      timezone: 'UTC',
      schedule: {
        kind: 'weekly',
        spans: [
          { from: { day: FRI, minute: 18 * 60 }, to: { day: 5, minute: 0 } },
          { from: { day: 5, minute: 0 }, to: { day: MON, minute: 6 * 60 } },
        ],
      },
    };
    expect(iso(windowState(w, at('2025-06-13T19:00:00Z')).until)).toBe('2025-06-16T06:00:00.000Z');
  });
});

describe('a one-off window', () => {
  const w: ScheduledWindow = {
    timezone: 'America/New_York',
    schedule: {
      kind: 'once',
      start: { year: 2025, month: 11, day: 28, hour: 0, minute: 0 },
      end: { year: 2025, month: 12, day: 1, hour: 9, minute: 0 },
    },
  };

  it('is scheduled before, in force during (until its end), and over after', () => {
    expect(windowState(w, at('2025-11-27T12:00:00Z'))).toEqual({
      inForce: false,
      nextStart: at('2025-11-28T05:00:00Z'),
      nextEnd: at('2025-12-01T14:00:00Z'),
    });
    expect(iso(windowState(w, at('2025-11-29T00:00:00Z')).until)).toBe('2025-12-01T14:00:00.000Z');
    expect(windowState(w, at('2025-12-01T14:00:00Z'))).toEqual({ inForce: false });
  });
});

describe('local times the clocks skip or repeat', () => {
  it('a time inside the spring gap is read with the offset before it (02:30 → 03:30 CEST)', () => {
    const t = instantOf({ year: 2025, month: 3, day: 30, hour: 2, minute: 30 }, 'Europe/Berlin');
    expect(iso(t)).toBe('2025-03-30T01:30:00.000Z');
  });

  it('a time the autumn change repeats is its first occurrence (01:30 EDT)', () => {
    const t = instantOf({ year: 2025, month: 11, day: 2, hour: 1, minute: 30 }, 'America/New_York');
    expect(iso(t)).toBe('2025-11-02T05:30:00.000Z');
  });
});

describe('never ends', () => {
  it('every day 08:00 → 08:00 the next day covers the whole week; 08:00 → 07:59 leaves a minute open', () => {
    const every = (toMinute: number) =>
      [0, 1, 2, 3, 4, 5, 6].map((day) => ({
        from: { day, minute: 480 },
        to: { day: (day + 1) % 7, minute: toMinute },
      }));
    expect(coversWholeWeek(every(480))).toBe(true);
    expect(coversWholeWeek(every(479))).toBe(false);
    expect(coversWholeWeek([{ from: { day: FRI, minute: 960 }, to: { day: FRI, minute: 960 } }])).toBe(true);
  });
});
