// The flag changes of the audit log, read once and then only the records appended since, so a
// rollout's detail can show the flag flips on its service without rescanning the whole log.
import type { AuditRecord, TimelineEvent } from '../../../shared/domain';
import { flagChangeOf, type FlagChangeRecord } from './flag-audit-record';

export class FlagChangeLog {
  private readCount = 0;
  private firstSeq: number | undefined;
  private changes: FlagChangeRecord[] = [];

  constructor(private readonly history: () => readonly AuditRecord[]) {}

  /** Every flag change in log order. */
  all(): readonly FlagChangeRecord[] {
    const records = this.history();
    // A log that shrank or was replaced (a restored workspace) is read again from the start.
    if (records.length < this.readCount || records[0]?.seq !== this.firstSeq) {
      this.readCount = 0;
      this.changes = [];
      this.firstSeq = records[0]?.seq;
    }
    for (let i = this.readCount; i < records.length; i++) {
      const record = records[i];
      const change = record ? flagChangeOf(record) : undefined;
      if (change) this.changes.push(change);
    }
    this.readCount = records.length;
    return this.changes;
  }

  /** The changes to flags touching the service in the environment, at or after `from` (ISO). */
  touching(service: string, environment: string, from: string): FlagChangeRecord[] {
    const since = Date.parse(from);
    return this.all().filter(
      (c) =>
        c.details.environment === environment &&
        c.details.services.includes(service) &&
        !(Date.parse(c.time) < since),
    );
  }
}

/** A rollout's timeline with the flag changes on its service merged in by time. */
export function withFlagEvents(
  timeline: readonly TimelineEvent[],
  flags: readonly FlagChangeRecord[],
): TimelineEvent[] {
  if (flags.length === 0) return [...timeline];
  const events: TimelineEvent[] = flags.map((c) => ({
    time: c.time,
    kind: 'flag-changed',
    actor: c.actor,
    message: c.reason ? `${c.details.message} — “${c.reason}”` : c.details.message,
    flag: c.flag,
  }));
  const merged = [...timeline];
  for (const e of events) {
    const at = merged.findIndex((x) => x.time > e.time);
    merged.splice(at === -1 ? merged.length : at, 0, e);
  }
  return merged;
}
