import { useQuery } from '@tanstack/react-query';
import { api } from './client';
import { LIVE_META, queryKeys } from './query-keys';

/** A fallback to the change stream's `flags` events: a backend going stale sends none of its own. */
const FLAGS_POLL_MS = 5000;

/** Every flag (of one environment, changed recently) with each source's freshness. */
export function useFlags(input: { environment?: string; changedWithinSec?: number }, enabled = true) {
  return useQuery({
    queryKey: queryKeys.flagList(input),
    queryFn: () => api('flags.list', input),
    refetchInterval: FLAGS_POLL_MS,
    enabled,
    meta: LIVE_META,
  });
}
