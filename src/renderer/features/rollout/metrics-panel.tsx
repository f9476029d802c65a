import { useId, useMemo, useState } from 'react';
import type { MetricName, RolloutDetail } from '../../../shared/domain';
import { errorMessage } from '../../api/api-error';
import { useRolloutMetrics } from '../../api/use-rollout-metrics';
import { routeHref } from '../../app/routes';
import { MetricChart } from './metric-chart';
import { METRIC_LABELS } from './metric-format';
import { WeightChart } from './weight-chart';

const WINDOWS = [
  { label: '15m', seconds: 900 },
  { label: '30m', seconds: 1800 },
  { label: '1h', seconds: 3600 },
  { label: '6h', seconds: 21600 },
] as const;

const OTHER_METRICS: readonly MetricName[] = ['requestRate', 'latencyP50', 'latencyP90', 'cpu'];

export function MetricsPanel({ rollout, now }: { rollout: RolloutDetail; now: number }) {
  const [windowSec, setWindowSec] = useState<number>(1800);
  const [extra, setExtra] = useState<MetricName>('requestRate');
  const selectId = useId();
  const metrics = useMemo(() => ['errorRate', 'latencyP99', extra] as const, [extra]);
  const query = useRolloutMetrics(rollout.id, metrics, windowSec);
  const find = (metric: MetricName) => query.data?.find((s) => s.metric === metric);
  // The window ends at the backend's "now", moved on in 5 s steps so charts do not redraw every second.
  const end = Math.ceil(now / 5000) * 5000;
  const domain = useMemo(() => [end - windowSec * 1000, end] as const, [end, windowSec]);

  return (
    <section className="panel charts-panel" aria-labelledby="charts-title">
      <div className="panel-head">
        <h2 id="charts-title" className="panel-title">
          Baseline vs canary
        </h2>
        <a className="btn btn-small canary-link" href={routeHref({ name: 'canary', id: rollout.id })}>
          Canary analysis
        </a>
        <div className="segmented" role="group" aria-label="Window">
          {WINDOWS.map((w) => (
            <button
              key={w.seconds}
              type="button"
              className="segment"
              aria-pressed={windowSec === w.seconds}
              onClick={() => setWindowSec(w.seconds)}
            >
              {w.label}
            </button>
          ))}
        </div>
      </div>
      {query.isError && (
        <p className="banner banner-error" role="alert">
          Metrics could not be loaded: {errorMessage(query.error)}
          {query.data ? ' — showing the last data received.' : ''}
        </p>
      )}
      <div className="charts-grid">
        <MetricChart
          metric="errorRate"
          series={find('errorRate')}
          loading={query.isPending}
          domain={domain}
        />
        <MetricChart
          metric="latencyP99"
          series={find('latencyP99')}
          loading={query.isPending}
          domain={domain}
        />
        <WeightChart rollout={rollout} domain={domain} />
        <MetricChart
          metric={extra}
          series={find(extra)}
          loading={query.isPending || query.isPlaceholderData}
          domain={domain}
          title={
            <span className="chart-select">
              <label className="visually-hidden" htmlFor={selectId}>
                Metric
              </label>
              <select id={selectId} value={extra} onChange={(e) => setExtra(e.target.value as MetricName)}>
                {OTHER_METRICS.map((m) => (
                  <option key={m} value={m}>
                    {METRIC_LABELS[m]}
                  </option>
                ))}
              </select>
            </span>
          }
        />
      </div>
    </section>
  );
}
