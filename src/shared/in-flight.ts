// Which rollouts are in flight: the one rule the core's bulk pause and the dialog that announces it share.
import type { RolloutSummary } from './domain';

const FINISHED: ReadonlySet<string> = new Set(['completed', 'aborted', 'degraded']);

export interface RolloutScope {
  environment?: string;
  connection?: string;
}

/** Rollouts still moving or held mid-way (not completed, aborted or degraded), in the scope. */
export function inFlightIn<R extends Pick<RolloutSummary, 'phase' | 'environment' | 'connection'>>(
  fleet: readonly R[],
  scope: RolloutScope,
): R[] {
  return fleet.filter(
    (r) =>
      !FINISHED.has(r.phase) &&
      (scope.environment === undefined || r.environment === scope.environment) &&
      (scope.connection === undefined || r.connection === scope.connection),
  );
}

/** Paused by a person (not a pause step): a bulk pause has nothing to do there. */
export function isManuallyPaused(r: Pick<RolloutSummary, 'pauseConditions'>): boolean {
  return r.pauseConditions.some((c) => c.reason === 'manual');
}
