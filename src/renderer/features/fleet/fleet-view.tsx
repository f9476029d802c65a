import { useDeferredValue, useEffect, useMemo, useRef } from 'react';
import { useConnections } from '../../api/use-connections';
import { useFleet } from '../../api/use-fleet';
import { errorMessage } from '../../api/api-error';
import { navigate } from '../../app/routes';
import { useFleetFilterStore } from '../../store/fleet-filter-store';
import { usePauseAllStore } from '../../store/pause-all-store';
import { StatusIcon } from '../../components/status-icon';
import { compareByAttention } from '../../../shared/attention-order';
import { FleetFilters } from './fleet-filters';
import { matchesFilter } from './fleet-filter';
import { FleetGrid } from './fleet-grid';
import { connectionOrder, fleetLayout } from './fleet-groups';
import { FleetSummary } from './fleet-summary';
import { useFleetUrl } from './use-fleet-url';
import './fleet.css';

const openRollout = (id: string): void => navigate({ name: 'rollout', id });

const GRID_KEYS = new Set(['ArrowDown', 'ArrowUp', 'PageDown', 'PageUp', 'Home', 'End']);

export function FleetView() {
  const fleet = useFleet();
  useFleetUrl();
  const statusList = useConnections().data;
  const environments = useFleetFilterStore((s) => s.environments);
  const connections = useFleetFilterStore((s) => s.connections);
  const status = useFleetFilterStore((s) => s.status);
  const text = useDeferredValue(useFleetFilterStore((s) => s.text));
  const collapsedGroups = useFleetFilterStore((s) => s.collapsedGroups);
  const searchRef = useRef<HTMLInputElement>(null);
  const gridRef = useRef<HTMLDivElement>(null);

  const all = fleet.data;
  const allEnvironments = useMemo(
    () => [...new Set((all ?? []).map((r) => r.environment))].sort((a, b) => a.localeCompare(b)),
    [all],
  );
  const statuses = useMemo(() => new Map((statusList ?? []).map((c) => [c.name, c])), [statusList]);
  // Every deployment connection, in config order, even one that has no rows yet (never read).
  const allConnections = useMemo(
    () =>
      connectionOrder(
        all ?? [],
        (statusList ?? []).filter((c) => c.roles.includes('deployment')).map((c) => c.name),
      ),
    [all, statusList],
  );
  const rows = useMemo(
    () =>
      (all ?? [])
        .filter((r) => matchesFilter(r, { environments, connections, status, text }))
        .sort(compareByAttention),
    [all, environments, connections, status, text],
  );
  const layout = useMemo(
    () =>
      fleetLayout({
        all: all ?? [],
        shown: rows,
        connections: allConnections,
        connectionFilter: connections,
        collapsed: new Set(collapsedGroups),
      }),
    [all, rows, allConnections, connections, collapsedGroups],
  );

  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent): void => {
      const target = event.target as HTMLElement | null;
      const typing = target?.closest('input, textarea, select, [contenteditable="true"]');
      if (event.ctrlKey || event.metaKey || event.altKey) return;
      if (event.key === '/' && !typing) {
        event.preventDefault();
        searchRef.current?.focus();
        return;
      }
      // Focus starts on the heading (or nowhere): the list keys still move through the rollouts.
      const grid = gridRef.current;
      const resting = target === document.body || target?.id === 'fleet-title';
      if (grid && resting && GRID_KEYS.has(event.key)) {
        event.preventDefault();
        grid.focus();
        grid.dispatchEvent(new KeyboardEvent('keydown', { key: event.key, bubbles: true }));
      }
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, []);

  return (
    <section className="fleet-view" aria-labelledby="fleet-title">
      <div className="view-head">
        <h1 id="fleet-title" className="view-title">
          Fleet
        </h1>
        {all && <FleetSummary rollouts={all} />}
        <button
          type="button"
          className="btn pause-everything"
          onClick={() => usePauseAllStore.getState().openDialog()}
        >
          <StatusIcon name="pause" /> Pause everything
        </button>
      </div>
      <FleetFilters
        ref={searchRef}
        environments={allEnvironments}
        connections={allConnections}
        shown={rows.length}
        total={all?.length ?? 0}
      />
      {fleet.isError && (
        <div className="banner banner-error" role="alert">
          Fleet could not be loaded: {errorMessage(fleet.error)}
          {all ? ' — showing the last data received.' : ''}
        </div>
      )}
      {all ? (
        <FleetGrid
          gridRef={gridRef}
          layout={layout}
          statuses={statuses}
          totalCount={all.length}
          onOpen={openRollout}
        />
      ) : (
        !fleet.isError && <p className="loading">Loading the fleet…</p>
      )}
    </section>
  );
}
