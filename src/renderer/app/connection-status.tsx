import { useConnections } from '../api/use-connections';
import { StatusIcon } from '../components/status-icon';
import { useWallNow } from '../components/use-now';
import { connectionWords } from '../features/connections/connection-words';

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
  return (
    <ul className="connection-chips" aria-label="Connections" data-testid="connection-status">
      {connections.data.map((c) => {
        const w = connectionWords(c, now);
        return (
          <li
            key={c.name}
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
      })}
    </ul>
  );
}
