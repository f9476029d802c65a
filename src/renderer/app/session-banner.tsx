import { ApiError } from '../api/api-error';
import { useSession } from '../api/use-session';
import { StatusIcon } from '../components/status-icon';

/** Warnings about the session that must not be missed (no valid invitation, a torn audit log tail). */
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
  const torn = session.data?.auditTornTail;
  if (!torn) return null;
  return (
    <div className="banner banner-warning" role="alert">
      <StatusIcon name="warning" />
      <span>
        <strong>Audit log:</strong> {torn}
      </span>
    </div>
  );
}
