// `freezeWindows:` in config.yaml: scheduled deny windows, in the manner of Argo CD's sync windows
// (kind: deny) but written as people say them: "Fri 16:00" to "Mon 08:00" in a time zone, or a
// one-off start and end. Every refusal names the field (and so, through the YAML reader, the line).
import { z } from 'zod';
import { text } from '../../../shared/api/text-input';
import type { FreezeWindowSettings } from '../../../shared/freeze-windows';
import { isTimeZone, WEEKDAYS, type LocalDateTime } from '../../../shared/zoned-time';
import { coversWholeWeek, type WeeklySpan, type WindowSchedule } from './window-schedule';

/** A window as the core uses it: its settings as written, and the schedule they say. */
export interface FreezeWindow {
  name: string;
  environments?: string[];
  timezone: string;
  reason?: string;
  schedule: WindowSchedule;
  settings: FreezeWindowSettings;
}

const DAY_NAMES = ['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday'];

/** 0 = Monday, from "Fri", "fri" or "Friday"; undefined otherwise. */
function dayOf(word: string): number | undefined {
  const w = word.toLowerCase();
  const i = DAY_NAMES.findIndex((d) => d === w || d.slice(0, 3) === w);
  return i < 0 ? undefined : i;
}

/** Minute of the day from "16:00" or "6:30"; or why not. */
function minuteOf(clock: string): number | string {
  const m = /^(\d{1,2}):(\d{2})$/.exec(clock);
  if (!m) return `"${clock}" is not a time like 16:00 (24-hour HH:MM)`;
  const hour = Number(m[1]);
  const minute = Number(m[2]);
  if (hour === 24 && minute === 0) return `"${clock}": write 00:00 of the next day instead of 24:00`;
  if (hour > 23 || minute > 59) return `"${clock}" is not a time of day (00:00 to 23:59)`;
  return hour * 60 + minute;
}

/** A week time from "Fri 16:00"; or why not. */
function weekTimeOf(value: string): { day: number; minute: number } | string {
  const m = /^(\S+)\s+(\S+)$/.exec(value.trim());
  if (!m?.[1] || !m[2]) return `"${value}" is not a day and time like "Fri 16:00"`;
  const day = dayOf(m[1]);
  if (day === undefined) return `"${m[1]}" is not a day of the week (${WEEKDAYS.join(', ')})`;
  const minute = minuteOf(m[2]);
  return typeof minute === 'string' ? minute : { day, minute };
}

/** A local date-time from "2025-12-24T18:00" (or with a space, or :00 seconds); or why not. */
function localOf(value: string): LocalDateTime | string {
  if (/(Z|[+-]\d{2}:?\d{2})$/i.test(value.trim()) && /T|\s/.test(value))
    return `"${value}" has a UTC offset: write the local date-time (2025-12-24T18:00) and set timezone instead`;
  const m = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::00)?$/.exec(value.trim());
  if (!m) return `"${value}" is not a local date-time like 2025-12-24T18:00`;
  const [year, month, day, hour, minute] = m.slice(1).map(Number) as [number, number, number, number, number];
  const check = new Date(Date.UTC(year, month - 1, day));
  if (check.getUTCMonth() !== month - 1 || check.getUTCDate() !== day)
    return `"${value}": ${year}-${m[2]}-${m[3]} is not a date`;
  if (hour > 23 || minute > 59) return `"${value}": ${m[4]}:${m[5]} is not a time of day (00:00 to 23:59)`;
  return { year, month, day, hour, minute };
}

const order = (l: LocalDateTime): number => Date.UTC(l.year, l.month - 1, l.day, l.hour, l.minute);

const windowSchema = z
  .object({
    name: text()
      .min(1, 'a freeze window needs a name')
      .max(60)
      .regex(
        /^[A-Za-z0-9][A-Za-z0-9 ._-]*$/,
        'must start with a letter or digit; letters, digits, space, . _ -',
      ),
    /** Absent: every environment. */
    environments: z
      .array(text().trim().min(1, 'an environment name is empty').max(100))
      .min(1, 'lists no environment: leave environments out to freeze every environment')
      .optional(),
    timezone: text()
      .default('UTC')
      .refine(isTimeZone, {
        error: (issue) =>
          `"${String(issue.input)}" is not an IANA time zone (e.g. Europe/Berlin, America/New_York, UTC)`,
      }),
    start: text().optional(),
    end: text().optional(),
    weekly: z
      .object({
        from: text(),
        to: text(),
        /** With days, from and to are times of day: every one of those days, from → to. */
        days: z.array(text()).min(1, 'lists no day: leave days out, or name some').optional(),
      })
      .strict()
      .optional(),
    reason: text().trim().min(1, 'is empty: leave it out or say why releases wait').max(500).optional(),
  })
  .strict()
  .transform((w, ctx): FreezeWindow => {
    const fail = (path: string[], message: string) => {
      ctx.addIssue({ code: 'custom', path, message });
      return z.NEVER;
    };
    const once = w.start !== undefined || w.end !== undefined;
    if (once && w.weekly)
      return fail(['weekly'], 'a window is either one-off (start, end) or weekly, not both');
    let schedule: WindowSchedule;
    if (w.weekly) {
      const { from, to, days } = w.weekly;
      let spans: WeeklySpan[];
      if (days) {
        const start = minuteOf(from);
        if (typeof start === 'string') return fail(['weekly', 'from'], start);
        const end = minuteOf(to);
        if (typeof end === 'string') return fail(['weekly', 'to'], end);
        if (start === end)
          return fail(
            ['weekly', 'to'],
            `from and to are both ${from}: the window would never end (to before from runs into the next morning)`,
          );
        const numbers: number[] = [];
        for (const [i, d] of days.entries()) {
          const n = dayOf(d);
          if (n === undefined)
            return fail(
              ['weekly', 'days', String(i)],
              `"${d}" is not a day of the week (${WEEKDAYS.join(', ')})`,
            );
          if (numbers.includes(n)) return fail(['weekly', 'days', String(i)], `${d} is listed twice`);
          numbers.push(n);
        }
        // to before from runs into the next morning: Mon 18:00 → Tue 08:00.
        spans = numbers.map((day) => ({
          from: { day, minute: start },
          to: { day: end > start ? day : (day + 1) % 7, minute: end },
        }));
      } else {
        const start = weekTimeOf(from);
        if (typeof start === 'string') return fail(['weekly', 'from'], start);
        const end = weekTimeOf(to);
        if (typeof end === 'string') return fail(['weekly', 'to'], end);
        if (start.day === end.day && start.minute === end.minute)
          return fail(
            ['weekly', 'to'],
            `from and to are both ${from}: the window would cover the whole week and never end`,
          );
        spans = [{ from: start, to: end }];
      }
      if (coversWholeWeek(spans))
        return fail(['weekly'], 'these times cover the whole week: the window would never end');
      schedule = { kind: 'weekly', spans };
    } else {
      if (w.start === undefined && w.end === undefined)
        return fail(
          [],
          'needs a schedule: start and end (one-off), or weekly: { from: "Fri 16:00", to: "Mon 08:00" }',
        );
      if (w.start === undefined) return fail(['start'], 'an end without a start: give start too');
      const start = localOf(w.start);
      if (typeof start === 'string') return fail(['start'], start);
      if (w.end === undefined)
        return fail(
          ['end'],
          'a start without an end: a freeze window that never ends is refused (give end, or declare an incident for a freeze until the root cause is known)',
        );
      const end = localOf(w.end);
      if (typeof end === 'string') return fail(['end'], end);
      if (order(end) <= order(start))
        return fail(
          ['end'],
          `${w.end} is ${order(end) === order(start) ? 'the same as' : 'before'} start ${w.start}`,
        );
      schedule = { kind: 'once', start, end };
    }
    const { timezone, ...rest } = w;
    return {
      name: w.name,
      timezone,
      schedule,
      ...(w.environments ? { environments: w.environments } : {}),
      ...(w.reason ? { reason: w.reason } : {}),
      settings: { ...rest, timezone },
    };
  });

export const freezeWindowsSchema = z.array(windowSchema).superRefine((windows, ctx) => {
  const seen = new Set<string>();
  windows.forEach((w, i) => {
    const key = w.name.toLowerCase();
    if (seen.has(key))
      ctx.addIssue({
        code: 'custom',
        path: [i, 'name'],
        message: `"${w.name}" names another window too: names must differ`,
      });
    seen.add(key);
  });
});
