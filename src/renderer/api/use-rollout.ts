import { useQuery } from '@tanstack/react-query';
import { api } from './client';
import { LIVE_META, queryKeys } from './query-keys';

export function useRollout(id: string) {
  return useQuery({
    queryKey: queryKeys.rolloutDetail(id),
    queryFn: () => api('rollout.get', { id }),
    refetchInterval: 2000,
    meta: LIVE_META,
  });
}
