// What the rollout core asks about release freezes, so it knows an interface and not the incident
// service (or the scheduled windows) behind it.
import type { ActionName } from '../../../shared/domain';
import type { Freeze } from '../../../shared/incidents';

export interface FreezeOverrideRequest {
  freeze: Freeze;
  reason: string;
  action: ActionName;
  rollout: string;
  actor: string;
}

export interface FreezeSource {
  /** Every freeze in force now, the first one given the reason on the buttons. */
  active(): Freeze[];
  /**
   * Writes the `freeze.overridden` record (fsynced) and lists it on the incident; returns its seq.
   * Throws an ApiError when it cannot be written: then the action is not done.
   */
  recordOverride(request: FreezeOverrideRequest): number;
}

/** The freeze that covers a rollout in `environment`, if any: an incident covers every environment. */
export function freezeFor(freezes: readonly Freeze[], environment: string): Freeze | undefined {
  return freezes.find((f) => f.environments === undefined || f.environments.includes(environment));
}
