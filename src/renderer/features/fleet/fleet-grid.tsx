import { useVirtualizer } from '@tanstack/react-virtual';
import { useCallback, useMemo, useEffect, type KeyboardEvent, type RefObject } from 'react';
import type { RolloutSummary } from '../../../shared/domain';
import { useSimNow } from '../../components/use-now';
import { useFleetFilterStore } from '../../store/fleet-filter-store';
import { FLEET_COLUMNS } from './fleet-columns';
import { FleetRow, fleetRowDomId } from './fleet-row';
import { navigationTarget } from '../../components/list-navigation';

const ROW_HEIGHT = 36;
const HEADER_HEIGHT = 32;

interface FleetGridProps {
  /** The grid element (it scrolls); the view focuses it for the list keys. */
  gridRef: RefObject<HTMLDivElement | null>;
  rows: RolloutSummary[];
  totalCount: number;
  onOpen: (id: string) => void;
}

/** A virtualised grid: only the visible rows are in the DOM, so 500+ rollouts stay smooth. */
export function FleetGrid({ gridRef: scrollRef, rows, totalCount, onOpen }: FleetGridProps) {
  const selectedId = useFleetFilterStore((s) => s.selectedId);
  const select = useFleetFilterStore((s) => s.select);
  const now = useSimNow(1000);

  // The app does not use the React Compiler, so nothing memoises around the virtualizer.
  // eslint-disable-next-line react-hooks/incompatible-library
  const virtualizer = useVirtualizer({
    count: rows.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 12,
    scrollMargin: HEADER_HEIGHT,
    scrollPaddingStart: HEADER_HEIGHT,
    getItemKey: (index) => rows[index]?.id ?? index,
  });

  const selectedIndex = selectedId ? rows.findIndex((r) => r.id === selectedId) : -1;
  // With one connection, naming it on every row says nothing.
  const showConnection = useMemo(() => new Set(rows.map((r) => r.connection)).size > 1, [rows]);

  // Open with the previous selection in view. Focus goes to the view's heading (app/view-focus.ts);
  // the arrow keys reach the grid from there (fleet-view.tsx).
  useEffect(() => {
    const index = rows.findIndex((r) => r.id === useFleetFilterStore.getState().selectedId);
    if (index >= 0) virtualizer.scrollToIndex(index, { align: 'center' });
    // Only on mount: later selection changes scroll from the key handler.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  const moveTo = useCallback(
    (index: number) => {
      const row = rows[Math.max(0, Math.min(rows.length - 1, index))];
      if (!row) return;
      select(row.id);
      virtualizer.scrollToIndex(rows.indexOf(row), { align: 'auto' });
    },
    [rows, select, virtualizer],
  );

  const open = useCallback(
    (id: string) => {
      select(id);
      onOpen(id);
    },
    [onOpen, select],
  );

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>): void => {
    if (event.altKey || event.ctrlKey || event.metaKey) return;
    const page = Math.max(
      1,
      Math.floor(((scrollRef.current?.clientHeight ?? 400) - HEADER_HEIGHT) / ROW_HEIGHT) - 1,
    );
    if (event.key === 'Enter') {
      const row = rows[selectedIndex];
      if (row) open(row.id);
      event.preventDefault();
      return;
    }
    const target = navigationTarget(event.key, selectedIndex, rows.length, page);
    if (target === undefined) return;
    moveTo(target);
    event.preventDefault();
  };

  const items = virtualizer.getVirtualItems();
  const selectedRow = rows[selectedIndex];
  const activeRendered = selectedRow && items.some((item) => item.index === selectedIndex);

  return (
    <div
      ref={scrollRef}
      className="fleet-grid"
      role="grid"
      aria-label="Rollouts"
      aria-rowcount={rows.length + 1}
      aria-colcount={FLEET_COLUMNS.length}
      aria-activedescendant={activeRendered ? fleetRowDomId(selectedRow.id) : undefined}
      tabIndex={0}
      onKeyDown={onKeyDown}
    >
      <div className="fleet-header" role="row" aria-rowindex={1} style={{ height: HEADER_HEIGHT }}>
        {FLEET_COLUMNS.map((c) => (
          <span key={c.id} role="columnheader" className={`cell cell-head cell-${c.id}`} title={c.hint}>
            {c.label}
          </span>
        ))}
      </div>
      {rows.length === 0 ? (
        <p className="fleet-empty">
          {totalCount === 0 ? 'No rollouts in this fleet.' : 'No rollout matches these filters.'}
        </p>
      ) : (
        <div className="fleet-body" role="rowgroup" style={{ height: virtualizer.getTotalSize() }}>
          {items.map((item) => {
            const r = rows[item.index];
            if (!r) return null;
            return (
              <FleetRow
                key={r.id}
                rollout={r}
                index={item.index}
                selected={item.index === selectedIndex}
                now={now}
                showConnection={showConnection}
                top={item.start - HEADER_HEIGHT}
                height={ROW_HEIGHT}
                onOpen={open}
              />
            );
          })}
        </div>
      )}
    </div>
  );
}
