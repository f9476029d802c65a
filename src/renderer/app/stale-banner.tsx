import { asOfWords } from '../components/staleness';
import { StatusIcon } from '../components/status-icon';
import { useBackendTimeAt, useWallNow } from '../components/use-now';
import { selectStale, useFreshnessStore } from '../store/freshness-store';

/**
 * While the data is stale, says so across the page with the time of the data ("as of 14:03:22 UTC
 * (12 s ago)"), the same time the stopped clock shows.
 */
export function StaleBanner() {
  const stale = useFreshnessStore(selectStale);
  const asOf = useFreshnessStore((s) => s.asOf);
  const streamDown = useFreshnessStore((s) => s.streamDown);
  const now = useWallNow(stale ? 1000 : null);
  const asOfBackend = useBackendTimeAt(asOf);
  if (!stale) return null;
  return (
    <div className="banner stale-banner" role="status" data-testid="stale-banner">
      <StatusIcon name={streamDown ? 'disconnected' : 'clock'} />
      <span>
        <strong>Not live: showing data {asOfWords(asOfBackend, asOf === null ? null : now - asOf)}.</strong>{' '}
        {streamDown ? 'Live updates are disconnected.' : 'The control room is not answering.'} Timers are
        stopped and status colours greyed until fresh data arrives.
      </span>
    </div>
  );
}
