import { useQuery } from '@tanstack/react-query';
import { api } from './client';
import { LIVE_META, queryKeys } from './query-keys';

/** Polled every 2 s as a fallback to the change stream. */
export const FLEET_POLL_MS = 2000;

export function useFleet() {
  return useQuery({
    queryKey: queryKeys.fleet,
    queryFn: () => api('fleet.list', {}),
    refetchInterval: FLEET_POLL_MS,
    meta: LIVE_META,
  });
}
