import type { RolloutApiOutputs } from '../../../shared/api';
import type { ControlRoom } from '../control-room';
import type { HandlersFor } from './api-handlers';

export function rolloutHandlers(room: ControlRoom): HandlersFor<keyof RolloutApiOutputs> {
  return {
    'session.get': (_input, ctx) => ({ ...room.session(), role: ctx.role, actor: ctx.actor }),
    'fleet.list': () => room.fleet(),
    'rollout.get': ({ id }) => room.rollout(id),
    'rollout.metrics': (input) => room.metrics(input),
    'rollout.act': (input, ctx) => room.act(input, ctx.actor),
    'rollout.versions': ({ id }) => room.versions(id),
    'audit.list': (input) => room.auditList(input),
    'audit.verify': () => room.auditVerify(),
  };
}
