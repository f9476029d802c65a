import { NotificationsView } from '../features/notifications/notifications-view';
import { ErrorBoundary } from '../components/error-boundary';
import { AlertsView } from '../features/alerts/alerts-view';
import { AuditView } from '../features/audit/audit-view';
import { CanaryView } from '../features/canary/canary-view';
import { ChangesView } from '../features/changes/changes-view';
import { FleetView } from '../features/fleet/fleet-view';
import { FlagsView } from '../features/flags/flags-view';
import { MigrationView } from '../features/migrations/migration-view';
import { MigrationsView } from '../features/migrations/migrations-view';
import { RolloutView } from '../features/rollout/rollout-view';
import { SettingsView } from '../features/settings/settings-view';
import { DeliveryView } from '../features/delivery/delivery-view';
import { IncidentView } from '../features/incident/incident-view';
import { IncidentsView } from '../features/incident/incidents-view';
import { DrillReportView } from '../features/drills/drill-report-view';
import { DrillsView } from '../features/drills/drills-view';
import { FlagDetailView } from '../features/flag-detail/flag-detail-view';
import { DrillView } from '../features/drill/drill-view';
import { ReleaseSetView } from '../features/release-sets/release-set-view';
import { ReleaseSetsView } from '../features/release-sets/release-sets-view';
import { routeKey, type Route } from './routes';

export function RouteView({ route }: { route: Route }) {
  return (
    <ErrorBoundary resetKey={routeKey(route)}>
      {route.name === 'fleet' && <FleetView />}
      {route.name === 'rollout' && <RolloutView key={route.id} id={route.id} />}
      {route.name === 'canary' && (
        <CanaryView key={route.id} id={route.id} analysis={route.analysis} step={route.step} />
      )}
      {route.name === 'audit' && <AuditView />}
      {route.name === 'changes' && <ChangesView query={route.query} />}
      {route.name === 'migrations' && <MigrationsView />}
      {route.name === 'flags' && <FlagsView query={route.query} />}
      {route.name === 'migration' && <MigrationView key={route.id} id={route.id} />}
      {route.name === 'settings' && <SettingsView />}
      {route.name === 'alerts' && <AlertsView />}
      {route.name === 'delivery' && <DeliveryView />}
      {route.name === 'notifications' && <NotificationsView />}
      {route.name === 'incidents' && <IncidentsView />}
      {route.name === 'incident' && <IncidentView key={route.id} id={route.id} />}
      {route.name === 'drills' && <DrillsView />}
      {route.name === 'drill-run' && <DrillReportView key={route.id} id={route.id} />}
      {route.name === 'drill' && <DrillView />}
      {route.name === 'sets' && <ReleaseSetsView />}
      {route.name === 'set' && <ReleaseSetView key={route.id} name={route.id} />}
      {route.name === 'flag' && (
        <FlagDetailView
          key={`${route.environment}/${route.key}`}
          environment={route.environment}
          flagKey={route.key}
        />
      )}
    </ErrorBoundary>
  );
}
