// An action on a rollout asked for from elsewhere (the palette by name, a playbook's countermeasure)
// runs as the rollout view's own action: open the rollout, then ask it for the action, so the same
// confirmation (or, for pause, none) and the same audit story apply.
import type { ActionName } from '../../../shared/domain';
import { navigate } from '../../app/routes';
import { useCommandStore } from '../../store/command-store';

/** How long the rollout view may take to open before the request gives up. */
const OPEN_WITHIN_MS = 5000;

export function runRolloutAction(rolloutId: string, action: ActionName): void {
  navigate({ name: 'rollout', id: rolloutId });
  const ready = () => {
    const s = useCommandStore.getState();
    return s.rolloutId === rolloutId && s.runRolloutCommand ? s.runRolloutCommand : undefined;
  };
  const now = ready();
  if (now) return now(action);
  const timer = window.setTimeout(() => unsubscribe(), OPEN_WITHIN_MS);
  const unsubscribe = useCommandStore.subscribe(() => {
    const run = ready();
    if (!run) return;
    unsubscribe();
    window.clearTimeout(timer);
    // After the view's first render, so its dialog mounts inside it.
    window.setTimeout(() => run(action), 0);
  });
}
