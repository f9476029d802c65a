const pad = (n: number): string => String(n).padStart(2, '0');

function parse(time: string | number): Date | null {
  const date = new Date(time);
  return Number.isNaN(date.getTime()) ? null : date;
}

/** "14:03:22" in UTC: the control room and the audit log speak UTC. */
export function formatClock(time: string | number): string {
  const d = parse(time);
  if (!d) return '—';
  return `${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}`;
}

/** "14:03" in UTC, for chart axes. */
export function formatHourMinute(time: number): string {
  const d = parse(time);
  if (!d) return '';
  return `${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}`;
}

/** "2025-11-27 14:03:22" in UTC. */
export function formatDateTime(time: string | number): string {
  const d = parse(time);
  if (!d) return String(time);
  return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())} ${formatClock(time)}`;
}
