import type { RolloutSummary } from '../../../shared/domain';
import type { StatusFilter } from '../../store/fleet-filter-store';
import { needsAttention } from '../../../shared/attention-order';

export interface FleetFilter {
  environments: readonly string[];
  /** Connections shown; empty for all. */
  connections: readonly string[];
  status: StatusFilter;
  text: string;
}

export function matchesFilter(r: RolloutSummary, filter: FleetFilter): boolean {
  if (filter.environments.length > 0 && !filter.environments.includes(r.environment)) return false;
  if (filter.connections.length > 0 && !filter.connections.includes(r.connection)) return false;
  if (filter.status === 'attention' && !needsAttention(r)) return false;
  if (filter.status !== 'all' && filter.status !== 'attention' && r.phase !== filter.status) return false;
  const text = filter.text.trim().toLowerCase();
  if (text === '') return true;
  return [r.service, r.environment, r.stableVersion, r.canaryVersion, r.message, r.id].some((field) =>
    field.toLowerCase().includes(text),
  );
}
