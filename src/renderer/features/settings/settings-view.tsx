import { useState } from 'react';
import { errorMessage } from '../../api/api-error';
import { useConnectionList } from '../../api/use-connection-settings';
import { useSession } from '../../api/use-session';
import { StatusIcon } from '../../components/status-icon';
import type { ConnectionView } from '../../../shared/api';
import { ConnectionCard } from './connection-card';
import { ConnectionForm } from './connection-form';
import { FreezeWindowsSection } from './freeze-windows-section';
import { useAddConnectionEntry } from './use-settings-palette-entries';
import './settings.css';

/** The connections config.yaml lists: each one's health line, and adding, editing, testing, removing. */
export function SettingsView() {
  const list = useConnectionList();
  const session = useSession();
  const observer = session.data?.role === 'observer';
  // undefined: no form open; null: adding; a view: editing it.
  const [editing, setEditing] = useState<ConnectionView | null | undefined>(undefined);
  const data = list.data;
  const readOnly = observer || data?.problem !== undefined;
  useAddConnectionEntry(() => setEditing(null), !data ? 'Loading…' : readOnly ? 'Read-only' : undefined);
  return (
    <section className="settings-view" aria-labelledby="settings-title">
      <div className="view-head">
        <h1 id="settings-title" className="view-title">
          Settings
        </h1>
        {data && (
          <span className="muted">
            Connections in <code>{data.configPath}</code> · secrets go to {data.secretStore}
          </span>
        )}
        <span className="settings-head-end">
          <button
            type="button"
            className="btn btn-primary"
            onClick={() => setEditing(null)}
            disabled={!data || readOnly}
            title={observer ? 'Observers may only watch' : undefined}
          >
            Add connection
          </button>
        </span>
      </div>
      {list.isError && (
        <p className="banner banner-error" role="alert">
          <StatusIcon name="critical" />
          Could not load the connections: {errorMessage(list.error)}
        </p>
      )}
      {data?.problem && (
        <p className="banner banner-error" role="alert" data-testid="config-problem">
          <StatusIcon name="warning" />
          config.yaml is not valid as it is on disk, so nothing can be saved until it is mended:{' '}
          {data.problem}
        </p>
      )}
      {data?.pending && (
        <p className="banner settings-pending" role="status" data-testid="connections-pending">
          <StatusIcon name="clock" />
          Saved, not yet in use: {data.pending.names.join(', ')}. {data.pending.message}
        </p>
      )}
      {!data && !list.isError && <p className="loading">Loading connections…</p>}
      {data && (
        <>
          <h2 className="panel-title settings-section-title">
            Connections <span className="panel-count">{data.connections.length}</span>
          </h2>
          <ul className="connection-cards" aria-label="Connections">
            {data.connections.map((c) => (
              <ConnectionCard
                key={c.name}
                connection={c}
                readOnly={readOnly || c.implicit}
                onEdit={() => setEditing(c)}
              />
            ))}
          </ul>
        </>
      )}
      <FreezeWindowsSection observer={observer} />
      {editing !== undefined && data && (
        <ConnectionForm
          editing={editing ?? undefined}
          secretStore={data.secretStore}
          onClose={() => setEditing(undefined)}
        />
      )}
    </section>
  );
}
