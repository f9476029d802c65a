import { ACTIONS, type ActionName, type RolloutDetail } from '../../../shared/domain';
import type { Freeze } from '../../../shared/incidents';

export interface ActionState {
  enabled: boolean;
  reason?: string;
  pending: boolean;
  /** Held back only by a release freeze: it may go ahead with an override reason. */
  freeze?: Freeze;
}

/** Enabled exactly when the rollout's `actions[]` says so, unless we may not act or already are. */
export function actionStates(
  rollout: RolloutDetail,
  pending: readonly ActionName[],
  observer: boolean,
): Record<ActionName, ActionState> {
  const entries = ACTIONS.map((action): [ActionName, ActionState] => {
    const availability = rollout.actions.find((a) => a.action === action);
    const isPending = pending.includes(action);
    if (observer) {
      return [
        action,
        { enabled: false, reason: 'Observer session: you may watch but not act.', pending: false },
      ];
    }
    if (isPending) return [action, { enabled: false, reason: 'Sending…', pending: true }];
    if (!availability)
      return [action, { enabled: false, reason: 'Not offered for this rollout.', pending: false }];
    return [
      action,
      availability.enabled
        ? { enabled: true, pending: false }
        : {
            enabled: false,
            reason: availability.reason ?? 'Not available now.',
            pending: false,
            ...(availability.freeze ? { freeze: availability.freeze } : {}),
          },
    ];
  });
  return Object.fromEntries(entries) as Record<ActionName, ActionState>;
}
