// The one FreezeSource the room asks: open incidents first (their reason wins on the buttons), then
// scheduled windows. An override goes to the source that holds the freeze.
import type { Freeze } from '../../../shared/incidents';
import type { FreezeOverrideRequest, FreezeSource } from './freeze-source';

export function combinedFreezes(sources: Record<Freeze['source']['kind'], FreezeSource>): FreezeSource {
  return {
    active: () => [...sources.incident.active(), ...sources.window.active()],
    recordOverride: (request: FreezeOverrideRequest) =>
      sources[request.freeze.source.kind].recordOverride(request),
  };
}
