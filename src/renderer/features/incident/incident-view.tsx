import { PostmortemPanel } from './postmortem-panel';
import { useState } from 'react';
import { errorMessage } from '../../api/api-error';
import { useIncident } from '../../api/use-incidents';
import { routeHref } from '../../app/routes';
import { formatDateTime } from '../../components/format-time';
import { IncidentStateBadge } from './incident-state-badge';
import { ResolveIncidentDialog } from './resolve-incident-dialog';
import { useRequestedDialog } from './use-requested-dialog';
import './incident.css';

/** One incident: who leads it, the freeze it holds, every override of it, and how it was resolved. */
export function IncidentView({ id }: { id: string }) {
  const query = useIncident(id);
  const [resolving, setResolving] = useState(false);
  useRequestedDialog('resolve', id, () => setResolving(true));
  const incident = query.data;
  return (
    <section className="incident-view" aria-labelledby="incident-title">
      <div className="view-head">
        <h1 id="incident-title" className="view-title">
          {incident ? `${incident.id} “${incident.title}”` : id}
        </h1>
        {incident && <IncidentStateBadge incident={incident} />}
        {incident && incident.resolvedAt === undefined && (
          <button type="button" className="btn btn-primary" onClick={() => setResolving(true)}>
            Resolve…
          </button>
        )}
        <a href={routeHref({ name: 'incidents' })}>All incidents</a>
      </div>
      {query.isError && (
        <p className="banner banner-error" role="alert">
          {errorMessage(query.error)}
        </p>
      )}
      {!incident && !query.isError && <p className="loading">Loading {id}…</p>}
      {incident && (
        <>
          <dl className="incident-facts">
            <dt>Severity</dt>
            <dd>{incident.severity}</dd>
            <dt>Commander</dt>
            <dd>{incident.commander}</dd>
            <dt>Declared</dt>
            <dd>
              {formatDateTime(incident.declaredAt)} UTC by {incident.declaredBy}
            </dd>
            <dt>Freeze</dt>
            <dd>
              {incident.resolvedAt === undefined
                ? 'Releases are frozen everywhere until this incident is resolved with a root cause.'
                : `Lifted ${formatDateTime(incident.resolvedAt)} UTC by ${incident.resolvedBy ?? 'unknown'}.`}
            </dd>
            {incident.rca !== undefined && (
              <>
                <dt>Root cause</dt>
                <dd data-testid="incident-rca">{incident.rca}</dd>
              </>
            )}
          </dl>
          <h2 className="panel-title">Freeze overrides</h2>
          {incident.overrides.length === 0 ? (
            <p className="muted">None: nothing was let through the freeze.</p>
          ) : (
            <table className="incident-table" aria-label="Freeze overrides" data-testid="incident-overrides">
              <thead>
                <tr>
                  <th scope="col">When (UTC)</th>
                  <th scope="col">Who</th>
                  <th scope="col">Action</th>
                  <th scope="col">Reason</th>
                </tr>
              </thead>
              <tbody>
                {incident.overrides.map((o) => (
                  <tr key={o.auditSeq}>
                    <td>{formatDateTime(o.time)}</td>
                    <td>{o.actor}</td>
                    <td>
                      {o.action} <a href={routeHref({ name: 'rollout', id: o.rollout })}>{o.rollout}</a>
                    </td>
                    <td>{o.reason}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
          <PostmortemPanel incidentId={incident.id} />
        </>
      )}
      {resolving && incident && (
        <ResolveIncidentDialog
          incident={incident}
          onCancel={() => setResolving(false)}
          onDone={() => setResolving(false)}
        />
      )}
    </section>
  );
}
