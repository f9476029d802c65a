import type { ConnectionRole } from '../../../shared/connections';
import {
  ALERT_KINDS,
  DEPLOYMENT_KINDS,
  FLAGS_KINDS,
  METRICS_KINDS,
  type ConnectionKind,
} from './connection-schema';

/** What a connection of this kind is for: its rollouts join the fleet, its metrics judge canaries. */
export function rolesOf(kind: ConnectionKind): ConnectionRole[] {
  return [
    ...(DEPLOYMENT_KINDS.has(kind) ? (['deployment'] as const) : []),
    ...(METRICS_KINDS.has(kind) ? (['metrics'] as const) : []),
    ...(ALERT_KINDS.has(kind) ? (['alerts'] as const) : []),
    ...(FLAGS_KINDS.has(kind) ? (['flags'] as const) : []),
  ];
}
