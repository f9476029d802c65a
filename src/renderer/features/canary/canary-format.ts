// Numbers of a canary report as people read them: values in the metric's unit, shifts signed and
// also as a share of the baseline median, p-values without false precision.
import type { MetricJudgement } from '../../../shared/canary';
import { formatSpan } from '../../components/format-duration';
import { formatClock, formatDateTime } from '../../components/format-time';
import { formatMetric } from '../rollout/metric-format';

const MISSING = '—';

const finite = (value: number | null | undefined): value is number =>
  typeof value === 'number' && Number.isFinite(value);

/** "< 0.001", "0.004", "0.31", "> 0.99". */
export function formatPValue(p: number | null | undefined): string {
  if (!finite(p)) return MISSING;
  if (p < 0.001) return '< 0.001';
  if (p < 0.01) return p.toFixed(3);
  if (p > 0.99) return '> 0.99';
  return p.toFixed(2);
}

/** A value in the metric's unit: "142 ms", "0.2%" (ratio), "180 req/s". */
export function formatValue(value: number | null | undefined, unit: string | undefined): string {
  return finite(value) ? formatMetric(value, unit ?? '') : MISSING;
}

/** "+18%", "-5.2%", "+0.04%", "+600%": `pct` is already in percent. */
export function formatSignedPercent(pct: number | null | undefined): string {
  if (!finite(pct)) return MISSING;
  const abs = Math.abs(pct);
  const sign = pct > 0 ? '+' : pct < 0 ? '-' : '';
  let digits: string;
  if (abs === 0) return '0%';
  if (abs >= 10) digits = Math.round(abs).toLocaleString('en-US');
  else if (abs >= 0.1) digits = String(Number(abs.toFixed(1)));
  else digits = String(Number(abs.toPrecision(1)));
  return `${sign}${digits}%`;
}

/** Mean ratio canary / baseline as a change: 1.18 -> "+18%". */
export function formatEffectSize(ratio: number | null | undefined): string {
  return finite(ratio) ? formatSignedPercent((ratio - 1) * 100) : MISSING;
}

/**
 * A difference in the metric's unit, signed. Shares (unit `ratio` or `%`) shift in percentage
 * points, so "+1.2 pp" never reads as "+1.2% of the baseline".
 */
export function formatDelta(value: number | null | undefined, unit: string | undefined): string {
  if (!finite(value)) return MISSING;
  const sign = value > 0 ? '+' : value < 0 ? '-' : '';
  const abs = Math.abs(value);
  if (unit === 'ratio') return `${sign}${formatMetric(abs * 100, '')} pp`;
  if (unit === '%') return `${sign}${formatMetric(abs, '')} pp`;
  return `${sign}${formatMetric(abs, unit ?? '')}`;
}

/** The shift as a share of the baseline median, in percent; null when that median is 0 or missing. */
export function percentOfBaseline(value: number | null | undefined, m: MetricJudgement): number | null {
  const median = m.baselineStats.median;
  if (!finite(value) || !finite(median) || median === 0) return null;
  return (value / Math.abs(median)) * 100;
}

export interface ShiftText {
  /** "+22 ms" */
  estimate: string;
  /** "+18%" of the baseline median, or null */
  percent: string | null;
  /** "+15 ms to +30 ms", or null without a CI */
  ci: string | null;
  /** "+12% to +24%", or null */
  ciPercent: string | null;
}

/** The location shift (canary minus baseline) with its confidence interval. */
export function shiftText(m: MetricJudgement): ShiftText {
  const pct = percentOfBaseline(m.estimate, m);
  const ci = m.confidenceInterval;
  const lo = ci ? percentOfBaseline(ci[0], m) : null;
  const hi = ci ? percentOfBaseline(ci[1], m) : null;
  return {
    estimate: formatDelta(m.estimate, m.unit),
    percent: pct === null ? null : formatSignedPercent(pct),
    ci: ci ? `${formatDelta(ci[0], m.unit)} to ${formatDelta(ci[1], m.unit)}` : null,
    ciPercent: lo !== null && hi !== null ? `${formatSignedPercent(lo)} to ${formatSignedPercent(hi)}` : null,
  };
}

/** "95%" */
export function formatConfidence(level: number): string {
  return `${Number((level * 100).toFixed(1))}%`;
}

/** "2025-11-27 14:00:00 – 14:10:00 UTC (10m)"; both dates when the window spans midnight. */
export function formatWindow(window: { from: string; to: string }): string {
  const from = Date.parse(window.from);
  const to = Date.parse(window.to);
  if (Number.isNaN(from) || Number.isNaN(to)) return `${window.from} – ${window.to}`;
  const sameDay = new Date(from).toISOString().slice(0, 10) === new Date(to).toISOString().slice(0, 10);
  const end = sameDay ? formatClock(to) : formatDateTime(to);
  return `${formatDateTime(from)} – ${end} UTC (${formatSpan((to - from) / 1000)})`;
}
