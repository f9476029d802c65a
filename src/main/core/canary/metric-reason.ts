// The one-line reason of a metric's label, for people who never studied statistics: how much the
// canary moved (relative to the baseline median), how sure we are (the confidence interval), and
// which allowance that breaks or keeps, e.g. "p99 latency +18% (CI +12%..+24%), above the allowed +10%".
import type { MetricDirection } from '../../../shared/canary';
import { amount, ratioAsChange, signedAmount, signedPercent } from './reason-format';

export interface ShiftFacts {
  label: string;
  unit: string | undefined;
  /** Location shift canary minus baseline, and its confidence interval. */
  estimate: number;
  interval: [number, number];
  baselineMedian: number;
  /** Mean ratio canary / baseline. */
  ratio: number;
}

/** "p99 latency +18% (CI +12%..+24%)", or in the metric's unit when the baseline median is 0. */
export function shiftPhrase(f: ShiftFacts): string {
  const [lo, hi] = f.interval;
  if (f.baselineMedian !== 0 && Number.isFinite(f.baselineMedian)) {
    const rel = (x: number) => signedPercent(x / Math.abs(f.baselineMedian));
    return `${f.label} ${rel(f.estimate)} (CI ${rel(lo)}..${rel(hi)})`;
  }
  const abs = (x: number) => signedAmount(x, f.unit);
  return `${f.label} ${abs(f.estimate)} from a baseline median of 0 (CI ${abs(lo)}..${abs(hi)})`;
}

/** The headline change as a fraction of the baseline median; null when that median is 0. */
function headline(f: ShiftFacts): number | null {
  return f.baselineMedian !== 0 && Number.isFinite(f.baselineMedian)
    ? f.estimate / Math.abs(f.baselineMedian)
    : null;
}

/**
 * The allowance is about the mean ratio while the headline is the median shift; when the two tell
 * different stories the average is named too, so the sentence never contradicts itself.
 */
function beyond(f: ShiftFacts, side: 'high' | 'low', limit: number, what: 'allowed' | 'critical'): string {
  const change = headline(f);
  const agrees = change !== null && (side === 'high' ? change > limit - 1 : change < limit - 1);
  const word = what === 'critical' ? 'beyond' : side === 'high' ? 'above' : 'below';
  const bound = `${word} the ${what} ${ratioAsChange(limit)}`;
  if (agrees) return bound;
  if (!Number.isFinite(f.ratio)) return `${bound} (the baseline average is 0)`;
  return `average ${ratioAsChange(f.ratio)}, ${bound}`;
}

function within(f: ShiftFacts, side: 'high' | 'low', limit: number): string {
  const change = headline(f);
  const agrees = change !== null && (side === 'high' ? change <= limit - 1 : change >= limit - 1);
  const bound = `within the allowed ${ratioAsChange(limit)}`;
  return agrees ? bound : `average ${ratioAsChange(f.ratio)}, ${bound}`;
}

export type ComparedOutcome =
  | { kind: 'high' | 'low'; allowed: number; critical?: { effect: number } | 'metric' }
  | { kind: 'pass'; direction: MetricDirection; allowedIncrease: number; allowedDecrease: number };

export function comparedReason(f: ShiftFacts, outcome: ComparedOutcome): string {
  const shift = shiftPhrase(f);
  if (outcome.kind === 'pass') {
    const [lo, hi] = f.interval;
    if (lo > 0)
      return outcome.direction === 'decrease'
        ? `${shift}, higher than baseline, which is fine`
        : `${shift}, ${within(f, 'high', outcome.allowedIncrease)}`;
    if (hi < 0)
      return outcome.direction === 'increase'
        ? `${shift}, lower than baseline, which is fine`
        : `${shift}, ${within(f, 'low', outcome.allowedDecrease)}`;
    return `${shift}, no clear difference from baseline`;
  }
  const crit = outcome.critical;
  if (crit !== undefined && crit !== 'metric')
    return `${shift}, ${beyond(f, outcome.kind, crit.effect, 'critical')}: fails the canary`;
  const bound = beyond(f, outcome.kind, outcome.allowed, 'allowed');
  return crit === 'metric' ? `${shift}, ${bound}; a critical metric: fails the canary` : `${shift}, ${bound}`;
}

export function noDataReason(
  label: string,
  counts: { baseline: number; canary: number; removedBaseline: number; removedCanary: number },
  required: boolean,
): string {
  const missing =
    counts.baseline === 0 && counts.canary === 0
      ? 'no baseline or canary data'
      : counts.canary === 0
        ? 'no canary data'
        : 'no baseline data';
  const removed = counts.removedBaseline + counts.removedCanary;
  const why = removed > 0 ? ` (${removed} samples dropped as missing or outliers)` : '';
  return `${label}: ${missing}${why}${required ? '; this metric must have data, so it fails' : ''}`;
}

export function identicalReason(label: string): string {
  return `${label}: canary and baseline values are identical`;
}

export function constantReason(label: string, value: number, unit: string | undefined): string {
  return `${label}: every value is ${amount(value, unit)} in both, no difference`;
}

export function errorReason(label: string, message: string, critical: boolean): string {
  return `${label} could not be compared: ${message}${critical ? '; a critical metric: fails the canary' : ''}`;
}

export function unreadableReason(label: string, message: string): string {
  return `${label} could not be read: ${message}`;
}
