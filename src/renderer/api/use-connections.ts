import { useQuery } from '@tanstack/react-query';
import { api } from './client';
import { queryKeys } from './query-keys';

/** Every connection's health line; polled, since health changes without a rollout event. */
export function useConnections() {
  return useQuery({
    queryKey: queryKeys.connections,
    queryFn: () => api('connections.status', {}),
    refetchInterval: 5_000,
    staleTime: 2_000,
  });
}
