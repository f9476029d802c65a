// The audit view's time range: typed in UTC (the log's zone) into datetime-local fields, sent to
// audit.list as ISO 8601.

const pad = (n: number): string => String(n).padStart(2, '0');

/** "2026-11-27T12:00" or "…T12:00:30" read as UTC; undefined when empty or not a time. */
export function utcFieldToIso(value: string): string | undefined {
  const trimmed = value.trim();
  if (!/^\d{4}-\d\d-\d\dT\d\d:\d\d(:\d\d(\.\d+)?)?$/.test(trimmed)) return undefined;
  const ms = Date.parse(`${trimmed}Z`);
  return Number.isNaN(ms) ? undefined : new Date(ms).toISOString();
}

/** The datetime-local value (UTC, to the second) for a time in ms. */
export function isoToUtcField(ms: number): string {
  const d = new Date(ms);
  return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}T${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}`;
}

/** Quick ranges, back from the backend's clock. */
export const RANGE_PRESETS = [
  { label: 'Last 15 min', ms: 15 * 60_000 },
  { label: 'Last hour', ms: 3_600_000 },
  { label: 'Last 24 h', ms: 86_400_000 },
] as const;

/** Why the range cannot be used, or undefined when it can (either end may be open). */
export function rangeProblem(from: string, to: string): string | undefined {
  if (from.trim() !== '' && utcFieldToIso(from) === undefined) return 'From is not a date and time';
  if (to.trim() !== '' && utcFieldToIso(to) === undefined) return 'To is not a date and time';
  const a = utcFieldToIso(from);
  const b = utcFieldToIso(to);
  if (a !== undefined && b !== undefined && a > b) return 'To is before From';
  return undefined;
}
