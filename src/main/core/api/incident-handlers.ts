import type { IncidentsApiOutputs } from '../../../shared/api';
import type { IncidentService } from '../incidents/incident-service';
import type { FreezeSource } from '../incidents/freeze-source';
import type { HandlersFor } from './api-handlers';

/** `freezes` is every freeze source (incidents and windows); the incident service alone otherwise. */
export function incidentHandlers(
  incidents: IncidentService,
  freezes: FreezeSource = incidents,
): HandlersFor<keyof IncidentsApiOutputs> {
  return {
    'incidents.list': () => incidents.list(),
    'incidents.get': ({ id }) => incidents.get(id),
    'incidents.declare': (input, ctx) => incidents.declare(input, ctx.actor),
    'incidents.resolve': ({ id, rca }, ctx) => incidents.resolve(id, rca, ctx.actor),
    'freeze.status': () => {
      const active = freezes.active();
      return { frozen: active.length > 0, freezes: active };
    },
  };
}
