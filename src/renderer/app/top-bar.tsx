import { useFleet } from '../api/use-fleet';
import { StaleIndicator } from '../components/stale-indicator';
import { StatusIcon } from '../components/status-icon';
import { needsAttention } from '../../shared/attention-order';
import { useCommandStore } from '../store/command-store';
import { routeHref, type Route } from './routes';
import { SessionSummary } from './session-summary';
import { StorageStatus } from './storage-status';
import { ThemeToggle } from './theme-toggle';

function AttentionCount() {
  const fleet = useFleet();
  const count = fleet.data?.filter(needsAttention).length ?? 0;
  if (count === 0) return null;
  return (
    <span className="nav-count" title={`${count} rollouts need attention`}>
      <StatusIcon name="warning" />
      {count}
    </span>
  );
}

export function TopBar({ route }: { route: Route }) {
  const openPalette = useCommandStore((s) => s.setPaletteOpen);
  const isMac = navigator.platform.toLowerCase().includes('mac');
  return (
    <header className="top-bar">
      <a className="brand" href={routeHref({ name: 'fleet' })}>
        Release Control Room
      </a>
      <nav className="nav" aria-label="Main">
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
      </nav>
      <SessionSummary />
      <span className="top-bar-end">
        <StorageStatus />
        <StaleIndicator />
        <button
          type="button"
          className="btn btn-ghost btn-small"
          onClick={() => openPalette(true)}
          aria-keyshortcuts={isMac ? 'Meta+K' : 'Control+K'}
        >
          Commands <kbd className="kbd">{isMac ? '⌘K' : 'Ctrl K'}</kbd>
        </button>
        <ThemeToggle />
      </span>
    </header>
  );
}
