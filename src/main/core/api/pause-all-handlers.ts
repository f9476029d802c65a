import type { PauseAllApiOutputs } from '../../../shared/api';
import type { PauseAll } from '../rollouts/pause-all';
import type { HandlersFor } from './api-handlers';

export function pauseAllHandlers(pauseAll: PauseAll): HandlersFor<keyof PauseAllApiOutputs> {
  return {
    'rollouts.pauseAll': (input, ctx) => pauseAll.run(input, ctx.actor),
  };
}
