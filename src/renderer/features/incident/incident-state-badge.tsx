import type { Incident } from '../../../shared/incidents';
import { StatusIcon } from '../../components/status-icon';

/** Icon and word: an open incident holds releases, a resolved one does not. */
export function IncidentStateBadge({ incident }: { incident: Incident }) {
  return incident.resolvedAt === undefined ? (
    <span className="badge health-warning" data-testid="incident-state">
      <StatusIcon name="hand" /> Open — releases frozen
    </span>
  ) : (
    <span className="badge health-healthy" data-testid="incident-state">
      <StatusIcon name="check" /> Resolved
    </span>
  );
}
