import { useMemo } from 'react';
import type { CanaryAnalysis } from '../../../shared/api/canary-api';
import type { MetricJudgement } from '../../../shared/canary';
import { METRIC_NAMES, type MetricName, type MetricSeries } from '../../../shared/domain';
import { errorMessage } from '../../api/api-error';
import { useRolloutMetrics } from '../../api/use-rollout-metrics';
import { useSimNow } from '../../components/use-now';
import { boundLines } from '../rollout/chart-bounds';
import { MetricChart } from '../rollout/metric-chart';
import { BoxPlots } from './box-plots';
import { MetricSources } from './metric-sources';
import { ClassificationBadge, CriticalTag } from './metric-table';

/** rollout.metrics keeps a week of series and always ends at the backend's now. */
const MAX_WINDOW_SEC = 7 * 86_400;

function isMetricName(name: string): name is MetricName {
  return (METRIC_NAMES as readonly string[]).includes(name);
}

/** Seconds back from now that cover the analysis window, in whole minutes so the query stays put. */
export function windowSecCovering(from: number, now: number): number | null {
  const seconds = Math.ceil((now - from) / 60_000 + 1) * 60;
  if (!Number.isFinite(seconds) || seconds > MAX_WINDOW_SEC) return null;
  return Math.max(60, seconds);
}

function WindowChart({
  analysis,
  metric,
  judged,
}: {
  analysis: CanaryAnalysis;
  metric: MetricName;
  judged: MetricJudgement;
}) {
  const now = useSimNow(30_000);
  const from = Date.parse(analysis.window.from);
  const to = Date.parse(analysis.window.to);
  const windowSec = windowSecCovering(from, Math.max(now, to));
  const metrics = useMemo(() => [metric] as const, [metric]);
  const query = useRolloutMetrics(analysis.rolloutId, metrics, windowSec ?? 60);
  const series = query.data?.find((s) => s.metric === metric);
  const inWindow = useMemo<MetricSeries | undefined>(
    () =>
      series && {
        ...series,
        points: series.points.filter((p) => {
          const t = Date.parse(p.time);
          return t >= from && t <= to;
        }),
      },
    [series, from, to],
  );
  const domain = useMemo(() => [from, to] as const, [from, to]);
  const bounds = useMemo(
    () => boundLines(judged.bounds, judged.baselineStats.mean),
    [judged.bounds, judged.baselineStats.mean],
  );

  if (windowSec === null)
    return (
      <div className="chart-card canary-chart-note">
        <p className="chart-empty">This window is older than the 7 days of series kept.</p>
      </div>
    );
  return (
    <div className="canary-window-chart">
      {query.isError && (
        <p className="banner banner-error" role="alert">
          Series could not be loaded: {errorMessage(query.error)}
        </p>
      )}
      <MetricChart
        metric={metric}
        series={inWindow}
        loading={query.isPending || query.isPlaceholderData}
        domain={domain}
        title="Over the analysis window"
        bounds={bounds}
      />
    </div>
  );
}

/** The selected metric: what it means in words, then over time and as two distributions. */
export function MetricDetail({ analysis, metric }: { analysis: CanaryAnalysis; metric: MetricJudgement }) {
  const label = metric.label || metric.name;
  return (
    <section
      className="panel canary-detail"
      aria-labelledby="canary-detail-title"
      data-testid="canary-selected-metric"
      data-metric={metric.name}
    >
      <div className="canary-detail-head">
        <h2 id="canary-detail-title" className="canary-detail-title">
          {label}
        </h2>
        <ClassificationBadge metric={metric} />
        <CriticalTag metric={metric} />
        <span className="canary-detail-hint muted">↑/↓ in the table to switch metric</span>
      </div>
      <p className="canary-detail-reason">{metric.reason}</p>
      <div className="canary-detail-grid">
        {isMetricName(metric.name) ? (
          <WindowChart analysis={analysis} metric={metric.name} judged={metric} />
        ) : (
          <div className="chart-card canary-chart-note">
            <p className="chart-empty">No live series for “{label}”: only its samples were judged.</p>
          </div>
        )}
        <BoxPlots metric={metric} />
      </div>
      <MetricSources
        metric={metric}
        versions={{ baseline: analysis.baselineVersion, canary: analysis.canaryVersion }}
      />
    </section>
  );
}
