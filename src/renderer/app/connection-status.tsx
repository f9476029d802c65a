import { useConnections } from '../api/use-connections';
import { StatusIcon } from '../components/status-icon';
import { useWallNow } from '../components/use-now';
import { connectionWords, type ConnectionWords } from '../features/connections/connection-words';
import type { ConnectionStatus } from '../../shared/connections';

/** Beyond this many, healthy connections fold into one chip so the unhealthy ones stay in view. */
const SHOWN_ONE_BY_ONE = 2;

function Chip({ c, w }: { c: ConnectionStatus; w: ConnectionWords }) {
  return (
    <li
      className={`connection-chip tone-${w.tone}`}
      title={w.detail}
      data-testid={`connection-${c.name}`}
      data-state={w.tone}
    >
      <StatusIcon name={w.icon} />
      <span className="connection-name">{c.name}</span>
      <span className="connection-word">{w.word}</span>
    </li>
  );
}

/** The top bar's health line per connection: icon + name + latency, or why it is not healthy. */
export function ConnectionStatusBar() {
  const connections = useConnections();
  const now = useWallNow(5_000);
  if (connections.isError && !connections.data)
    return (
      <span className="connection-chip tone-unknown" data-testid="connection-status" role="status">
        <StatusIcon name="unknown" />
        connections unknown
      </span>
    );
  if (!connections.data) return null;
  const all = connections.data.map((c) => ({ c, w: connectionWords(c, now) }));
  const fold = all.length > SHOWN_ONE_BY_ONE;
  const ok = fold ? all.filter((x) => x.w.tone === 'ok') : [];
  const shown = fold ? all.filter((x) => x.w.tone !== 'ok') : all;
  return (
    <ul className="connection-chips" aria-label="Connections" data-testid="connection-status">
      {shown.map(({ c, w }) => (
        <Chip key={c.name} c={c} w={w} />
      ))}
      {ok.length > 0 && (
        <li
          className="connection-chip tone-ok"
          title={ok.map((x) => x.w.detail).join('\n')}
          data-testid="connection-ok-summary"
          data-state="ok"
        >
          <StatusIcon name="check" />
          <span className="connection-name">{ok.length}</span>
          <span className="connection-word">{ok.length === 1 ? 'connection ok' : 'connections ok'}</span>
        </li>
      )}
    </ul>
  );
}
