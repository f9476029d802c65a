// A drill acts only on the simulator: whatever a drill's workspace is configured with, an action of
// the drill on a real connection is refused before any backend is called.
import type { ActionPolicy } from '../rollouts/action-preconditions';

/** The drill a room runs, for the isolation policy. */
export interface DrillMarker {
  id: string;
}

export const drillIsolationPolicy: ActionPolicy = ({ drill, connection }) => {
  if (!drill || connection?.kind === 'simulator') return undefined;
  const which = connection
    ? `"${connection.name}" is a ${connection.kind} connection`
    : 'its connection is not known';
  return `this is drill "${drill.id}": it acts only on simulator connections, and ${which}. Nothing was sent to it.`;
};
