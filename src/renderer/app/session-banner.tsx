import { useSession } from '../api/use-session';
import { StatusIcon } from '../components/status-icon';

/** Warnings about the session that must not be missed (e.g. a torn audit log tail). */
export function SessionBanner() {
  const session = useSession();
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
