import { useState } from 'react';
import { errorMessage } from '../../api/api-error';
import { useIncidentList } from '../../api/use-incidents';
import { navigate, routeHref } from '../../app/routes';
import { formatDateTime } from '../../components/format-time';
import { Kbd } from '../../components/kbd';
import { DeclareIncidentDialog } from './declare-incident-dialog';
import { IncidentStateBadge } from './incident-state-badge';
import { useDeclareShortcut } from './use-declare-shortcut';
import { useRequestedDialog } from './use-requested-dialog';

/** Every incident, newest first; the open ones hold the release freeze. */
export function IncidentsView() {
  const list = useIncidentList();
  const [declaring, setDeclaring] = useState(false);
  useRequestedDialog('declare', undefined, () => setDeclaring(true));
  useDeclareShortcut(() => setDeclaring(true));
  return (
    <section className="incidents-view" aria-labelledby="incidents-title">
      <div className="view-head">
        <h1 id="incidents-title" className="view-title">
          Incidents
        </h1>
        <button type="button" className="btn btn-danger" onClick={() => setDeclaring(true)}>
          Declare incident <Kbd>D</Kbd>
        </button>
      </div>
      {list.isError && (
        <p className="banner banner-error" role="alert">
          Could not load the incidents: {errorMessage(list.error)}
        </p>
      )}
      {!list.data && !list.isError && <p className="loading">Loading incidents…</p>}
      {list.data && (
        <table className="incident-table" aria-label="Incidents">
          <thead>
            <tr>
              <th scope="col">Incident</th>
              <th scope="col">Severity</th>
              <th scope="col">State</th>
              <th scope="col">Commander</th>
              <th scope="col">Declared (UTC)</th>
              <th scope="col">Overrides</th>
            </tr>
          </thead>
          <tbody>
            {list.data.length === 0 && (
              <tr>
                <td colSpan={6} className="muted">
                  No incidents declared. Declaring one freezes releases until it is resolved with a root
                  cause.
                </td>
              </tr>
            )}
            {list.data.map((i) => (
              <tr key={i.id}>
                <td>
                  <a href={routeHref({ name: 'incident', id: i.id })}>
                    {i.id} “{i.title}”
                  </a>
                </td>
                <td>{i.severity}</td>
                <td>
                  <IncidentStateBadge incident={i} />
                </td>
                <td>{i.commander}</td>
                <td>{formatDateTime(i.declaredAt)}</td>
                <td>{i.overrides.length}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {declaring && (
        <DeclareIncidentDialog
          onCancel={() => setDeclaring(false)}
          onDone={(incident) => {
            setDeclaring(false);
            navigate({ name: 'incident', id: incident.id });
          }}
        />
      )}
    </section>
  );
}
