import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { api } from './client';
import { queryKeys } from './query-keys';

/** Delivery metrics over the period back from now; under the audit key, so a new record refreshes them. */
export function useDeliveryMetrics(since: string) {
  return useQuery({
    queryKey: [...queryKeys.auditAll, 'delivery', since],
    queryFn: () => api('delivery.metrics', { since }),
    placeholderData: keepPreviousData,
  });
}
