import { useMemo, type ReactNode } from 'react';
import {
  CartesianGrid,
  Line,
  LineChart,
  ReferenceLine,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';
import type { MetricName, MetricSeries } from '../../../shared/domain';
import { chartPalette, type ChartPalette } from '../../components/chart-palette';
import { formatAge } from '../../components/format-duration';
import { formatClock } from '../../components/format-time';
import { StatusIcon } from '../../components/status-icon';
import { useSimNow } from '../../components/use-now';
import { useThemeStore } from '../../store/theme-store';
import type { BoundLine } from './chart-bounds';
import { timeAxisProps, tooltipProps, valueAxisProps, type TimeDomain } from './chart-axis';
import { formatMetric, METRIC_LABELS } from './metric-format';

interface MetricChartProps {
  metric: MetricName;
  series: MetricSeries | undefined;
  loading: boolean;
  domain: TimeDomain;
  /** Replaces the title, e.g. with a metric selector. */
  title?: ReactNode;
  /** The canary judge's allowed and critical bounds, drawn across the chart. */
  bounds?: readonly BoundLine[];
}

/** A legend's sample of a line: the same stroke, width and dashes as on the chart. */
function Swatch({ stroke, width, dash }: { stroke: string; width: number; dash?: string }) {
  return (
    <svg width="18" height="8" aria-hidden="true">
      <line x1="0" y1="4" x2="18" y2="4" stroke={stroke} strokeWidth={width} strokeDasharray={dash} />
    </svg>
  );
}

/** Allowed bounds dotted, critical ones dashed and in the critical colour: told apart by more than hue. */
function boundStroke(b: BoundLine, palette: ChartPalette): { stroke: string; dash: string } {
  return b.kind === 'critical'
    ? { stroke: palette.critical, dash: '6 2' }
    : { stroke: palette.axis, dash: '1 3' };
}

/** A series the backend could not give now: its words, and how old the points shown are. */
function StaleNote({ series }: { series: MetricSeries }) {
  const now = useSimNow(5_000);
  const readAt = series.readAt === undefined ? Number.NaN : Date.parse(series.readAt);
  return (
    <p className="chart-stale" role="status" data-testid="chart-stale">
      <StatusIcon name="disconnected" />
      {Number.isNaN(readAt)
        ? `No series: ${series.error ?? ''}`
        : `Stale, read ${formatAge(now - readAt)} ago: ${series.error ?? ''}`}
    </p>
  );
}

function lastValue(series: MetricSeries, key: 'baseline' | 'canary'): number | null {
  for (let i = series.points.length - 1; i >= 0; i--) {
    const value = series.points[i]?.[key];
    if (value !== null && value !== undefined) return value;
  }
  return null;
}

/** Baseline (dashed) against canary (solid): the lines differ in style and are named in words. */
export function MetricChart({ metric, series, loading, domain, title, bounds = [] }: MetricChartProps) {
  const palette = chartPalette(useThemeStore((s) => s.theme));
  const data = useMemo(
    () =>
      (series?.points ?? [])
        .map((p) => ({ t: Date.parse(p.time), baseline: p.baseline, canary: p.canary }))
        .filter((p) => !Number.isNaN(p.t)),
    [series],
  );
  const unit = series?.unit ?? '';
  const baseline = series ? lastValue(series, 'baseline') : null;
  const canary = series ? lastValue(series, 'canary') : null;
  const label = METRIC_LABELS[metric];

  return (
    <figure
      className="chart-card"
      data-testid={`chart-${metric}`}
      aria-label={`${label}: baseline ${formatMetric(baseline, unit)}, canary ${formatMetric(canary, unit)}`}
    >
      <figcaption className="chart-head">
        <span className="chart-title">{title ?? label}</span>
      </figcaption>
      {series?.error !== undefined && <StaleNote series={series} />}
      <div className="chart-legend tabular">
        <span className="legend-item">
          <Swatch stroke={palette.baseline} width={2} dash="4 3" />
          baseline <strong>{formatMetric(baseline, unit)}</strong>
        </span>
        <span className="legend-item">
          <Swatch stroke={palette.canary} width={2.5} />
          canary <strong>{formatMetric(canary, unit)}</strong>
        </span>
        {bounds.map((b) => (
          <span key={`${b.kind}-${b.direction}`} className="legend-item" data-testid={`bound-${b.kind}`}>
            <Swatch stroke={boundStroke(b, palette).stroke} width={1.5} dash={boundStroke(b, palette).dash} />
            {b.label} <strong>{formatMetric(b.value, unit)}</strong>
          </span>
        ))}
      </div>
      <div className="chart-body">
        {data.length === 0 ? (
          <p className="chart-empty">{loading ? 'Loading…' : 'No data in this window.'}</p>
        ) : (
          <ResponsiveContainer width="100%" height="100%">
            <LineChart data={data} margin={{ top: 8, right: 12, bottom: 0, left: 0 }}>
              <CartesianGrid stroke={palette.grid} strokeDasharray="3 3" />
              <XAxis {...timeAxisProps(palette, domain)} />
              <YAxis
                {...valueAxisProps(palette)}
                tickFormatter={(v: number) => formatMetric(v, unit === '%' || unit === 'ratio' ? unit : '')}
              />
              <Tooltip
                {...tooltipProps(palette)}
                labelFormatter={(t) => `${formatClock(Number(t))} UTC`}
                formatter={(v, name) => [formatMetric(typeof v === 'number' ? v : null, unit), String(name)]}
              />
              {bounds.map((b) => (
                <ReferenceLine
                  key={`${b.kind}-${b.direction}`}
                  y={b.value}
                  ifOverflow="extendDomain"
                  stroke={boundStroke(b, palette).stroke}
                  strokeDasharray={boundStroke(b, palette).dash}
                  label={{ value: b.label, position: 'insideTopRight', fill: palette.text, fontSize: 11 }}
                />
              ))}
              <Line
                type="monotone"
                dataKey="baseline"
                name="baseline"
                stroke={palette.baseline}
                strokeWidth={1.6}
                strokeDasharray="5 4"
                dot={false}
                connectNulls={false}
                isAnimationActive={false}
              />
              <Line
                type="monotone"
                dataKey="canary"
                name="canary"
                stroke={palette.canary}
                strokeWidth={2.2}
                dot={false}
                connectNulls={false}
                isAnimationActive={false}
              />
            </LineChart>
          </ResponsiveContainer>
        )}
      </div>
    </figure>
  );
}
