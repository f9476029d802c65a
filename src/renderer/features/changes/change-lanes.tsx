import { useVirtualizer } from '@tanstack/react-virtual';
import { memo, useEffect, useMemo, useRef } from 'react';
import type { AlertSpan } from '../../../shared/alerts';
import type { ChangeLane, ChangesListResult } from '../../../shared/api/changes-api';
import type { Change } from '../../../shared/changes';
import { formatHourMinute } from '../../components/format-time';
import { useThemeStore } from '../../store/theme-store';
import { drawLane, laneMarks, MARK_BUCKET_PX, xOf, type Axis } from './draw-lane';
import { useElementWidth } from './use-element-width';

const LANE_HEIGHT = 56;
const LABEL_WIDTH = 220;
/** Changes that concern no one lane (freezes) get a lane of their own, on top. */
const FLEET_WIDE = '\u0000fleet';

interface LaneRow {
  key: string;
  title: string;
  lane?: ChangeLane;
  changes: Change[];
  alerts: AlertSpan[];
}

function laneRows(data: ChangesListResult): LaneRow[] {
  const byLane = new Map<string, Change[]>();
  for (const c of data.changes) {
    const key =
      c.service !== undefined && c.environment !== undefined
        ? `${c.service}\u0000${c.environment}`
        : FLEET_WIDE;
    const list = byLane.get(key);
    if (list) list.push(c);
    else byLane.set(key, [c]);
  }
  const rows: LaneRow[] = [];
  const wide = byLane.get(FLEET_WIDE);
  const fleetAlerts = data.alerts.filter((a) => a.service === undefined && a.environment === undefined);
  if (wide || fleetAlerts.length > 0)
    rows.push({ key: FLEET_WIDE, title: 'Whole fleet', changes: wide ?? [], alerts: fleetAlerts });
  for (const lane of data.lanes) {
    const key = `${lane.service}\u0000${lane.environment}`;
    rows.push({
      key,
      title: `${lane.service} · ${lane.environment}`,
      lane,
      changes: byLane.get(key) ?? [],
      alerts: data.alerts.filter(
        (a) =>
          (a.service === undefined || a.service === lane.service) &&
          (a.environment === undefined || a.environment === lane.environment) &&
          (a.service !== undefined || a.environment !== undefined),
      ),
    });
  }
  return rows;
}

const LaneCanvas = memo(function LaneCanvas({
  row,
  axis,
  theme,
  onOpen,
}: {
  row: LaneRow;
  axis: Axis;
  theme: string;
  onOpen: (change: Change) => void;
}) {
  const ref = useRef<HTMLCanvasElement>(null);
  const marks = useMemo(() => laneMarks(row.changes, axis, row.lane?.suspect?.changeId), [row, axis]);
  useEffect(() => {
    if (ref.current) drawLane(ref.current, axis, LANE_HEIGHT, row.lane, marks, row.alerts);
  }, [axis, row, marks, theme]);
  const unavailable = row.lane && 'unavailable' in row.lane.burn ? row.lane.burn.unavailable : undefined;
  return (
    <div className="lane-plot" style={{ width: axis.width, height: LANE_HEIGHT }}>
      <canvas
        ref={ref}
        aria-hidden="true"
        onClick={(event) => {
          const x = event.nativeEvent.offsetX;
          let best: (typeof marks)[number] | undefined;
          for (const m of marks)
            if (Math.abs(m.x - x) <= MARK_BUCKET_PX && (!best || Math.abs(m.x - x) < Math.abs(best.x - x)))
              best = m;
          if (best) onOpen(best.change);
        }}
      />
      {unavailable && <span className="lane-unavailable">⚠ No error rate: {unavailable}</span>}
    </div>
  );
});

export function ChangeLanes({ data, onOpen }: { data: ChangesListResult; onOpen: (change: Change) => void }) {
  const plotRef = useRef<HTMLDivElement>(null);
  const scrollRef = useRef<HTMLDivElement>(null);
  const theme = useThemeStore((s) => s.theme);
  const width = Math.max(0, useElementWidth(plotRef) - LABEL_WIDTH);
  const from = Date.parse(data.from);
  const to = Date.parse(data.to);
  const axis = useMemo<Axis>(() => ({ from, to, width }), [from, to, width]);
  const rows = useMemo(() => laneRows(data), [data]);
  const byId = useMemo(() => new Map(data.changes.map((c) => [c.id, c])), [data.changes]);
  const ticks = useMemo(() => {
    const out: number[] = [];
    const step = Math.max(60_000, (to - from) / 8);
    for (let t = from; t <= to; t += step) out.push(t);
    return out;
  }, [from, to]);

  // eslint-disable-next-line react-hooks/incompatible-library
  const virtualizer = useVirtualizer({
    count: rows.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => LANE_HEIGHT + 1,
    overscan: 3,
  });

  return (
    <div className="changes-lanes-box" ref={plotRef}>
      <div className="lane-axis" aria-hidden="true" style={{ paddingLeft: LABEL_WIDTH }}>
        {ticks.map((t) => (
          <span key={t} className="lane-tick" style={{ left: LABEL_WIDTH + xOf(axis, t) }}>
            {formatHourMinute(t)}
          </span>
        ))}
      </div>
      <div
        ref={scrollRef}
        className="changes-lanes"
        role="list"
        aria-label="One lane per service and environment: changes, error rate and alerts on one time axis"
      >
        {rows.length === 0 && <p className="muted changes-empty">No service has a lane in this view.</p>}
        <div style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
          {virtualizer.getVirtualItems().map((item) => {
            const row = rows[item.index];
            if (!row) return null;
            const suspect = row.lane?.suspect;
            const suspectChange = suspect ? byId.get(suspect.changeId) : undefined;
            return (
              <div
                key={row.key}
                role="listitem"
                className="lane"
                data-testid="change-lane"
                data-lane={row.key}
                data-kinds={[...new Set(row.changes.map((c) => c.kind))].sort().join(' ')}
                style={{ transform: `translateY(${item.start}px)`, height: LANE_HEIGHT }}
              >
                <div className="lane-label" style={{ width: LABEL_WIDTH }}>
                  <strong>{row.title}</strong>
                  <span className="muted">
                    {row.changes.length} change{row.changes.length === 1 ? '' : 's'}
                    {row.alerts.length > 0
                      ? ` · ⚠ ${row.alerts.length} alert${row.alerts.length === 1 ? '' : 's'}`
                      : ''}
                  </span>
                  {suspect && suspectChange && (
                    <button
                      type="button"
                      className="lane-suspect"
                      title={`Suspect: ${suspectChange.summary} — ${suspect.why}`}
                      onClick={() => onOpen(suspectChange)}
                    >
                      ◎ suspect: {suspectChange.summary}
                    </button>
                  )}
                </div>
                <LaneCanvas row={row} axis={axis} theme={theme} onOpen={onOpen} />
              </div>
            );
          })}
        </div>
      </div>
    </div>
  );
}
