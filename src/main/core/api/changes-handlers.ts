import { CHANGE_WINDOW_MS, type ChangesApiOutputs } from '../../../shared/api/changes-api';
import type { RolloutSummary } from '../../../shared/domain';
import type { ChangesService, TimeRange } from '../changes/changes-service';
import { isoTime, type Clock } from '../clock';
import type { HandlersFor } from './api-handlers';

function sortedUnique(values: string[]): string[] {
  return [...new Set(values)].sort((a, b) => a.localeCompare(b));
}

export function changesHandlers(
  changes: ChangesService,
  clock: Clock,
  fleet: () => RolloutSummary[],
): HandlersFor<keyof ChangesApiOutputs> {
  return {
    'changes.list': async (input) => {
      const now = clock.now();
      const range: TimeRange =
        input.from !== undefined || input.to !== undefined
          ? {
              from: input.from === undefined ? now - CHANGE_WINDOW_MS['1h'] : Date.parse(input.from),
              to: input.to === undefined ? now : Date.parse(input.to),
            }
          : { from: now - CHANGE_WINDOW_MS[input.window ?? '1h'], to: now };
      const filters = {
        ...(input.connection === undefined ? {} : { connection: input.connection }),
        ...(input.environment === undefined ? {} : { environment: input.environment }),
        ...(input.service === undefined ? {} : { service: input.service }),
        ...(input.actor === undefined ? {} : { actor: input.actor }),
      };
      const listing = changes.list(range, filters);
      const alerts = changes.alerts(range, filters);
      const lanes = await changes.lanes(range, filters, listing.changes, alerts.alerts);
      const rollouts = fleet();
      const flags = listing.changes.filter((c) => c.kind === 'flag-changed');
      const flagPlaces = {
        connections: flags.flatMap((c) => c.connection ?? []),
        environments: flags.flatMap((c) => c.environment ?? []),
        services: flags.flatMap((c) => c.service ?? []),
      };
      return {
        from: isoTime(range.from),
        to: isoTime(range.to),
        changes: listing.changes,
        lanes,
        alerts: alerts.alerts,
        ...(alerts.unavailable === undefined ? {} : { alertsUnavailable: alerts.unavailable }),
        actors: listing.actors,
        // Flag changes name flags connections and services the fleet may not run: filterable too.
        facets: {
          connections: sortedUnique([...rollouts.map((r) => r.connection), ...flagPlaces.connections]),
          environments: sortedUnique([...rollouts.map((r) => r.environment), ...flagPlaces.environments]),
          services: sortedUnique([...rollouts.map((r) => r.service), ...flagPlaces.services]),
        },
        ...(listing.truncated ? { truncated: listing.truncated } : {}),
      };
    },
  };
}
