import type { ConnectionsApiOutputs } from '../../../shared/api';
import type { ConnectionsService } from '../connections/connections-service';
import type { ControlRoom } from '../control-room';
import type { HandlersFor } from './api-handlers';

export function connectionHandlers(
  room: ControlRoom,
  connections: ConnectionsService,
): HandlersFor<keyof ConnectionsApiOutputs> {
  return {
    'connections.status': () => room.connections(),
    'connections.list': () => connections.list(),
    'connections.test': ({ name }) => connections.test(name),
    'connections.suggest': ({ name, label }) => connections.suggest(name, label),
    'connections.save': (input, ctx) => connections.save(input, ctx.actor),
    'connections.remove': ({ name }, ctx) => connections.remove(name, ctx.actor),
    'connections.setSecret': ({ name, field, value }, ctx) =>
      connections.setSecret(name, field, value, ctx.actor),
  };
}
