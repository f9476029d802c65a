import { useQueryClient } from '@tanstack/react-query';
import { useCallback, useSyncExternalStore } from 'react';
import { oldestLiveUpdate } from './data-age';
import { useStreamStore } from '../store/stream-store';
import { formatAge } from './format-duration';
import { StatusIcon } from './status-icon';
import { useWallNow } from './use-now';

const STALE_AFTER_MS = 5000;
/** A first connection (or a quick reconnect) gets this long before the stream counts as down. */
const CONNECT_GRACE_MS = 3000;

/**
 * "Live", or "Stale — updated 12 s ago" when the last successful fetch of what is on screen is
 * older than 5 s or the change stream is down. Never hides that data is old.
 */
export function StaleIndicator() {
  const queryClient = useQueryClient();
  const cache = queryClient.getQueryCache();
  const subscribe = useCallback((onChange: () => void) => cache.subscribe(onChange), [cache]);
  const oldest = useSyncExternalStore(subscribe, () => oldestLiveUpdate(cache));
  const now = useWallNow(1000);
  const status = useStreamStore((s) => s.status);
  const downSince = useStreamStore((s) => s.downSince);

  const streamDown = status === 'closed' || (downSince !== null && now - downSince > CONNECT_GRACE_MS);
  const age = oldest > 0 ? Math.max(0, now - oldest) : null;
  const tooOld = age !== null && age > STALE_AFTER_MS;
  const neverLoaded = oldest === 0;

  if (!streamDown && !tooOld) {
    return (
      <span className="live-indicator" data-testid="live-indicator" title="Data is live">
        <StatusIcon name="dot" />
        {neverLoaded ? 'Loading' : 'Live'}
      </span>
    );
  }

  const parts: string[] = [];
  parts.push(age === null ? 'no data yet' : `updated ${formatAge(age)} ago`);
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
