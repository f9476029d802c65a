import type { MetricName } from '../../../shared/domain';

export const METRIC_LABELS: Record<MetricName, string> = {
  requestRate: 'Request rate',
  errorRate: 'Error rate',
  latencyP50: 'Latency p50',
  latencyP90: 'Latency p90',
  latencyP99: 'Latency p99',
  cpu: 'CPU',
};

/** Up to 3 significant digits, no trailing zeros: 1234, 70, 2.8, 0.042. */
function round(value: number): string {
  const abs = Math.abs(value);
  if (abs === 0) return '0';
  if (abs >= 100) return value.toFixed(0);
  if (abs >= 10) return String(Number(value.toFixed(1)));
  if (abs >= 1) return String(Number(value.toFixed(2)));
  return String(Number(value.toPrecision(2)));
}

export function formatMetric(value: number | null | undefined, unit: string): string {
  if (value === null || value === undefined || Number.isNaN(value)) return '—';
  if (unit === '%') return `${round(value)}%`;
  if (unit === 'ratio') return `${round(value * 100)}%`;
  return unit ? `${round(value)} ${unit}` : round(value);
}
