// Every change across every connection in a time range, for the what-changed view and the postmortem:
// the audit log's records (read by its time range, never the whole file), and what the backends
// report about the time before the control room started (rollout start times, revisions).
import type { AlertSpan } from '../../../shared/alerts';
import type { ChangeLane } from '../../../shared/api/changes-api';
import type { Change } from '../../../shared/changes';
import type { AuditRecord, RolloutDetail, RolloutSummary } from '../../../shared/domain';
import { isoTime, type Clock } from '../clock';
import type { MetricsBackend } from '../rollouts/metrics-backend';
import { actionKeyOf, changesOfRecord } from './audit-change';
import { laneBurn } from './lane-burn';
import { suspectOf } from './suspect-change';

/** The audit log as this service reads it: records between two times, newest first. */
export interface AuditRangeReader {
  list(filter: { from?: string; to?: string; limit: number }): {
    records: readonly AuditRecord[];
    total: number;
  };
}

export interface ChangesDeps {
  audit: AuditRangeReader;
  /** The fleet now. */
  rollouts: () => RolloutSummary[];
  /** One rollout's detail (start time, Kubernetes revisions); may throw for one that left. */
  rollout: (id: string) => RolloutDetail;
  metrics: MetricsBackend;
  clock: Clock;
  /** Firing intervals of alerts overlapping the range; absent when no alert source is composed. */
  alertSpans?: (from: number, to: number) => AlertSpan[];
  /** How long one lane's metrics may take before it is shown unavailable (ms). */
  metricsTimeoutMs?: number;
}

export interface TimeRange {
  /** Epoch ms, both inclusive. */
  from: number;
  to: number;
}

/** Exact (case-insensitive) filters; all given ones must match. */
export interface ChangeFilters {
  connection?: string;
  environment?: string;
  service?: string;
  actor?: string;
}

export interface ChangeListing {
  /** Newest first. */
  changes: Change[];
  /** Everyone who made a change in the range, before the actor filter. */
  actors: string[];
  truncated?: { total: number; kept: number };
}

/** One answer carries at most this many changes (the newest). */
export const MAX_CHANGES = 20_000;
/** Audit records read per request: far above MAX_CHANGES, since many records are not changes. */
const MAX_RECORDS = 200_000;
/** A backend-reported change this close to a recorded one of the same rollout is that one. */
const SAME_CHANGE_MS = 5_000;

function connectionOf(r: RolloutSummary): string {
  return r.connection ?? r.id.split('/')[0] ?? r.id;
}

function same(a: string | undefined, b: string | undefined): boolean {
  return a !== undefined && b !== undefined && a.toLowerCase() === b.toLowerCase();
}

/**
 * A fleet-wide change (a freeze) concerns every lane, so a service, environment or connection filter
 * keeps it; the actor filter applies to all.
 */
function matches(c: Change, f: ChangeFilters): boolean {
  if (f.actor !== undefined && !same(c.actor, f.actor)) return false;
  const fleetWide = c.service === undefined && c.environment === undefined && c.connection === undefined;
  if (fleetWide && c.kind.startsWith('freeze-')) return true;
  return placeMatches(c.service, c.environment, c.connection, f);
}

function placeMatches(
  service: string | undefined,
  environment: string | undefined,
  connection: string | undefined,
  f: ChangeFilters,
): boolean {
  if (f.connection !== undefined && !same(connection, f.connection)) return false;
  if (f.environment !== undefined && !same(environment, f.environment)) return false;
  if (f.service !== undefined && !same(service, f.service)) return false;
  return true;
}

function newestFirst(a: Change, b: Change): number {
  return b.time < a.time ? -1 : b.time > a.time ? 1 : (b.auditSeq ?? 0) - (a.auditSeq ?? 0);
}

export class ChangesService {
  constructor(private readonly deps: ChangesDeps) {}

  /** The range a window names, ending now. */
  windowRange(ms: number): TimeRange {
    const to = this.deps.clock.now();
    return { from: to - ms, to };
  }

  list(range: TimeRange, filters: ChangeFilters = {}): ChangeListing {
    const fleet = new Map(this.deps.rollouts().map((r) => [r.id, r]));
    const place = (c: Change): Change => {
      const r = c.rollout === undefined ? undefined : fleet.get(c.rollout);
      return r ? { ...c, service: r.service, environment: r.environment, connection: connectionOf(r) } : c;
    };
    const { records } = this.deps.audit.list({
      from: isoTime(range.from),
      to: isoTime(range.to),
      limit: MAX_RECORDS,
    });
    // A person's action is recorded as its outcome and as the backend's change records carrying the
    // same key: the outcome says it (with the actor's reason), so the backend's echoes are dropped.
    const actionKeys = new Set<string>();
    for (const r of records) {
      const key = r.kind === 'action.succeeded' ? actionKeyOf(r) : undefined;
      if (key) actionKeys.add(key);
    }
    const all: Change[] = [];
    const recordedTimes = new Map<string, number[]>();
    for (const r of records) {
      if (r.kind.startsWith('rollout.')) {
        const key = actionKeyOf(r);
        if (key && actionKeys.has(key)) continue;
      }
      for (const change of changesOfRecord(r)) {
        if (change.rollout) {
          const times = recordedTimes.get(change.rollout) ?? [];
          times.push(Date.parse(change.time));
          recordedTimes.set(change.rollout, times);
        }
        all.push(place(change));
      }
    }
    for (const change of this.backendHistory([...fleet.values()], range)) {
      const times = recordedTimes.get(change.rollout ?? '') ?? [];
      const t = Date.parse(change.time);
      if (times.some((x) => Math.abs(x - t) <= SAME_CHANGE_MS)) continue;
      all.push(place(change));
    }
    const actorFree = { ...filters, actor: undefined };
    const actors = new Set<string>();
    const kept: Change[] = [];
    for (const c of all) {
      if (!matches(c, actorFree)) continue;
      actors.add(c.actor);
      if (filters.actor === undefined || same(c.actor, filters.actor)) kept.push(c);
    }
    kept.sort(newestFirst);
    const listing: ChangeListing = {
      changes: kept.slice(0, MAX_CHANGES),
      actors: [...actors].sort((a, b) => a.localeCompare(b)),
    };
    if (kept.length > MAX_CHANGES) listing.truncated = { total: kept.length, kept: MAX_CHANGES };
    return listing;
  }

  /** What each rollout's backend says happened: its start, its current step's start, its revisions. */
  private backendHistory(rollouts: RolloutSummary[], range: TimeRange): Change[] {
    const out: Change[] = [];
    const inRange = (time: string | undefined): time is string => {
      if (time === undefined) return false;
      const t = Date.parse(time);
      return t >= range.from && t <= range.to;
    };
    for (const summary of rollouts) {
      let r: RolloutDetail;
      try {
        r = this.deps.rollout(summary.id);
      } catch {
        continue; // it left the fleet between the two reads
      }
      const actor = r.kubernetes ? 'argo-rollouts' : 'controller';
      const base = { actor, rollout: r.id, source: 'backend' as const };
      if (inRange(r.startedAt))
        out.push({
          ...base,
          id: `backend:${r.id}:started:${r.startedAt}`,
          time: r.startedAt,
          kind: 'rollout-started',
          summary: `Rollout of ${r.service} ${r.canaryVersion} started (${r.environment})`,
        });
      if (r.currentStepIndex > 0 && inRange(r.stepStartedAt) && r.stepStartedAt !== r.startedAt)
        out.push({
          ...base,
          id: `backend:${r.id}:step:${r.currentStepIndex}:${r.stepStartedAt}`,
          time: r.stepStartedAt,
          kind: 'step-advanced',
          summary: `Step ${r.currentStepIndex + 1} of ${r.stepCount} started (weight ${r.weight}%)`,
        });
      for (const rev of r.kubernetes?.revisions ?? []) {
        if (!inRange(rev.lastRanAt) || rev.lastRanAt === r.startedAt) continue;
        const images = rev.images.map((i) => i.image).join(', ');
        out.push({
          ...base,
          id: `backend:${r.id}:revision:${rev.revision}`,
          time: rev.lastRanAt,
          kind: 'rollout-started',
          summary: `Revision ${rev.revision} (${images || rev.podHash}) last ran; now ${rev.role}`,
        });
      }
    }
    return out;
  }

  /**
   * One lane per service × environment in the fleet (filtered) or among the changes, with its error
   * rate burn and its suspect change. A lane whose metrics cannot be read says why.
   */
  async lanes(
    range: TimeRange,
    filters: ChangeFilters,
    changes: readonly Change[],
    alerts: AlertSpan[],
  ): Promise<ChangeLane[]> {
    const lanes = new Map<string, { service: string; environment: string; rollout?: RolloutSummary }>();
    for (const r of this.deps.rollouts()) {
      if (!placeMatches(r.service, r.environment, connectionOf(r), filters)) continue;
      const key = `${r.service}\u0000${r.environment}`;
      const had = lanes.get(key);
      // The newest rollout of the lane speaks for its metrics.
      if (!had?.rollout || had.rollout.stepStartedAt < r.stepStartedAt)
        lanes.set(key, { service: r.service, environment: r.environment, rollout: r });
    }
    for (const c of changes) {
      if (c.service === undefined || c.environment === undefined) continue;
      const key = `${c.service}\u0000${c.environment}`;
      if (!lanes.has(key)) lanes.set(key, { service: c.service, environment: c.environment });
    }
    const sorted = [...lanes.values()].sort(
      (a, b) => a.service.localeCompare(b.service) || a.environment.localeCompare(b.environment),
    );
    return Promise.all(
      sorted.map(async (lane): Promise<ChangeLane> => {
        const burn = lane.rollout
          ? await laneBurn(this.deps.metrics, lane.rollout, range, this.deps.metricsTimeoutMs ?? 3000)
          : { unavailable: 'no rollout of this service runs here now, so there is no error rate to read' };
        const own = changes.filter((c) => c.service === lane.service && c.environment === lane.environment);
        const laneAlerts = alerts.filter(
          (a) =>
            (a.service === undefined || a.service === lane.service) &&
            (a.environment === undefined || a.environment === lane.environment) &&
            (a.service !== undefined || a.environment !== undefined),
        );
        const suspect = suspectOf(own, laneAlerts, burn);
        return {
          service: lane.service,
          environment: lane.environment,
          ...(lane.rollout ? { rollout: lane.rollout.id } : {}),
          burn,
          ...(suspect ? { suspect } : {}),
        };
      }),
    );
  }

  /** The alerts on the axis, or why they could not be read. */
  alerts(range: TimeRange, filters: ChangeFilters): { alerts: AlertSpan[]; unavailable?: string } {
    if (!this.deps.alertSpans) return { alerts: [] };
    try {
      const spans = this.deps.alertSpans(range.from, range.to);
      return {
        alerts: spans.filter(
          (a) =>
            (filters.service === undefined || a.service === undefined || same(a.service, filters.service)) &&
            (filters.environment === undefined ||
              a.environment === undefined ||
              same(a.environment, filters.environment)),
        ),
      };
    } catch (error) {
      return { alerts: [], unavailable: error instanceof Error ? error.message : String(error) };
    }
  }
}
