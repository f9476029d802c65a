// Wall-clock time in an IANA time zone, computed with the platform's Intl (no time-zone library):
// what a freeze window's "Fri 16:00 Europe/Berlin" is as an instant, and back. Shared because the
// core schedules with it and the renderer shows reopen times in the window's own zone.

/** A wall-clock reading: month 1-12, weekday 0 = Monday … 6 = Sunday. */
export interface WallClock {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
  weekday: number;
}

/** A local date and time without a zone: what config.yaml says. */
export type LocalDateTime = Pick<WallClock, 'year' | 'month' | 'day' | 'hour' | 'minute'>;

export const WEEKDAYS = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'] as const;
export type Weekday = (typeof WEEKDAYS)[number];

const DAY_MS = 86_400_000;
const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(zone: string): Intl.DateTimeFormat {
  let f = formatters.get(zone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone: zone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    formatters.set(zone, f);
  }
  return f;
}

/** True when the platform knows `zone` as an IANA time zone (or UTC). */
export function isTimeZone(zone: string): boolean {
  if (zone.trim() === '' || zone !== zone.trim()) return false;
  try {
    formatter(zone);
    return true;
  } catch {
    return false;
  }
}

/** Days since 1970-01-01 of a calendar date; pure calendar arithmetic, no zone. */
export function civilDay(year: number, month: number, day: number): number {
  return Math.floor(Date.UTC(year, month - 1, day) / DAY_MS);
}

/** 1970-01-01 was a Thursday (3 with Monday = 0). */
export function weekdayOfCivilDay(days: number): number {
  return (((days + 3) % 7) + 7) % 7;
}

export function wallClockOf(ms: number, zone: string): WallClock {
  const parts: Record<string, number> = {};
  for (const p of formatter(zone).formatToParts(ms))
    if (p.type !== 'literal') parts[p.type] = Number(p.value);
  const year = parts.year ?? 1970;
  const month = parts.month ?? 1;
  const day = parts.day ?? 1;
  return {
    year,
    month,
    day,
    hour: parts.hour ?? 0,
    minute: parts.minute ?? 0,
    second: parts.second ?? 0,
    weekday: weekdayOfCivilDay(civilDay(year, month, day)),
  };
}

/** How far the zone's wall clock is ahead of UTC at instant `ms`, in ms. */
function offsetAt(ms: number, zone: string): number {
  const w = wallClockOf(ms, zone);
  const wall = Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute, w.second);
  return wall - (ms - (((ms % 1000) + 1000) % 1000));
}

/**
 * The instant a local date-time names in `zone`. As Temporal's "compatible" disambiguation: a time
 * the clocks skip (spring forward) is read with the offset before the change, so 02:30 becomes
 * 03:30; a time that happens twice (fall back) is its first occurrence.
 */
export function instantOf(local: LocalDateTime, zone: string): number {
  const guess = Date.UTC(local.year, local.month - 1, local.day, local.hour, local.minute);
  // Zones change offset at most once in two days: the offsets a day either side are the candidates.
  const before = offsetAt(guess - DAY_MS, zone);
  const after = offsetAt(guess + DAY_MS, zone);
  const valid = [guess - before, guess - after].filter((t) => offsetAt(t, zone) === guess - t);
  return valid.length > 0 ? Math.min(...valid) : guess - before;
}

const pad = (n: number): string => String(n).padStart(2, '0');

/**
 * "Mon 08:00 Europe/Berlin" when it is within six days of `now`, else with its date
 * ("Mon 2025-12-01 08:00 Europe/Berlin"): what a person reads the reopen time as.
 */
export function zonedLabel(ms: number, zone: string, now: number): string {
  const w = wallClockOf(ms, zone);
  const date = Math.abs(ms - now) < 6 * DAY_MS ? '' : ` ${w.year}-${pad(w.month)}-${pad(w.day)}`;
  return `${WEEKDAYS[w.weekday] ?? ''}${date} ${pad(w.hour)}:${pad(w.minute)} ${zone}`;
}

/** "2 d 14 h", "3 h 05 min", "12 min", "under a minute": how long until a window opens or ends. */
export function spanWords(ms: number): string {
  const minutes = Math.floor(Math.max(0, ms) / 60_000);
  const days = Math.floor(minutes / 1440);
  const hours = Math.floor((minutes % 1440) / 60);
  const mins = minutes % 60;
  if (days > 0) return `${days} d ${hours} h`;
  if (hours > 0) return `${hours} h ${pad(mins)} min`;
  if (mins > 0) return `${mins} min`;
  return 'under a minute';
}

/** "Mon 08:00 Europe/Berlin (in 2 d 14 h)": when a freeze lifts or begins, and how long until then. */
export function zonedWhen(iso: string, zone: string, now: number): string {
  const t = Date.parse(iso);
  return `${zonedLabel(t, zone, now)} (in ${spanWords(t - now)})`;
}
