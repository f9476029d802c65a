import { useVirtualizer } from '@tanstack/react-virtual';
import { useCallback, useEffect, useState, type KeyboardEvent, type MouseEvent, type RefObject } from 'react';
import type { ConnectionStatus } from '../../../shared/connections';
import { useSimNow, useWallNow } from '../../components/use-now';
import { useFleetFilterStore } from '../../store/fleet-filter-store';
import { selectStale, useFreshnessStore } from '../../store/freshness-store';
import { FLEET_COLUMNS } from './fleet-columns';
import { FleetGroupRow, fleetGroupDomId } from './fleet-group-row';
import { groupLineKey, type FleetGroup, type FleetLayout } from './fleet-groups';
import { FleetRow, fleetRowDomId } from './fleet-row';
import { FleetRowMenu } from './fleet-row-menu';
import { treeKeyAction } from './fleet-tree-keys';
import { navigationTarget } from '../../components/list-navigation';

const ROW_HEIGHT = 36;
const HEADER_HEIGHT = 32;

interface FleetGridProps {
  /** The grid element (it scrolls); the view focuses it for the list keys. */
  gridRef: RefObject<HTMLDivElement | null>;
  layout: FleetLayout;
  /** Health lines by connection name, for the group headers. */
  statuses: ReadonlyMap<string, ConnectionStatus>;
  totalCount: number;
  onOpen: (id: string) => void;
}

/**
 * A virtualised grid: only the visible lines are in the DOM, so 500+ rollouts stay smooth. Grouped
 * (several connections or namespaces), it is a tree grid whose group headers are lines like rows.
 */
export function FleetGrid({ gridRef: scrollRef, layout, statuses, totalCount, onOpen }: FleetGridProps) {
  const { grouped, lines } = layout;
  const selectedId = useFleetFilterStore((s) => s.selectedId);
  const select = useFleetFilterStore((s) => s.select);
  const setGroupCollapsed = useFleetFilterStore((s) => s.setGroupCollapsed);
  const now = useSimNow(1000);
  const wallNow = useWallNow(5000);
  const pageStale = useFreshnessStore(selectStale);

  // The app does not use the React Compiler, so nothing memoises around the virtualizer.
  // eslint-disable-next-line react-hooks/incompatible-library
  const virtualizer = useVirtualizer({
    count: lines.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 12,
    scrollMargin: HEADER_HEIGHT,
    scrollPaddingStart: HEADER_HEIGHT,
    getItemKey: (index) => lines[index]?.key ?? index,
  });

  const selectedIndex = selectedId ? lines.findIndex((l) => l.key === selectedId) : -1;
  const [menu, setMenu] = useState<{ id: string; at: { x: number; y: number } } | null>(null);
  const closeMenu = useCallback(() => {
    setMenu(null);
    // Focus back on the grid, whose active row is the one the menu was for.
    scrollRef.current?.focus();
  }, [scrollRef]);

  const onContextMenu = (event: MouseEvent<HTMLDivElement>): void => {
    const row = (event.target as HTMLElement).closest<HTMLElement>('[data-testid^="fleet-row-"]');
    const id = row?.dataset.testid?.slice('fleet-row-'.length);
    if (!id || row?.getAttribute('role') !== 'row') return;
    event.preventDefault();
    select(id);
    setMenu({ id, at: { x: event.clientX, y: event.clientY } });
  };

  // Open with the previous selection in view. Focus goes to the view's heading (app/view-focus.ts);
  // the arrow keys reach the grid from there (fleet-view.tsx).
  useEffect(() => {
    const index = lines.findIndex((l) => l.key === useFleetFilterStore.getState().selectedId);
    if (index >= 0) virtualizer.scrollToIndex(index, { align: 'center' });
    // Only on mount: later selection changes scroll from the key handler.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  const moveTo = useCallback(
    (index: number) => {
      const at = Math.max(0, Math.min(lines.length - 1, index));
      const line = lines[at];
      if (!line) return;
      select(line.key);
      virtualizer.scrollToIndex(at, { align: 'auto' });
    },
    [lines, select, virtualizer],
  );

  const open = useCallback(
    (id: string) => {
      select(id);
      onOpen(id);
    },
    [onOpen, select],
  );

  // A click on a header folds it and selects it, so a row it hides never stays selected unseen.
  const toggle = useCallback(
    (group: FleetGroup) => {
      select(groupLineKey(group.key));
      setGroupCollapsed(group.key, !group.collapsed);
    },
    [select, setGroupCollapsed],
  );

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>): void => {
    if (event.altKey || event.ctrlKey || event.metaKey) return;
    // Shift+F10 and the ContextMenu key: the selected row's actions.
    const line = lines[selectedIndex];
    if ((event.key === 'ContextMenu' || (event.shiftKey && event.key === 'F10')) && line?.kind !== 'group') {
      event.preventDefault();
      if (!line) return;
      const box = document.getElementById(fleetRowDomId(line.rollout.id))?.getBoundingClientRect();
      setMenu({ id: line.rollout.id, at: { x: (box?.left ?? 0) + 24, y: box?.bottom ?? 0 } });
      return;
    }
    const page = Math.max(
      1,
      Math.floor(((scrollRef.current?.clientHeight ?? 400) - HEADER_HEIGHT) / ROW_HEIGHT) - 1,
    );
    const action = treeKeyAction(lines, selectedIndex, event.key);
    if (action?.kind === 'open') open(action.id);
    else if (action?.kind === 'fold') setGroupCollapsed(action.group, action.collapsed);
    else if (action?.kind === 'move') moveTo(action.index);
    if (action || (grouped && (event.key === 'ArrowLeft' || event.key === 'ArrowRight'))) {
      event.preventDefault();
      return;
    }
    const target = navigationTarget(event.key, selectedIndex, lines.length, page);
    if (target === undefined) return;
    moveTo(target);
    event.preventDefault();
  };

  const items = virtualizer.getVirtualItems();
  const selectedLine = lines[selectedIndex];
  const activeRendered = selectedLine && items.some((item) => item.index === selectedIndex);
  const activeId =
    selectedLine?.kind === 'group'
      ? fleetGroupDomId(selectedLine.group.key)
      : selectedLine && fleetRowDomId(selectedLine.rollout.id);

  return (
    <>
      <div
        ref={scrollRef}
        className="fleet-grid"
        role={grouped ? 'treegrid' : 'grid'}
        aria-label="Rollouts"
        aria-rowcount={lines.length + 1}
        aria-colcount={FLEET_COLUMNS.length}
        aria-activedescendant={activeRendered ? activeId : undefined}
        tabIndex={0}
        onKeyDown={onKeyDown}
        onContextMenu={onContextMenu}
      >
        <div className="fleet-header" role="row" aria-rowindex={1} style={{ height: HEADER_HEIGHT }}>
          {FLEET_COLUMNS.map((c) => (
            <span key={c.id} role="columnheader" className={`cell cell-head cell-${c.id}`} title={c.hint}>
              {c.label}
            </span>
          ))}
        </div>
        {lines.length === 0 ? (
          <p className="fleet-empty">
            {totalCount === 0 ? 'No rollouts in this fleet.' : 'No rollout matches these filters.'}
          </p>
        ) : (
          <div className="fleet-body" role="rowgroup" style={{ height: virtualizer.getTotalSize() }}>
            {items.map((item) => {
              const line = lines[item.index];
              if (!line) return null;
              const top = item.start - HEADER_HEIGHT;
              const selected = item.index === selectedIndex;
              return line.kind === 'group' ? (
                <FleetGroupRow
                  key={line.key}
                  group={line.group}
                  status={line.group.level === 1 ? statuses.get(line.group.connection) : undefined}
                  index={item.index}
                  selected={selected}
                  now={wallNow}
                  pageStale={pageStale}
                  top={top}
                  height={ROW_HEIGHT}
                  onToggle={toggle}
                />
              ) : (
                <FleetRow
                  key={line.key}
                  rollout={line.rollout}
                  index={item.index}
                  level={line.level}
                  selected={selected}
                  now={now}
                  top={top}
                  height={ROW_HEIGHT}
                  onOpen={open}
                />
              );
            })}
          </div>
        )}
      </div>
      {/* Outside the grid: its keys must not reach the grid's own key handling. */}
      {menu && <FleetRowMenu key={menu.id} id={menu.id} at={menu.at} onDone={closeMenu} />}
    </>
  );
}
