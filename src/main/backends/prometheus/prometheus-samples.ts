// Prometheus's answers as the control room's samples. Values arrive as strings, "NaN", "+Inf" and
// "-Inf" among them: those stay non-finite numbers here, for the metric's NaN strategy to decide.
import type { MetricSample } from '../../core/rollouts/metrics-backend';
import { PrometheusError } from './prometheus-http';

/** A sample value as Prometheus writes it. Unreadable text is NaN: missing, not zero. */
export function sampleValue(text: unknown): number {
  if (text === '+Inf' || text === 'Inf') return Number.POSITIVE_INFINITY;
  if (text === '-Inf') return Number.NEGATIVE_INFINITY;
  if (typeof text !== 'string' || text.trim() === '') return Number.NaN;
  return Number(text);
}

type Labels = Record<string, string>;

interface RangeSeries {
  metric: Labels;
  values: unknown[];
}

function isObject(x: unknown): x is Record<string, unknown> {
  return typeof x === 'object' && x !== null && !Array.isArray(x);
}

/** `{version="1.0.0", instance="a:9100"}`, as PromQL writes a label set. */
export function labelSet(labels: Labels): string {
  return `{${Object.entries(labels)
    .map(([k, v]) => `${k}=${JSON.stringify(v)}`)
    .join(', ')}}`;
}

function shapeError(what: string): PrometheusError {
  return new PrometheusError(`Prometheus's answer is not ${what}`, 'connection');
}

/** The answer's result list, checked to be of `type` (matrix for ranges; vector or scalar for instants). */
export function resultOf(data: unknown, types: readonly string[]): { resultType: string; result: unknown } {
  if (!isObject(data) || typeof data.resultType !== 'string') throw shapeError('a query result');
  if (!types.includes(data.resultType))
    throw new PrometheusError(
      `the query gives a ${data.resultType === 'matrix' ? 'range vector' : data.resultType}; it must give ${types.join(' or ')}`,
      'query',
    );
  return { resultType: data.resultType, result: data.result };
}

/**
 * The one series a range query gave, as samples in [from, to). No series at all is no data (an
 * empty list, never a zero); more than one is a query that needs aggregating, named as such.
 */
export function rangeSamples(data: unknown, from: number, to: number): MetricSample[] {
  const { result } = resultOf(data, ['matrix']);
  if (!Array.isArray(result)) throw shapeError('a list of series');
  const series = result.filter(
    (s): s is RangeSeries => isObject(s) && isObject(s.metric) && Array.isArray(s.values),
  );
  if (series.length !== result.length) throw shapeError('a list of series');
  if (series.length === 0) return [];
  if (series.length > 1) {
    const shown = series.slice(0, 3).map((s) => labelSet(s.metric));
    const more = series.length > 3 ? ` and ${series.length - 3} more` : '';
    throw new PrometheusError(
      `the query gives ${series.length} series (${shown.join(', ')}${more}) where one is needed per version: aggregate it, e.g. sum(…) or max(…)`,
      'query',
    );
  }
  const samples: MetricSample[] = [];
  for (const point of (series[0] as RangeSeries).values) {
    if (!Array.isArray(point) || typeof point[0] !== 'number') throw shapeError('[time, value] pairs');
    const time = Math.round(point[0] * 1000);
    if (time >= from && time < to) samples.push({ time, value: sampleValue(point[1]) });
  }
  return samples;
}
