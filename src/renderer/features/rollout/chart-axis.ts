import { formatHourMinute } from '../../components/format-time';
import type { ChartPalette } from '../../components/chart-palette';

/** Shared look of the time axis and value axis of every chart. */
/** [start, end] in backend-clock ms: every chart of a rollout shows the same window. */
export type TimeDomain = readonly [number, number];

const TICK_MINUTES = [1, 2, 5, 10, 15, 30, 60, 120, 180, 360, 720, 1440];

/** Ticks on round minutes (every 2, 5, 10… min), at most `max` of them. */
export function timeTicks([start, end]: TimeDomain, max = 8): number[] {
  const span = end - start;
  const minutes = TICK_MINUTES.find((m) => span / (m * 60_000) <= max) ?? 1440;
  const step = minutes * 60_000;
  const ticks: number[] = [];
  for (let t = Math.ceil(start / step) * step; t <= end; t += step) ticks.push(t);
  return ticks;
}

export function timeAxisProps(palette: ChartPalette, domain: TimeDomain) {
  return {
    ticks: timeTicks(domain),
    dataKey: 't',
    type: 'number' as const,
    scale: 'time' as const,
    domain: [domain[0], domain[1]] as [number, number],
    allowDataOverflow: true,
    tickFormatter: (t: number) => formatHourMinute(t),
    stroke: palette.axis,
    tick: { fill: palette.axis, fontSize: 11 },
    minTickGap: 24,
  };
}

export function valueAxisProps(palette: ChartPalette) {
  return {
    stroke: palette.axis,
    tick: { fill: palette.axis, fontSize: 11 },
    width: 60,
  };
}

export function tooltipProps(palette: ChartPalette) {
  return {
    contentStyle: {
      background: palette.tooltipBg,
      border: `1px solid ${palette.tooltipBorder}`,
      borderRadius: 6,
      color: palette.text,
      fontSize: 12,
    },
    labelStyle: { color: palette.text },
    isAnimationActive: false,
  };
}
