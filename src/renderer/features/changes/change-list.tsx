import { useVirtualizer } from '@tanstack/react-virtual';
import { useState, type KeyboardEvent } from 'react';
import { useRef } from 'react';
import type { Change } from '../../../shared/changes';
import { formatDateTime } from '../../components/format-time';
import { KIND_LOOK } from './change-kind-words';

const ROW_HEIGHT = 32;

/** Newest first, virtualised; ↑/↓ move, Enter opens the change's rollout. */
export function ChangeList({
  changes,
  suspects,
  onOpen,
}: {
  changes: Change[];
  suspects: ReadonlyMap<string, string>;
  onOpen: (change: Change) => void;
}) {
  const scrollRef = useRef<HTMLDivElement>(null);
  const [active, setActive] = useState(0);
  // eslint-disable-next-line react-hooks/incompatible-library
  const virtualizer = useVirtualizer({
    count: changes.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 12,
    getItemKey: (index) => changes[index]?.id ?? index,
  });
  const current = Math.min(active, Math.max(0, changes.length - 1));

  const move = (to: number) => {
    const next = Math.max(0, Math.min(changes.length - 1, to));
    setActive(next);
    virtualizer.scrollToIndex(next, { align: 'auto' });
  };
  const onKeyDown = (event: KeyboardEvent) => {
    const page = Math.max(1, Math.floor((scrollRef.current?.clientHeight ?? 320) / ROW_HEIGHT) - 1);
    const keys: Record<string, () => void> = {
      ArrowDown: () => move(current + 1),
      ArrowUp: () => move(current - 1),
      PageDown: () => move(current + page),
      PageUp: () => move(current - page),
      Home: () => move(0),
      End: () => move(changes.length - 1),
      Enter: () => {
        const c = changes[current];
        if (c) onOpen(c);
      },
    };
    const act = keys[event.key];
    if (!act) return;
    event.preventDefault();
    act();
  };

  return (
    <div
      ref={scrollRef}
      className="changes-list"
      role="grid"
      aria-label="Changes, newest first"
      aria-rowcount={changes.length}
      aria-activedescendant={changes[current] ? `change-row-${current}` : undefined}
      tabIndex={0}
      onKeyDown={onKeyDown}
      data-testid="changes-list"
    >
      {changes.length === 0 ? (
        <p className="muted changes-empty">No change in this window matches these filters.</p>
      ) : (
        <div style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
          {virtualizer.getVirtualItems().map((item) => {
            const c = changes[item.index];
            if (!c) return null;
            const look = KIND_LOOK[c.kind];
            const why = suspects.get(c.id);
            return (
              <div
                key={item.key}
                id={`change-row-${item.index}`}
                role="row"
                aria-rowindex={item.index + 1}
                aria-selected={item.index === current}
                className={`change-row${item.index === current ? ' is-active' : ''}${c.rollout || c.flag ? ' opens' : ''}`}
                data-testid="change-row"
                style={{ transform: `translateY(${item.start}px)`, height: ROW_HEIGHT }}
                onClick={() => {
                  setActive(item.index);
                  onOpen(c);
                }}
              >
                <span role="gridcell" className="tabular muted">
                  {formatDateTime(c.time)}
                </span>
                <span role="gridcell" className="change-kind" style={{ color: `var(${look.color})` }}>
                  <span aria-hidden="true">{look.glyph}</span> {look.word}
                </span>
                <span role="gridcell" className="change-actor">
                  {c.actor}
                </span>
                <span role="gridcell" className="change-where">
                  {c.service && c.environment
                    ? `${c.service} · ${c.environment}`
                    : (c.environment ?? 'whole fleet')}
                </span>
                <span role="gridcell" className="change-summary" title={c.summary}>
                  {why && (
                    <strong className="suspect-badge" title={why}>
                      ◎ suspect
                    </strong>
                  )}
                  {c.summary}
                  {c.source === 'backend' && <span className="muted"> (from the backend)</span>}
                </span>
              </div>
            );
          })}
        </div>
      )}
    </div>
  );
}
