// Flag changes as delivery changes, read from the audit log. Pure. An enable or ramp up is a
// change; it failed when it had to be taken back: disabled or ramped down within the failure
// window, or while an incident was open (whatever its age: the incident is why it went).
import type { AuditRecord } from '../../../shared/domain';
import { INCIDENT_AUDIT_KINDS } from '../../../shared/incidents';
import { flagChangeDirection, flagChangeOf } from '../flags/flag-audit-record';

/** A revert this soon after the release says the release failed, incident or not. */
export const FLAG_FAILURE_WINDOW_MS = 24 * 3_600_000;

export interface FlagDeliveryEvent {
  /** The release's audit record: one change however many services the flag touches. */
  auditSeq: number;
  flag: string;
  environment: string;
  /** The services it touches; `flag:<key>` when it names none, so it still counts somewhere. */
  services: string[];
  releasedAt: number;
  /** When it was taken back as failed; absent when it stood (or was retired outside the window). */
  revertedAt?: number;
}

export function flagDeliveryEvents(records: readonly AuditRecord[]): FlagDeliveryEvent[] {
  const open = new Set<string>();
  const pending = new Map<string, FlagDeliveryEvent[]>();
  const events: FlagDeliveryEvent[] = [];
  for (const r of records) {
    if (r.kind === INCIDENT_AUDIT_KINDS.declared) open.add(r.target);
    if (r.kind === INCIDENT_AUDIT_KINDS.resolved) open.delete(r.target);
    const change = flagChangeOf(r);
    if (!change) continue;
    const d = change.details;
    const key = `${change.flag}\u0000${d.environment}`;
    const at = Date.parse(r.time);
    const direction = flagChangeDirection(d);
    if (direction === 'release') {
      const event: FlagDeliveryEvent = {
        auditSeq: r.seq,
        flag: change.flag,
        environment: d.environment,
        services: d.services.length > 0 ? d.services : [`flag:${change.flag}`],
        releasedAt: at,
      };
      events.push(event);
      pending.set(key, [...(pending.get(key) ?? []), event]);
    } else if (direction === 'revert') {
      for (const e of pending.get(key) ?? [])
        if (open.size > 0 || at - e.releasedAt <= FLAG_FAILURE_WINDOW_MS) e.revertedAt = at;
      // Taken back: a later enable is a new change, judged on its own.
      pending.delete(key);
    }
  }
  return events;
}
