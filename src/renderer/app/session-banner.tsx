import { ApiError } from '../api/api-error';
import { useSession } from '../api/use-session';
import { formatClock } from '../components/format-time';
import { StatusIcon } from '../components/status-icon';

/**
 * What must not be missed on any screen: no valid invitation; a control room that cannot write
 * (nothing new is done, the world stands still) or that is read-only (its audit chain is broken);
 * and what was mended at start.
 */
export function SessionBanner() {
  const session = useSession();
  if (session.error instanceof ApiError && session.error.code === 'unauthorized') {
    return (
      <div className="banner banner-error" role="alert" data-testid="signed-out-banner">
        <StatusIcon name="critical" />
        <span>
          <strong>Not signed in:</strong> this page has no valid invitation. Open the URL that{' '}
          <code>control-room serve</code> printed for you, or ask an operator for one (
          <code>control-room invite NAME --role observer</code>).
        </span>
      </div>
    );
  }
  const storage = session.data?.storage;
  const notices = session.data?.notices ?? [];
  return (
    <>
      {storage?.state === 'read-only' && (
        <div className="banner banner-error" role="alert" data-testid="storage-banner">
          <StatusIcon name="critical" />
          <span>
            <strong>Read-only: the audit log is broken at seq {storage.firstBrokenSeq}.</strong>{' '}
            {storage.reason}
          </span>
        </div>
      )}
      {storage?.state === 'blocked' && (
        <div className="banner banner-error" role="alert" data-testid="storage-banner">
          <StatusIcon name="critical" />
          <span>
            <strong>Nothing can be recorded since {formatClock(storage.since)} UTC:</strong> {storage.reason}.
            Actions are refused and rollouts stand still until it can write again
            {storage.owed > 0
              ? `; ${storage.owed} record${storage.owed === 1 ? '' : 's'} will be written then`
              : ''}
            .
          </span>
        </div>
      )}
      {notices.map((notice) => (
        <div key={notice} className="banner banner-warning" role="status" data-testid="session-notice">
          <StatusIcon name="warning" />
          <span>{notice}</span>
        </div>
      ))}
    </>
  );
}
