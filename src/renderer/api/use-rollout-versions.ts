import { useQuery } from '@tanstack/react-query';
import { api } from './client';
import { queryKeys } from './query-keys';

/** The versions a rollout may roll forward to, with their last verdicts; fetched only when `enabled`. */
export function useRolloutVersions(id: string, enabled = true) {
  return useQuery({
    queryKey: queryKeys.rolloutVersions(id),
    queryFn: () => api('rollout.versions', { id }),
    enabled,
  });
}
