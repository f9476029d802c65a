// The freeze window form's fields and the window config.yaml gets from them, and back. The times
// stay as typed: the control room's config schema judges them and names the field that is wrong.
import type { FreezeWindowSettings } from '../../../shared/freeze-windows';

export interface FreezeWindowDraft {
  name: string;
  /** Comma-separated; empty: every environment. */
  environments: string;
  timezone: string;
  kind: 'weekly' | 'once';
  /** Weekly: "Fri 16:00", or times of day when days are named. */
  from: string;
  to: string;
  /** Comma-separated days ("Mon, Tue"); empty: from and to name their days. */
  days: string;
  /** One-off: local date-times, as a datetime-local input gives them. */
  start: string;
  end: string;
  reason: string;
}

export type FreezeWindowField =
  'name' | 'environments' | 'timezone' | 'from' | 'to' | 'days' | 'start' | 'end' | 'reason';

/** The zone this browser is in: the likeliest one for a new window. */
export function localTimeZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
}

export function emptyWindowDraft(): FreezeWindowDraft {
  return {
    name: '',
    environments: '',
    timezone: localTimeZone(),
    kind: 'weekly',
    from: 'Fri 16:00',
    to: 'Mon 08:00',
    days: '',
    start: '',
    end: '',
    reason: '',
  };
}

const list = (text: string): string[] =>
  text
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s !== '');

export function windowDraftOf(s: FreezeWindowSettings): FreezeWindowDraft {
  return {
    name: s.name,
    environments: (s.environments ?? []).join(', '),
    timezone: s.timezone ?? 'UTC',
    kind: s.weekly ? 'weekly' : 'once',
    from: s.weekly?.from ?? 'Fri 16:00',
    to: s.weekly?.to ?? 'Mon 08:00',
    days: (s.weekly?.days ?? []).join(', '),
    start: s.start?.replace(' ', 'T').slice(0, 16) ?? '',
    end: s.end?.replace(' ', 'T').slice(0, 16) ?? '',
    reason: s.reason ?? '',
  };
}

export function windowSettingsOf(d: FreezeWindowDraft): FreezeWindowSettings {
  const environments = list(d.environments);
  const days = list(d.days);
  return {
    name: d.name.trim(),
    ...(environments.length > 0 ? { environments } : {}),
    timezone: d.timezone.trim() || 'UTC',
    ...(d.kind === 'weekly'
      ? { weekly: { ...(days.length > 0 ? { days } : {}), from: d.from.trim(), to: d.to.trim() } }
      : { start: d.start.trim(), ...(d.end.trim() ? { end: d.end.trim() } : {}) }),
    ...(d.reason.trim() ? { reason: d.reason.trim() } : {}),
  };
}

/** The form field an API error's field names: `window.weekly.days.1` → days, `window` → none. */
export function windowFieldOf(field: string | undefined): FreezeWindowField | undefined {
  const [top, key, sub] = (field ?? '').split('.');
  if (top !== 'window' || key === undefined) return undefined;
  if (key === 'weekly') return sub === 'from' || sub === 'to' || sub === 'days' ? sub : 'from';
  return (['name', 'environments', 'timezone', 'start', 'end', 'reason'] as const).find((f) => f === key);
}
