import { useMemo } from 'react';
import { CartesianGrid, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import type { RolloutDetail } from '../../../shared/domain';
import { chartPalette } from '../../components/chart-palette';
import { formatClock } from '../../components/format-time';
import { useThemeStore } from '../../store/theme-store';
import { timeAxisProps, tooltipProps, valueAxisProps, type TimeDomain } from './chart-axis';

interface Point {
  t: number;
  weight: number;
}

/** The weight history cut to the window: the weight in force at its start, the changes, up to its end. */
function pointsInWindow(rollout: RolloutDetail, [start, end]: TimeDomain): Point[] {
  const all = rollout.weightHistory
    .map((p) => ({ t: Date.parse(p.time), weight: p.weight }))
    .filter((p) => !Number.isNaN(p.t))
    .sort((a, b) => a.t - b.t);
  // The current weight is the truth even if the history has not recorded its last change.
  const latest = all[all.length - 1];
  const updated = Date.parse(rollout.updatedAt);
  if (latest && latest.weight !== rollout.weight) {
    all.push({ t: Math.max(latest.t, Number.isNaN(updated) ? latest.t : updated), weight: rollout.weight });
  }
  const before = all.filter((p) => p.t <= start).pop();
  const inside = all.filter((p) => p.t > start && p.t <= end);
  // Before the first recorded change the new version had no traffic.
  const points = [{ t: start, weight: before?.weight ?? 0 }, ...inside];
  const last = points[points.length - 1];
  if (last && last.t < end) points.push({ t: end, weight: last.weight });
  return points;
}

/** Canary weight over the same window as the metric charts, drawn as steps. */
export function WeightChart({ rollout, domain }: { rollout: RolloutDetail; domain: TimeDomain }) {
  const palette = chartPalette(useThemeStore((s) => s.theme));
  const data = useMemo(() => pointsInWindow(rollout, domain), [rollout, domain]);

  return (
    <figure
      className="chart-card"
      data-testid="chart-weight"
      aria-label={`Canary weight over time, now ${rollout.weight}%`}
    >
      <figcaption className="chart-head">
        <span className="chart-title">Canary weight</span>
      </figcaption>
      <div className="chart-legend tabular">
        <span className="legend-item">
          <svg width="18" height="8" aria-hidden="true">
            <line x1="0" y1="4" x2="18" y2="4" stroke={palette.weight} strokeWidth="2" />
          </svg>
          weight now <strong>{rollout.weight}%</strong>
        </span>
      </div>
      <div className="chart-body">
        <ResponsiveContainer width="100%" height="100%">
          <LineChart data={data} margin={{ top: 8, right: 12, bottom: 0, left: 0 }}>
            <CartesianGrid stroke={palette.grid} strokeDasharray="3 3" />
            <XAxis {...timeAxisProps(palette, domain)} />
            <YAxis {...valueAxisProps(palette)} domain={[0, 100]} ticks={[0, 25, 50, 75, 100]} unit="%" />
            <Tooltip
              {...tooltipProps(palette)}
              labelFormatter={(t) => `${formatClock(Number(t))} UTC`}
              formatter={(v) => [`${String(v)}%`, 'Weight']}
            />
            <Line
              type="stepAfter"
              dataKey="weight"
              name="Weight"
              stroke={palette.weight}
              strokeWidth={2}
              dot={false}
              isAnimationActive={false}
            />
          </LineChart>
        </ResponsiveContainer>
      </div>
    </figure>
  );
}
