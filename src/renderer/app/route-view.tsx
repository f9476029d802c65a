import { ErrorBoundary } from '../components/error-boundary';
import { AuditView } from '../features/audit/audit-view';
import { FleetView } from '../features/fleet/fleet-view';
import { RolloutView } from '../features/rollout/rollout-view';
import { routeKey, type Route } from './routes';

export function RouteView({ route }: { route: Route }) {
  return (
    <ErrorBoundary resetKey={routeKey(route)}>
      {route.name === 'fleet' && <FleetView />}
      {route.name === 'rollout' && <RolloutView key={route.id} id={route.id} />}
      {route.name === 'audit' && <AuditView />}
    </ErrorBoundary>
  );
}
