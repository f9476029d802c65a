import { useSession } from '../api/use-session';
import { StatusIcon } from '../components/status-icon';

/** The top bar's health line for the workspace: shown only when it cannot record what it does. */
export function StorageStatus() {
  const storage = useSession().data?.storage;
  if (!storage || storage.state === 'ok') return null;
  const words = storage.state === 'read-only' ? 'Read-only' : 'Writes blocked';
  return (
    <span className="storage-status" role="status" data-testid="storage-status" title={storage.reason}>
      <StatusIcon name="critical" />
      {words}
    </span>
  );
}
