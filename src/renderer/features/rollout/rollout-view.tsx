import { ApiError, errorMessage } from '../../api/api-error';
import { useRollout } from '../../api/use-rollout';
import { routeHref } from '../../app/routes';
import { useCanonicalRoute } from '../../app/use-canonical-route';
import { useSimNow } from '../../components/use-now';
import { ActionBar } from './action-bar';
import { AnalysisRunsPanel } from './analysis-runs-panel';
import { EventTimeline } from './event-timeline';
import { KubernetesFactsPanel, UnknownFields } from './kubernetes-facts-panel';
import { MetricsPanel } from './metrics-panel';
import { RevisionsPanel } from './revisions-panel';
import { RolloutHeader } from './rollout-header';
import { StepTimeline } from './step-timeline';
import { useRolloutActions } from './use-rollout-actions';
import './rollout.css';
import './kubernetes-panels.css';

export function RolloutView({ id }: { id: string }) {
  const query = useRollout(id);
  const now = useSimNow(1000);
  const rollout = query.data;
  const { states, request, override, dialog } = useRolloutActions(id, rollout);
  useCanonicalRoute({ name: 'rollout', id }, rollout?.id);

  if (!rollout) {
    if (query.isError) {
      const notFound = query.error instanceof ApiError && query.error.code === 'not-found';
      return (
        <section className="panel panel-error" role="alert">
          <h1 className="view-title">
            {notFound ? `No rollout “${id}”` : `Rollout ${id} could not be loaded`}
          </h1>
          <p>{errorMessage(query.error)}</p>
          <a href={routeHref({ name: 'fleet' })}>← Back to the fleet</a>
        </section>
      );
    }
    return <p className="loading">Loading {id}…</p>;
  }

  const k = rollout.kubernetes;
  return (
    <section className="rollout-view" aria-label={`Rollout ${rollout.id}`}>
      <RolloutHeader rollout={rollout} now={now} />
      {k && <UnknownFields unknown={k.unknown} />}
      {query.isError && (
        <p className="banner banner-error" role="alert">
          Refresh failed: {errorMessage(query.error)} — showing the last data received.
        </p>
      )}
      {states && <ActionBar states={states} onAction={request} onOverride={override} />}
      <StepTimeline rollout={rollout} now={now} />
      {k && (
        <div className="kubernetes-grid">
          <div className="kubernetes-main">
            <RevisionsPanel
              k={k}
              undo={states?.undo}
              onUndo={(toRevision) => request('undo', { toRevision })}
              now={now}
            />
            <AnalysisRunsPanel k={k} now={now} />
          </div>
          <KubernetesFactsPanel k={k} />
        </div>
      )}
      <div className="rollout-grid">
        <MetricsPanel rollout={rollout} now={now} />
        <EventTimeline events={rollout.timeline} environment={rollout.environment} />
      </div>
      {dialog}
    </section>
  );
}
