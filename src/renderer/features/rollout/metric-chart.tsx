import { useMemo, type ReactNode } from 'react';
import { CartesianGrid, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import type { MetricName, MetricSeries } from '../../../shared/domain';
import { chartPalette } from '../../components/chart-palette';
import { formatClock } from '../../components/format-time';
import { useThemeStore } from '../../store/theme-store';
import { timeAxisProps, tooltipProps, valueAxisProps, type TimeDomain } from './chart-axis';
import { formatMetric, METRIC_LABELS } from './metric-format';

interface MetricChartProps {
  metric: MetricName;
  series: MetricSeries | undefined;
  loading: boolean;
  domain: TimeDomain;
  /** Replaces the title, e.g. with a metric selector. */
  title?: ReactNode;
}

function lastValue(series: MetricSeries, key: 'baseline' | 'canary'): number | null {
  for (let i = series.points.length - 1; i >= 0; i--) {
    const value = series.points[i]?.[key];
    if (value !== null && value !== undefined) return value;
  }
  return null;
}

/** Baseline (dashed) against canary (solid): the lines differ in style and are named in words. */
export function MetricChart({ metric, series, loading, domain, title }: MetricChartProps) {
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
      <div className="chart-legend tabular">
        <span className="legend-item">
          <svg width="18" height="8" aria-hidden="true">
            <line
              x1="0"
              y1="4"
              x2="18"
              y2="4"
              stroke={palette.baseline}
              strokeWidth="2"
              strokeDasharray="4 3"
            />
          </svg>
          baseline <strong>{formatMetric(baseline, unit)}</strong>
        </span>
        <span className="legend-item">
          <svg width="18" height="8" aria-hidden="true">
            <line x1="0" y1="4" x2="18" y2="4" stroke={palette.canary} strokeWidth="2.5" />
          </svg>
          canary <strong>{formatMetric(canary, unit)}</strong>
        </span>
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
