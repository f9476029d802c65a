import { selectStale, useFreshnessStore } from '../store/freshness-store';
import { formatAge } from './format-duration';
import { StatusIcon } from './status-icon';
import { useWallNow } from './use-now';

/**
 * "Live", or "Stale — updated 12 s ago" by the app's one staleness rule (components/staleness.ts).
 * Never hides that data is old.
 */
export function StaleIndicator() {
  const stale = useFreshnessStore(selectStale);
  const loading = useFreshnessStore((s) => s.state === 'loading');
  const asOf = useFreshnessStore((s) => s.asOf);
  const streamDown = useFreshnessStore((s) => s.streamDown);
  const now = useWallNow(stale ? 1000 : null);

  if (!stale) {
    return (
      <span className="live-indicator" data-testid="live-indicator" title="Data is live">
        <StatusIcon name="dot" />
        {loading ? 'Loading' : 'Live'}
      </span>
    );
  }

  const parts: string[] = [];
  parts.push(asOf === null ? 'no data yet' : `updated ${formatAge(Math.max(0, now - asOf))} ago`);
  if (streamDown) parts.push('no live updates');
  return (
    <span className="stale-indicator" data-testid="stale-indicator" role="status">
      <StatusIcon name={streamDown ? 'disconnected' : 'clock'} />
      <span>
        <strong>Stale</strong> — {parts.join(' · ')}
      </span>
    </span>
  );
}
