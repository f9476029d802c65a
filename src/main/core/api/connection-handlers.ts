import type { ConnectionsApiOutputs } from '../../../shared/api';
import type { ControlRoom } from '../control-room';
import type { HandlersFor } from './api-handlers';

export function connectionHandlers(room: ControlRoom): HandlersFor<keyof ConnectionsApiOutputs> {
  return {
    'connections.status': () => room.connections(),
  };
}
