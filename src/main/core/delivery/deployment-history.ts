// The deployments and failed changes of each rollout, read from the audit log's backend records
// (rollout.rollout-started / completed / aborted) and the actions (undo). Pure.
import type { AuditRecord } from '../../../shared/domain';

export interface DeliveryEvent {
  rollout: string;
  service: string;
  environment: string;
  version?: string;
  startedAt?: number;
  /** When the change itself was made (commit or build time), when the backend said so. */
  changeMadeAt?: number;
  /** When it reached completion (a deployment) or was aborted / undone (a failed change). */
  endedAt: number;
  outcome: 'deployed' | 'aborted' | 'undone';
}

export type PlaceOf = (rolloutId: string) => { service: string; environment: string } | undefined;

/** Detail fields in which a backend reports when the change was made; the first present wins. */
const CHANGE_TIME_FIELDS = ['changeMadeAt', 'commitTime', 'createdAt'] as const;

function changeTime(details: Record<string, unknown>): number | undefined {
  for (const field of CHANGE_TIME_FIELDS) {
    const value = details[field];
    if (typeof value === 'string' && !Number.isNaN(Date.parse(value))) return Date.parse(value);
  }
  return undefined;
}

/** Rollouts the fleet no longer lists still count: their target names them. */
function placeOrTarget(place: PlaceOf, target: string): { service: string; environment: string } {
  return place(target) ?? { service: target.split('/').slice(1).join('/') || target, environment: 'unknown' };
}

/** Every ended change in log order. An undo marks the deployment it reverts as failed as well. */
export function deliveryEvents(records: readonly AuditRecord[], place: PlaceOf): DeliveryEvent[] {
  const started = new Map<string, { at: number; version?: string; changeMadeAt?: number }>();
  const events: DeliveryEvent[] = [];
  for (const r of records) {
    const at = Date.parse(r.time);
    const version = typeof r.details.version === 'string' ? r.details.version : undefined;
    const where = placeOrTarget(place, r.target);
    if (r.kind === 'rollout.rollout-started') {
      const made = changeTime(r.details);
      started.set(r.target, {
        at,
        ...(version ? { version } : {}),
        ...(made === undefined ? {} : { changeMadeAt: made }),
      });
    } else if (r.kind === 'rollout.completed' || r.kind === 'rollout.aborted') {
      const start = started.get(r.target);
      started.delete(r.target);
      events.push({
        rollout: r.target,
        ...where,
        ...((version ?? start?.version) ? { version: version ?? start?.version } : {}),
        ...(start ? { startedAt: start.at } : {}),
        ...(start?.changeMadeAt === undefined ? {} : { changeMadeAt: start.changeMadeAt }),
        endedAt: at,
        outcome: r.kind === 'rollout.completed' ? 'deployed' : 'aborted',
      });
    } else if (r.kind === 'action.succeeded' && r.details.action === 'undo') {
      events.push({ rollout: r.target, ...where, endedAt: at, outcome: 'undone' });
    }
  }
  return events;
}
