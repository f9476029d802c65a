// When a scheduled freeze window is in force, when it reopens and when it next closes, from a fixed
// instant: pure (no clock of its own), so tests pin the time, DST changes and week wraps included.
// Weekly spans are local wall-clock times in the window's zone; each week's occurrences are turned
// into instants with Intl, so "Fri 16:00 Europe/Berlin" stays 16:00 in Berlin across DST changes.
import { civilDay, instantOf, wallClockOf, type LocalDateTime } from '../../../shared/zoned-time';

/** A time of the week: day 0 = Monday … 6 = Sunday, minute of that day 0 … 1439. */
export interface WeekTime {
  day: number;
  minute: number;
}

/** From one week time to the next occurrence of another (to <= from wraps into the next week). */
export interface WeeklySpan {
  from: WeekTime;
  to: WeekTime;
}

export type WindowSchedule =
  { kind: 'once'; start: LocalDateTime; end: LocalDateTime } | { kind: 'weekly'; spans: WeeklySpan[] };

export interface ScheduledWindow {
  /** IANA zone the schedule's local times are in. */
  timezone: string;
  schedule: WindowSchedule;
}

export interface WindowState {
  inForce: boolean;
  /** While in force: when it reopens (the end of this closure, spans that touch joined). */
  until?: number;
  /** The next closure after now (or after `until`): when it starts and ends. None once a one-off is over. */
  nextStart?: number;
  nextEnd?: number;
}

const WEEK_MINUTES = 7 * 1440;
const DAY_MS = 86_400_000;

const weekMinute = (t: WeekTime): number => t.day * 1440 + t.minute;

/** A span's length in minutes of the week (1 … 10080); from == to is a whole week. */
function spanMinutes(span: WeeklySpan): number {
  const length = (weekMinute(span.to) - weekMinute(span.from) + WEEK_MINUTES) % WEEK_MINUTES;
  return length === 0 ? WEEK_MINUTES : length;
}

/** True when the spans together cover every minute of the week: such a window never ends. */
export function coversWholeWeek(spans: readonly WeeklySpan[]): boolean {
  const covered = new Uint8Array(WEEK_MINUTES);
  for (const span of spans) {
    const start = weekMinute(span.from);
    const length = spanMinutes(span);
    for (let i = 0; i < length; i++) covered[(start + i) % WEEK_MINUTES] = 1;
  }
  return covered.every((c) => c === 1);
}

function localAt(day: number, minute: number): LocalDateTime {
  const d = new Date(day * DAY_MS);
  return {
    year: d.getUTCFullYear(),
    month: d.getUTCMonth() + 1,
    day: d.getUTCDate(),
    hour: Math.floor(minute / 60),
    minute: minute % 60,
  };
}

interface Closure {
  start: number;
  end: number;
}

/** Weekly occurrences from the week before `t`'s to three weeks after, as instants. */
function weeklyClosures(spans: readonly WeeklySpan[], zone: string, t: number): Closure[] {
  const w = wallClockOf(t, zone);
  const monday = civilDay(w.year, w.month, w.day) - w.weekday;
  const closures: Closure[] = [];
  for (let week = -1; week <= 3; week++) {
    for (const span of spans) {
      const from = monday + 7 * week + span.from.day;
      const endMinute = weekMinute(span.from) + spanMinutes(span);
      const to = monday + 7 * week + Math.floor(endMinute / 1440);
      const start = instantOf(localAt(from, span.from.minute), zone);
      const end = instantOf(localAt(to, endMinute % 1440), zone);
      // A span inside a skipped DST hour can come out empty: it closes nothing that week.
      if (end > start) closures.push({ start, end });
    }
  }
  return closures;
}

/** Sorted, with overlapping or touching closures joined: Fri–Sat and Sat–Mon reopen on Monday. */
function joined(closures: Closure[]): Closure[] {
  const out: Closure[] = [];
  for (const c of [...closures].sort((a, b) => a.start - b.start)) {
    const last = out.at(-1);
    if (last && c.start <= last.end) last.end = Math.max(last.end, c.end);
    else out.push({ ...c });
  }
  return out;
}

export function windowState(window: ScheduledWindow, t: number): WindowState {
  const { schedule, timezone } = window;
  const closures =
    schedule.kind === 'once'
      ? [{ start: instantOf(schedule.start, timezone), end: instantOf(schedule.end, timezone) }]
      : joined(weeklyClosures(schedule.spans, timezone, t));
  const current = closures.find((c) => c.start <= t && t < c.end);
  const after = current ? current.end : t;
  const next = closures.find((c) => c.start > after);
  return {
    inForce: current !== undefined,
    ...(current ? { until: current.end } : {}),
    ...(next ? { nextStart: next.start, nextEnd: next.end } : {}),
  };
}
