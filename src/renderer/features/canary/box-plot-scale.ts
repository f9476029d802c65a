// The common value axis of the baseline and canary box plots: round ticks covering both samples.
import type { SampleStats } from '../../../shared/canary';

export interface BoxScale {
  lo: number;
  hi: number;
  ticks: number[];
}

function niceStep(span: number, count: number): number {
  const raw = span / Math.max(1, count);
  const magnitude = 10 ** Math.floor(Math.log10(raw));
  const residual = raw / magnitude;
  const nice = residual <= 1 ? 1 : residual <= 2 ? 2 : residual <= 2.5 ? 2.5 : residual <= 5 ? 5 : 10;
  return nice * magnitude;
}

/** Round ticks from at or below `min` to at or above `max`, about `count` intervals. */
export function niceScale(min: number, max: number, count = 4): BoxScale {
  if (!Number.isFinite(min) || !Number.isFinite(max)) return { lo: 0, hi: 1, ticks: [0, 1] };
  if (max < min) [min, max] = [max, min];
  if (max === min) {
    const pad = min === 0 ? 1 : Math.abs(min) * 0.1;
    min -= pad;
    max += pad;
  }
  const step = niceStep(max - min, count);
  const lo = Math.floor(min / step) * step;
  const hi = Math.ceil(max / step) * step;
  const ticks: number[] = [];
  for (let i = 0; lo + i * step <= hi + step * 1e-9; i++) ticks.push(Number((lo + i * step).toPrecision(12)));
  return { lo: ticks[0] ?? lo, hi: ticks[ticks.length - 1] ?? hi, ticks };
}

/** The five numbers a box plot needs, or null when the sample had no data. */
export interface FiveNumbers {
  min: number;
  p25: number;
  median: number;
  p75: number;
  max: number;
  mean: number | null;
}

export function fiveNumbers(stats: SampleStats): FiveNumbers | null {
  const { min, p25, median, p75, max, mean } = stats;
  const all = [min, p25, median, p75, max];
  if (stats.count === 0 || all.some((v) => v === null || !Number.isFinite(v))) return null;
  return {
    min: min as number,
    p25: p25 as number,
    median: median as number,
    p75: p75 as number,
    max: max as number,
    mean: mean !== null && Number.isFinite(mean) ? mean : null,
  };
}

/** One axis for both samples, so their boxes compare at a glance. */
export function commonScale(a: FiveNumbers | null, b: FiveNumbers | null): BoxScale {
  const values = [a, b].flatMap((s) => (s ? [s.min, s.max, ...(s.mean === null ? [] : [s.mean])] : []));
  if (values.length === 0) return niceScale(0, 1);
  return niceScale(Math.min(...values), Math.max(...values));
}
