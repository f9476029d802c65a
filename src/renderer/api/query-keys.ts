import type { ChangesQuery } from '../features/changes/changes-query';
import type { MetricName } from '../../shared/domain';

export interface AuditFilters {
  actor: string;
  kind: string;
  target: string;
  text: string;
  /** ISO 8601 time bounds, inclusive; empty for an open end. */
  from: string;
  to: string;
}

/** Every query key in one place, so invalidation by prefix stays correct. */
export const queryKeys = {
  session: ['session'] as const,
  /** The health lines; its prefix also covers the Settings screen's list. */
  connections: ['connections'] as const,
  connectionList: ['connections', 'list'] as const,
  fleet: ['fleet'] as const,
  rolloutAll: ['rollout'] as const,
  rollout: (id: string) => ['rollout', id] as const,
  rolloutDetail: (id: string) => ['rollout', id, 'detail'] as const,
  rolloutMetrics: (id: string, metrics: readonly MetricName[], windowSec: number) =>
    ['rollout', id, 'metrics', metrics.join(','), windowSec] as const,
  /** Known versions and their last verdicts: refreshed with the rollout, asked for by the roll-forward dialog. */
  rolloutVersions: (id: string) => ['rollout', id, 'versions'] as const,
  /** Under the rollout's key: a rollout event or a tick refreshes the analysis list too. */
  canaryAnalyses: (id: string) => ['rollout', id, 'canary', 'analyses'] as const,
  auditAll: ['audit'] as const,
  alerts: ['alerts'] as const,
  /** What changed in a window: polled at the window's own pace, not on each audit record (see use-changes). */
  changes: (query: ChangesQuery) => ['changes', query] as const,
  /** Every flags list (each filter its own key): a `{type:'flags'}` event refreshes them all. */
  flagsAll: ['flags'] as const,
  flagList: (input: { environment?: string; changedWithinSec?: number }) => ['flags', 'list', input] as const,
  migrationsAll: ['migrations'] as const,
  migrationList: ['migrations', 'list'] as const,
  migration: (id: string) => ['migrations', 'plan', id] as const,
  notifications: ['notifications'] as const,
  auditList: (filters: AuditFilters) => ['audit', 'list', filters] as const,
  /** Incidents and the freeze they hold; the freeze status is under the same prefix. */
  incidentsAll: ['incidents'] as const,
  incidentList: ['incidents', 'list'] as const,
  incident: (id: string) => ['incidents', 'one', id] as const,
  freezeStatus: ['incidents', 'freeze'] as const,
  /** Scheduled freeze windows, under the same prefix: a freeze event refreshes them with the banner. */
  freezeWindows: ['incidents', 'windows'] as const,
  /** The live drill of a drill room: a {type:'drill'} event refreshes it. */
  drillStatus: ['drill', 'status'] as const,
  /** An ended drill's entry in the drill history (its score). */
  drillRun: (runId: string | undefined) => ['drill', 'run', runId] as const,
  /** Release sets and their runs: a {type:'release-set'} or rollout event refreshes every one on screen. */
  releaseSetsAll: ['release-sets'] as const,
  releaseSetList: ['release-sets', 'list'] as const,
  releaseSet: (name: string) => ['release-sets', 'set', name] as const,
};

/** Queries whose age is the data's age: the stale indicator watches these while they are shown. */
export const LIVE_META = { live: true } as const;
