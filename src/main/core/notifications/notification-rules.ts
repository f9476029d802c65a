// Which audit records are news to people who did not make them. Derived from the audit log (not
// stored beside it) so nothing is missed across restarts and nothing can disagree with the log.
import type { AuditRecord } from '../../../shared/domain';
import type { NotificationItem } from '../../../shared/api/notifications-api';
import { JUDGE_ACTOR } from '../../../shared/system-actors';

/** A notification before it is read by anyone, with who caused it (never told about it). */
export type RaisedNotification = Omit<NotificationItem, 'read'> & { causedBy?: string };

function str(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined;
}

/**
 * A rollout change is automatic when no action of a person caused it: the backend records the
 * action's idempotency key on changes an action made, and the judge acts under its own name.
 */
function automatic(record: AuditRecord): boolean {
  return record.actor === JUDGE_ACTOR || str(record.details.idempotencyKey) === undefined;
}

export function notificationFromAudit(record: AuditRecord): RaisedNotification | undefined {
  const base = { id: `audit-${record.seq}`, time: record.time, causedBy: record.actor };
  const message = str(record.details.message) ?? record.reason;
  switch (record.kind) {
    case 'rollout.aborted':
      if (!automatic(record) || record.details.recovered === true) return undefined;
      return {
        ...base,
        kind: 'automatic-rollback',
        severity: 'critical',
        title: `${record.target} rolled back automatically`,
        text: `${record.actor}: ${message}`.trim(),
        link: { view: 'rollout', id: record.target },
      };
    case 'rollout.paused':
      if (!automatic(record) || record.details.recovered === true) return undefined;
      return {
        ...base,
        kind: 'automatic-pause',
        severity: 'warning',
        title: `${record.target} paused automatically`,
        text: `${record.actor}: ${message}`.trim(),
        link: { view: 'rollout', id: record.target },
      };
    case 'analysis.verdict':
      if (record.details.verdict !== 'fail') return undefined;
      return {
        ...base,
        kind: 'analysis-failed',
        severity: 'critical',
        title: `Canary analysis failed for ${record.target}`,
        text: record.reason,
        link: { view: 'rollout', id: record.target },
      };
    case 'freeze.overridden': {
      const incident =
        str(record.details.incident) ?? (/^INC-\d+$/.test(record.target) ? record.target : undefined);
      const rollout = str(record.details.rollout) ?? record.target;
      return {
        ...base,
        kind: 'freeze-overridden',
        severity: 'warning',
        title: `${record.actor} overrode the freeze`,
        text: [str(record.details.action), rollout, record.reason && `because ${record.reason}`]
          .filter(Boolean)
          .join(' · '),
        link: incident ? { view: 'incident', id: incident } : { view: 'rollout', id: rollout },
      };
    }
    default:
      return undefined;
  }
}
