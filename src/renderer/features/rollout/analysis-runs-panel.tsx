// Argo Rollouts' AnalysisRuns of this rollout: per metric its conditions, the query the provider
// resolved (selectable, with a copy button) and every measurement, the failing metric first.
import type {
  KubernetesAnalysisRun,
  KubernetesMetricResult,
  KubernetesRolloutDetail,
} from '../../../shared/kubernetes-rollout';
import { CopyButton } from '../../components/copy-button';
import { formatAge } from '../../components/format-duration';
import { formatClock, formatDateTime } from '../../components/format-time';
import { StatusIcon } from '../../components/status-icon';
import {
  analysisPhase,
  isFailing,
  metricCounts,
  orderMeasurements,
  orderMetrics,
  orderRuns,
  runElementId,
  runKind,
} from './analysis-run-order';
import { revisionOfHash } from './revision-words';

export function PhaseWord({ phase }: { phase: string }) {
  const look = analysisPhase(phase);
  return (
    <span className={`verdict verdict-${look.tone}`}>
      <StatusIcon name={look.icon} />
      {look.word}
    </span>
  );
}

/** Opens a run of the panel and moves there: the step timeline's link to its analysis. */
export function showAnalysisRun(name: string): void {
  const run = document.getElementById(runElementId(name));
  if (!(run instanceof HTMLDetailsElement)) return;
  run.open = true;
  run.scrollIntoView({ block: 'start', behavior: 'smooth' });
  run.querySelector('summary')?.focus({ preventScroll: true });
}

function Measurements({ metric }: { metric: KubernetesMetricResult }) {
  if (metric.measurements.length === 0) return <p className="muted">No measurement yet.</p>;
  return (
    <div className="measurements-scroll">
      <table className="measurements" aria-label={`Measurements of ${metric.name}, newest first`}>
        <thead>
          <tr>
            <th scope="col">Time (UTC)</th>
            <th scope="col">Value</th>
            <th scope="col">Phase</th>
            <th scope="col">Message</th>
          </tr>
        </thead>
        <tbody>
          {orderMeasurements(metric.measurements).map((m, i) => {
            const at = m.finishedAt ?? m.startedAt;
            return (
              <tr key={`${at ?? ''}-${i}`} className={isFailing(m.phase) ? 'is-failing' : undefined}>
                <td className="tabular" title={at ? `${formatDateTime(at)} UTC` : undefined}>
                  {at ? formatClock(at) : '—'}
                </td>
                <td className="tabular measurement-value">{m.value ?? '—'}</td>
                <td>
                  <PhaseWord phase={m.phase} />
                </td>
                <td className="measurement-message">{m.message ?? ''}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}

function Metric({ metric }: { metric: KubernetesMetricResult }) {
  return (
    <li
      className={`analysis-metric${isFailing(metric.phase) ? ' is-failing' : ''}`}
      data-testid={`analysis-metric-${metric.name}`}
      data-phase={metric.phase}
    >
      <div className="analysis-metric-head">
        <PhaseWord phase={metric.phase} />
        <strong className="analysis-metric-name">{metric.name}</strong>
        <span className="tag">{metric.provider}</span>
        <span className="muted tabular" data-testid="metric-counts">
          {metricCounts(metric)}
        </span>
      </div>
      {metric.message && <p className="analysis-metric-message">{metric.message}</p>}
      <dl className="analysis-conditions">
        {metric.successCondition && (
          <>
            <dt>Success when</dt>
            <dd>
              <code>{metric.successCondition}</code>
            </dd>
          </>
        )}
        {metric.failureCondition && (
          <>
            <dt>Failure when</dt>
            <dd>
              <code>{metric.failureCondition}</code>
            </dd>
          </>
        )}
        <dt>Query</dt>
        <dd className="resolved-query">
          {metric.resolvedQuery ? (
            <>
              <code data-testid={`resolved-query-${metric.name}`}>{metric.resolvedQuery}</code>
              <CopyButton text={metric.resolvedQuery} label={`the query of ${metric.name}`} />
            </>
          ) : (
            <span className="muted">{metric.provider} reports no query it ran</span>
          )}
        </dd>
      </dl>
      <Measurements metric={metric} />
    </li>
  );
}

function Run({
  run,
  k,
  open,
  now,
}: {
  run: KubernetesAnalysisRun;
  k: KubernetesRolloutDetail;
  open: boolean;
  now: number;
}) {
  const judged = revisionOfHash(k, run.podHash);
  const started = run.startedAt ? Date.parse(run.startedAt) : NaN;
  return (
    <details
      className={`analysis-run${isFailing(run.phase) ? ' is-failing' : ''}`}
      id={runElementId(run.name)}
      data-testid={`analysis-run-${run.name}`}
      data-phase={run.phase}
      open={open}
    >
      <summary>
        <PhaseWord phase={run.phase} />
        <span className="analysis-run-name">{run.name}</span>
        <span className="tag">{runKind(run)}</span>
        {judged && <span className="muted">judges revision {judged.revision}</span>}
        <span
          className="muted tabular"
          title={run.startedAt ? `${formatDateTime(run.startedAt)} UTC` : undefined}
        >
          {Number.isNaN(started) ? 'not started' : `started ${formatAge(now - started)} ago`}
        </span>
      </summary>
      {run.message && <p className="analysis-run-message">{run.message}</p>}
      <ul className="analysis-metrics">
        {orderMetrics(run.metrics).map((m) => (
          <Metric key={m.name} metric={m} />
        ))}
      </ul>
    </details>
  );
}

export function AnalysisRunsPanel({ k, now }: { k: KubernetesRolloutDetail; now: number }) {
  const runs = orderRuns(k.analysisRuns);
  return (
    <section
      className="panel analysis-runs-panel"
      aria-labelledby="analysis-runs-title"
      data-testid="analysis-runs-panel"
    >
      <h2 id="analysis-runs-title" className="panel-title">
        Analysis runs <span className="panel-count">{runs.length}</span>
      </h2>
      {runs.length === 0 ? (
        <p className="muted">No AnalysisRun of this rollout.</p>
      ) : (
        <div className="analysis-runs">
          {runs.map((run, i) => (
            // The newest run, and any that has not passed, are open: why it failed needs no click.
            <Run key={run.name} run={run} k={k} open={i === 0 || run.phase !== 'Successful'} now={now} />
          ))}
        </div>
      )}
    </section>
  );
}
