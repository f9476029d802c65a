// The canary judge's allowances as lines on a metric's chart: the canary mean above the baseline
// mean times allowedIncrease is "high", past criticalIncrease it fails the canary (decrease alike).
import type { MetricBounds } from '../../../shared/canary';

export interface BoundLine {
  kind: 'allowed' | 'critical';
  direction: 'increase' | 'decrease';
  /** In the metric's unit: the baseline mean times the ratio. */
  value: number;
  /** "allowed +50%", "critical ×3" */
  label: string;
}

function ratioText(ratio: number): string {
  if (ratio >= 2) return `×${Number(ratio.toFixed(2))}`;
  const percent = Math.round((ratio - 1) * 100);
  return `${percent >= 0 ? '+' : ''}${percent}%`;
}

/** The lines to draw, none when there is no baseline mean to scale (no data, or a zero mean). */
export function boundLines(bounds: MetricBounds | undefined, baselineMean: number | null): BoundLine[] {
  if (!bounds || baselineMean === null || !Number.isFinite(baselineMean) || baselineMean === 0) return [];
  const lines: BoundLine[] = [];
  const add = (kind: BoundLine['kind'], direction: BoundLine['direction'], ratio: number | undefined) => {
    if (ratio === undefined || !Number.isFinite(ratio)) return;
    lines.push({ kind, direction, value: baselineMean * ratio, label: `${kind} ${ratioText(ratio)}` });
  };
  add('allowed', 'increase', bounds.allowedIncrease);
  add('critical', 'increase', bounds.criticalIncrease);
  add('allowed', 'decrease', bounds.allowedDecrease);
  add('critical', 'decrease', bounds.criticalDecrease);
  return lines;
}
