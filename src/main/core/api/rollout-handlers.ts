import type { RolloutApiOutputs } from '../../../shared/api';
import type { ControlRoom } from '../control-room';
import { ApiError } from './api-error';
import type { HandlersFor } from './api-handlers';

export function rolloutHandlers(room: ControlRoom): HandlersFor<keyof RolloutApiOutputs> {
  return {
    'session.get': (_input, ctx) => ({ ...room.session(), role: ctx.role, actor: ctx.actor }),
    // Invitations are browser mode's credentials: its server answers this method itself.
    'session.invite': () => {
      throw new ApiError(
        'precondition-failed',
        'Invitations are made by a browser-mode control room: start one with `control-room serve`, then run `control-room invite NAME --role ROLE` on the same workspace.',
      );
    },
    'fleet.list': () => room.fleet(),
    'rollout.get': ({ id }) => room.rollout(id),
    'rollout.metrics': (input) => room.metrics(input),
    'rollout.act': (input, ctx) => room.act(input, ctx.actor),
    'rollout.versions': ({ id }) => room.versions(id),
    'audit.list': (input) => room.auditList(input),
    'audit.verify': () => room.auditVerify(),
  };
}
