// Which actions make sense for a rollout right now, and why not otherwise. The core enforces these
// before any backend call; the UI shows the same reasons on disabled buttons.
import { ACTIONS, type ActionAvailability, type ActionName } from '../../../shared/domain';
import type { RolloutSnapshot } from './deployment-backend';

function whyNot(r: RolloutSnapshot, action: ActionName): string | undefined {
  const manual = r.pauseConditions.some((c) => c.reason === 'manual');
  const done = r.phase === 'completed';
  const aborted = r.phase === 'aborted' || r.phase === 'degraded';
  switch (action) {
    case 'pause':
      if (done) return 'The rollout is complete: nothing to pause.';
      if (aborted) return 'The rollout was aborted: traffic is already on the stable version.';
      if (manual) return 'Already paused.';
      return undefined;
    case 'resume':
      return manual ? undefined : 'Not paused by anyone: use Promote to pass a pause step.';
    case 'promote':
    case 'promote-full':
      if (done) return `Already complete: ${r.stableVersion} serves all traffic.`;
      if (aborted) return 'Aborted rollouts cannot be promoted: Retry or Roll forward instead.';
      return undefined;
    case 'abort':
      if (done) return 'The rollout is complete: roll forward (or back) to another version instead.';
      if (aborted) return 'Already aborted: traffic is on the stable version.';
      return undefined;
    case 'retry':
      return aborted ? undefined : 'Only an aborted rollout can be retried.';
    case 'roll-forward':
      return undefined;
  }
}

export function actionAvailability(r: RolloutSnapshot): ActionAvailability[] {
  return ACTIONS.map((action) => {
    const reason = whyNot(r, action);
    return reason === undefined ? { action, enabled: true } : { action, enabled: false, reason };
  });
}

/** The reason an action is refused, or undefined when it may go ahead. */
export function refusal(r: RolloutSnapshot, action: ActionName, toVersion?: string): string | undefined {
  const reason = whyNot(r, action);
  if (reason !== undefined) return reason;
  if (action === 'roll-forward') {
    if (toVersion === undefined) return 'Roll forward needs the version to roll forward to.';
    if (toVersion === r.canaryVersion && r.phase !== 'aborted' && r.phase !== 'degraded')
      return r.phase === 'completed'
        ? `${toVersion} already serves all traffic.`
        : `${toVersion} is already rolling out.`;
  }
  return undefined;
}
