// The words a freeze is refused with, on the buttons, in the CLI and in the refusal error.
import type { Incident } from '../../../shared/incidents';

/** "10:02 UTC" for today, with the date otherwise, so a commander reads it at a glance. */
export function clockTime(iso: string, now: number): string {
  const hhmm = `${iso.slice(11, 16)} UTC`;
  return iso.slice(0, 10) === new Date(now).toISOString().slice(0, 10) ? hhmm : `${iso.slice(0, 10)} ${hhmm}`;
}

export function incidentFreezeReason(incident: Incident, now: number): string {
  return (
    `Releases are frozen: ${incident.id} “${incident.title}” (${incident.severity}, commander ${incident.commander}) ` +
    `is open since ${clockTime(incident.declaredAt, now)}. Pause, abort and undo stay allowed; override with a reason.`
  );
}
