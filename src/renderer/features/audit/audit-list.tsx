import { useVirtualizer } from '@tanstack/react-virtual';
import { useCallback, useRef, useState } from 'react';
import { AUDIT_COLUMNS } from './audit-columns';
import type { AuditEntry } from './audit-entries';
import { AuditRow } from './audit-row';

/** 32 px line + 1 px border. */
const ROW_HEIGHT = 33;
const HEADER_HEIGHT = 30;

/**
 * Newest first, one row per entry (an action with its request, changes and outcome, or a lone
 * record), virtualised so 100,000 records stay smooth; rows grow when their details open.
 */
export function AuditList({ entries, filtered }: { entries: AuditEntry[]; filtered: boolean }) {
  const scrollRef = useRef<HTMLDivElement>(null);
  const [expanded, setExpanded] = useState<ReadonlySet<number>>(() => new Set());

  // The app does not use the React Compiler, so nothing memoises around the virtualizer.
  // eslint-disable-next-line react-hooks/incompatible-library
  const virtualizer = useVirtualizer({
    count: entries.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 16,
    scrollMargin: HEADER_HEIGHT,
    getItemKey: (index) => entries[index]?.seq ?? index,
  });

  // Only expanded rows are measured: measuring every row costs O(records) per measurement,
  // which makes 100,000 records crawl. Collapsed rows have a fixed height.
  const toggle = useCallback(
    (seq: number) => {
      const next = new Set(expanded);
      if (next.has(seq)) {
        next.delete(seq);
        const index = entries.findIndex((e) => e.seq === seq);
        if (index >= 0) virtualizer.resizeItem(index, ROW_HEIGHT);
      } else {
        next.add(seq);
      }
      setExpanded(next);
    },
    [expanded, entries, virtualizer],
  );

  const items = virtualizer.getVirtualItems();
  return (
    <div
      ref={scrollRef}
      className="audit-list"
      role="grid"
      aria-label="Audit records, newest first"
      aria-rowcount={entries.length + 1}
      tabIndex={0}
    >
      <div className="audit-header audit-line" role="row" aria-rowindex={1} style={{ height: HEADER_HEIGHT }}>
        {AUDIT_COLUMNS.map((c) => (
          <span key={c.id} role="columnheader" className="cell cell-head">
            {c.label}
          </span>
        ))}
      </div>
      {entries.length === 0 ? (
        <p className="audit-empty">
          {filtered ? 'No audit record matches these filters.' : 'The audit log is empty.'}
        </p>
      ) : (
        <div className="audit-body" role="rowgroup" style={{ height: virtualizer.getTotalSize() }}>
          <div
            className="audit-window"
            style={{ transform: `translateY(${(items[0]?.start ?? HEADER_HEIGHT) - HEADER_HEIGHT}px)` }}
          >
            {items.map((item) => {
              const entry = entries[item.index];
              if (!entry) return null;
              return (
                <div
                  key={item.key}
                  data-index={item.index}
                  ref={expanded.has(entry.seq) ? virtualizer.measureElement : undefined}
                  style={expanded.has(entry.seq) ? undefined : { height: ROW_HEIGHT }}
                >
                  <AuditRow
                    entry={entry}
                    index={item.index}
                    expanded={expanded.has(entry.seq)}
                    onToggle={toggle}
                  />
                </div>
              );
            })}
          </div>
        </div>
      )}
    </div>
  );
}
