import { useMemo, useState, type ReactNode } from 'react';
import type { CanaryAnalysis } from '../../../shared/api/canary-api';
import type { ActionName, RolloutDetail } from '../../../shared/domain';
import { ApiError, errorMessage } from '../../api/api-error';
import { useCanaryAnalyses } from '../../api/use-canary';
import { useRollout } from '../../api/use-rollout';
import { useSession } from '../../api/use-session';
import { navigate, routeHref } from '../../app/routes';
import { useCanonicalRoute } from '../../app/use-canonical-route';
import { PhaseBadge } from '../../components/status-badge';
import { useSimNow } from '../../components/use-now';
import { ActionBar } from '../rollout/action-bar';
import { useRolloutActions } from '../rollout/use-rollout-actions';
import { AnalysisHistory } from './analysis-history';
import { MetricDetail } from './metric-detail';
import { DEFAULT_SORT, nextSort, sortMetrics, type SortState } from './metric-sort';
import { MetricTable } from './metric-table';
import { isFailing } from './canary-words';
import { LiveHealth } from './live-health';
import { RejudgeControl } from './rejudge-control';
import { ReportExport } from './report-export';
import { VerdictSummary } from './verdict-summary';
import '../rollout/rollout.css';
import './canary.css';

/** What this page lets a person do about what it shows: hold the canary, or send traffic back. */
const CANARY_ACTIONS: readonly ActionName[] = ['pause', 'abort'];

interface CanaryViewProps {
  id: string;
  /** A run by its index; otherwise the newest run of `step`, otherwise the newest run. */
  analysis?: number;
  step?: number;
}

function pickAnalysis(
  analyses: CanaryAnalysis[],
  index: number | undefined,
  step: number | undefined,
): CanaryAnalysis | undefined {
  if (index !== undefined) return analyses.find((a) => a.index === index);
  if (step !== undefined) {
    const ofStep = analyses.find((a) => a.trigger === 'step' && a.stepIndex === step);
    if (ofStep) return ofStep;
  }
  return analyses[0];
}

function CanaryHeader({
  id,
  rollout,
  analysis,
}: {
  id: string;
  rollout: RolloutDetail | undefined;
  analysis: CanaryAnalysis | undefined;
}) {
  const baseline = analysis?.baselineVersion ?? rollout?.stableVersion;
  const canary = analysis?.canaryVersion ?? rollout?.canaryVersion;
  return (
    <header className="canary-header">
      <a className="back-link" href={routeHref({ name: 'rollout', id })}>
        ← {rollout ? `${rollout.service} · ${rollout.environment}` : id}
      </a>
      <h1 className="view-title">
        Canary analysis <span className="title-sep">·</span>{' '}
        {rollout ? `${rollout.service} ${rollout.environment}` : id}
      </h1>
      {baseline && canary && (
        <span className="versions tabular" title="Baseline (old version) and canary (new version)">
          <span className="muted">baseline</span> {baseline} <span className="muted">vs canary</span>{' '}
          <strong>{canary}</strong>
        </span>
      )}
      {rollout && <PhaseBadge phase={rollout.phase} />}
      <ReportExport analysis={analysis} />
    </header>
  );
}

function NoAnalysis({ rollout, children }: { rollout: RolloutDetail | undefined; children: ReactNode }) {
  const analysisStep = rollout?.steps.findIndex((s) => s.kind === 'analysis') ?? -1;
  const waiting =
    rollout && analysisStep >= 0 && rollout.currentStepIndex < analysisStep && rollout.phase !== 'aborted'
      ? ` Its analysis step (step ${analysisStep + 1}) has not run yet.`
      : '';
  return (
    <section className="panel canary-empty" aria-labelledby="canary-empty-title">
      <h2 id="canary-empty-title" className="canary-empty-title">
        No recorded analysis run yet
      </h2>
      <p>
        No analysis run of this rollout has been recorded so far.{waiting} The live health above is the judge
        over the last few minutes, re-read every few seconds but not kept. Re-judge records a run now; the
        rollout is not changed.
      </p>
      {children}
    </section>
  );
}

export function CanaryView({ id, analysis: analysisIndex, step }: CanaryViewProps) {
  const rollout = useRollout(id);
  const session = useSession();
  const query = useCanaryAnalyses(id);
  const [sort, setSort] = useState<SortState>(DEFAULT_SORT);
  const [metricName, setMetricName] = useState<string | undefined>(undefined);
  const now = useSimNow(1000);
  const actions = useRolloutActions(id, rollout.data, CANARY_ACTIONS);
  useCanonicalRoute(
    {
      name: 'canary',
      id,
      ...(analysisIndex !== undefined ? { analysis: analysisIndex } : {}),
      ...(step !== undefined ? { step } : {}),
    },
    rollout.data?.id,
  );

  const analyses = useMemo(() => query.data ?? [], [query.data]);
  const selected = pickAnalysis(analyses, analysisIndex, step);
  const rows = useMemo(() => (selected ? sortMetrics(selected.report.metrics, sort) : []), [selected, sort]);
  const selectedMetric = rows.find((m) => m.name === metricName) ?? rows[0];
  const failingCount = selected ? selected.report.metrics.filter(isFailing).length : 0;

  const observer = session.data?.role === 'observer';
  const disabledReason = observer ? 'Observer session: you may watch but not act.' : undefined;
  const rejudge = (
    <RejudgeControl
      rolloutId={id}
      disabledReason={disabledReason}
      onJudged={(a) => navigate({ name: 'canary', id, analysis: a.index })}
      {...(selected ? { shown: selected } : {})}
    />
  );

  if (rollout.isError && !rollout.data) {
    const notFound = rollout.error instanceof ApiError && rollout.error.code === 'not-found';
    return (
      <section className="panel panel-error" role="alert">
        <h1 className="view-title">
          {notFound ? `No rollout “${id}”` : `Rollout ${id} could not be loaded`}
        </h1>
        <p>{errorMessage(rollout.error)}</p>
        <a href={routeHref({ name: 'fleet' })}>← Back to the fleet</a>
      </section>
    );
  }

  return (
    <section className="canary-view" aria-label={`Canary analysis of ${id}`}>
      <CanaryHeader id={id} rollout={rollout.data} analysis={selected} />
      {rollout.data && (
        <div className="canary-live-row">
          <LiveHealth rollout={rollout.data} now={now} />
          {actions.states && (
            <ActionBar states={actions.states} actions={CANARY_ACTIONS} onAction={actions.request} />
          )}
        </div>
      )}
      {query.isError && (
        <p className="banner banner-error" role="alert">
          Analyses could not be loaded: {errorMessage(query.error)}
          {query.data ? ' — showing the last data received.' : ''}
        </p>
      )}
      {query.isPending && !query.isError && <p className="loading">Loading analyses of {id}…</p>}
      {query.data && analyses.length === 0 && <NoAnalysis rollout={rollout.data}>{rejudge}</NoAnalysis>}
      {query.data && analyses.length > 0 && (
        <>
          <div className="canary-top">
            {selected ? (
              <VerdictSummary analysis={selected} />
            ) : (
              <section className="panel canary-empty" role="alert">
                <h2 className="canary-empty-title">No analysis run #{analysisIndex} of this rollout</h2>
                <a href={routeHref({ name: 'canary', id })}>Show the newest run</a>
              </section>
            )}
            <aside className="panel canary-history-panel" aria-labelledby="canary-history-title">
              <div className="panel-head">
                <h2 id="canary-history-title" className="panel-title">
                  Runs <span className="panel-count">{analyses.length}</span>
                </h2>
              </div>
              <AnalysisHistory rolloutId={id} analyses={analyses} selectedIndex={selected?.index} />
              {rejudge}
            </aside>
          </div>
          {selected && (
            <section className="panel canary-metrics-panel" aria-labelledby="canary-metrics-title">
              <div className="panel-head">
                <h2 id="canary-metrics-title" className="panel-title">
                  Metrics <span className="panel-count">{rows.length}</span>
                </h2>
                <span className="muted canary-metrics-summary">
                  {failingCount === 0
                    ? 'None failing'
                    : `${failingCount} failing${sort.key === 'result' && sort.direction === 'asc' ? ', shown first' : ''}`}
                  {' · '}click a row or use ↑/↓ to see it below
                </span>
              </div>
              {rows.length === 0 ? (
                <p className="muted">No metrics were judged in this run.</p>
              ) : (
                <div className="canary-table-scroll">
                  <MetricTable
                    rows={rows}
                    selected={selectedMetric?.name}
                    sort={sort}
                    confidenceLevel={selected.report.confidenceLevel}
                    onSort={(key) => setSort((s) => nextSort(s, key))}
                    onSelect={setMetricName}
                  />
                </div>
              )}
            </section>
          )}
          {selected && selectedMetric && <MetricDetail analysis={selected} metric={selectedMetric} />}
        </>
      )}
      {actions.dialog}
    </section>
  );
}
