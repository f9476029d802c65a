import { useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import { oldestLiveUpdate } from '../components/data-age';
import { freshnessOf, sameFreshness } from '../components/staleness';
import { useFreshnessStore } from '../store/freshness-store';
import { useStreamStore } from '../store/stream-store';

/** Often enough that the page turns stale (and live again) within a quarter second of the rule. */
const CHECK_MS = 250;

/**
 * Applies the staleness rule for the whole app, once, and publishes the answer. It polls rather
 * than listening to the query cache: cache events fire during renders, where no store may change.
 */
export function useFreshnessMonitor(): void {
  const queryClient = useQueryClient();
  useEffect(() => {
    const cache = queryClient.getQueryCache();
    const check = (): void => {
      const stream = useStreamStore.getState();
      const next = freshnessOf({ now: Date.now(), oldestLiveUpdate: oldestLiveUpdate(cache), stream });
      const store = useFreshnessStore.getState();
      if (!sameFreshness(store, next)) store.set(next);
    };
    check();
    const timer = window.setInterval(check, CHECK_MS);
    const stopWatchingStream = useStreamStore.subscribe(check);
    return () => {
      window.clearInterval(timer);
      stopWatchingStream();
    };
  }, [queryClient]);
}
