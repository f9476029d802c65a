import type { CanaryApiOutputs } from '../../../shared/api';
import type { ControlRoom } from '../control-room';
import type { HandlersFor } from './api-handlers';

export function canaryHandlers(room: ControlRoom): HandlersFor<keyof CanaryApiOutputs> {
  return {
    'canary.analyses': ({ id }) => room.canaryAnalyses(id),
    'canary.judge': (input, ctx) => room.judgeCanary(input, ctx.actor),
  };
}
