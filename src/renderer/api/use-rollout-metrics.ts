import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { MetricName } from '../../shared/domain';
import { api } from './client';
import { queryKeys } from './query-keys';

export function useRolloutMetrics(id: string, metrics: readonly MetricName[], windowSec: number) {
  return useQuery({
    queryKey: queryKeys.rolloutMetrics(id, metrics, windowSec),
    queryFn: () => api('rollout.metrics', { id, metrics: [...metrics], windowSec }),
    refetchInterval: 5000,
    placeholderData: keepPreviousData,
  });
}
