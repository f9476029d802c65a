import { useAlerts } from '../api/use-alerts';
import { useFleet } from '../api/use-fleet';
import { StaleIndicator } from '../components/stale-indicator';
import { StatusIcon } from '../components/status-icon';
import { attentionBreakdown, attentionCounts } from '../../shared/attention-order';
import { selectStale, useFreshnessStore } from '../store/freshness-store';
import { useCommandStore } from '../store/command-store';
import { routeHref, type Route } from './routes';
import { ConnectionStatusBar } from './connection-status';
import { SessionSummary } from './session-summary';
import { StorageStatus } from './storage-status';
import { ThemeToggle } from './theme-toggle';
import { NotificationBell } from '../features/notifications/notification-bell';
import { useSession } from '../api/use-session';

/** The fleet's attention count beside its link; "?" where stale or missing data cannot vouch for a zero. */
function AttentionCount() {
  const fleet = useFleet();
  const stale = useFreshnessStore(selectStale);
  const counts = fleet.data ? attentionCounts(fleet.data) : undefined;
  if (counts === undefined || counts.total === 0) {
    const unknown = stale || (counts === undefined && fleet.isError);
    if (!unknown) return null;
    return (
      <span className="nav-count" title="Attention unknown: no live fleet data" data-testid="nav-attention">
        <StatusIcon name="unknown" />?
      </span>
    );
  }
  const why = `${counts.total} rollouts need attention: ${attentionBreakdown(counts)}`;
  return (
    <span className="nav-count" title={stale ? `${why} (stale)` : why} data-testid="nav-attention">
      <StatusIcon name="warning" />
      {counts.total}
    </span>
  );
}

/** Firing alerts beside the Alerts link; "?" when a source is stale and cannot vouch for the count. */
function FiringCount() {
  const alerts = useAlerts();
  const data = alerts.data;
  if (!data) return null;
  const firing = data.alerts.filter((a) => a.state === 'firing').length;
  const stale = data.sources.some((s) => s.stale);
  if (firing === 0 && !stale) return null;
  const why = `${firing} alert${firing === 1 ? '' : 's'} firing${stale ? ' (a source is stale: there may be more)' : ''}`;
  return (
    <span className="nav-count" title={why} aria-label={why} data-testid="nav-firing">
      <StatusIcon name={firing > 0 ? 'critical' : 'unknown'} />
      {firing}
      {stale ? '?' : ''}
    </span>
  );
}

export function TopBar({ route }: { route: Route }) {
  const openPalette = useCommandStore((s) => s.setPaletteOpen);
  const isMac = navigator.platform.toLowerCase().includes('mac');
  const inDrill = useSession().data?.drill !== undefined;
  return (
    <header className="top-bar">
      <a className="brand" href={routeHref({ name: 'fleet' })}>
        Release Control Room
      </a>
      <nav className="nav" aria-label="Main">
        {inDrill && (
          <a
            className="nav-link nav-link-drill"
            href={routeHref({ name: 'drill' })}
            aria-current={route.name === 'drill' ? 'page' : undefined}
          >
            Drill
          </a>
        )}
        <a
          className="nav-link"
          href={routeHref({ name: 'fleet' })}
          aria-current={route.name === 'fleet' ? 'page' : undefined}
        >
          Fleet
          <AttentionCount />
        </a>
        <a
          className="nav-link"
          href={routeHref({ name: 'changes', query: { window: '1h' } })}
          aria-current={route.name === 'changes' ? 'page' : undefined}
        >
          What changed
        </a>
        <a
          className="nav-link"
          href={routeHref({ name: 'audit' })}
          aria-current={route.name === 'audit' ? 'page' : undefined}
        >
          Audit
        </a>
        <a
          className="nav-link"
          href={routeHref({ name: 'migrations' })}
          aria-current={route.name === 'migrations' || route.name === 'migration' ? 'page' : undefined}
        >
          Migrations
        </a>
        <a
          className="nav-link"
          href={routeHref({ name: 'flags', query: {} })}
          aria-current={route.name === 'flags' ? 'page' : undefined}
        >
          Flags
        </a>
        <a
          className="nav-link"
          href={routeHref({ name: 'sets' })}
          aria-current={route.name === 'sets' || route.name === 'set' ? 'page' : undefined}
          title="Release sets"
        >
          Sets
        </a>
        <a
          className="nav-link"
          href={routeHref({ name: 'incidents' })}
          aria-current={route.name === 'incidents' || route.name === 'incident' ? 'page' : undefined}
        >
          Incidents
        </a>
        <a
          className="nav-link"
          href={routeHref({ name: 'alerts' })}
          aria-current={route.name === 'alerts' ? 'page' : undefined}
        >
          Alerts
          <FiringCount />
        </a>
        <a
          className="nav-link"
          href={routeHref({ name: 'drills' })}
          aria-current={route.name === 'drills' || route.name === 'drill-run' ? 'page' : undefined}
        >
          Drills
        </a>
        <a
          className="nav-link"
          href={routeHref({ name: 'delivery' })}
          aria-current={route.name === 'delivery' ? 'page' : undefined}
        >
          Delivery
        </a>
        <a
          className="nav-link"
          href={routeHref({ name: 'settings' })}
          aria-current={route.name === 'settings' ? 'page' : undefined}
        >
          Settings
        </a>
      </nav>
      <SessionSummary />
      <span className="top-bar-end">
        <ConnectionStatusBar />
        <StorageStatus />
        <StaleIndicator />
        <NotificationBell />
        <button
          type="button"
          className="btn btn-ghost btn-small"
          onClick={() => openPalette(true)}
          aria-keyshortcuts={isMac ? 'Meta+K' : 'Control+K'}
        >
          <span className="top-bar-word">Commands</span> <kbd className="kbd">{isMac ? '⌘K' : 'Ctrl K'}</kbd>
        </button>
        <ThemeToggle />
      </span>
    </header>
  );
}
