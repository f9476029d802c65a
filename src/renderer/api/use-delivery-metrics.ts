import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { api } from './client';

/** Delivery metrics over the period back from now; recomputed when the audit log grows. */
export function useDeliveryMetrics(since: string) {
  return useQuery({
    queryKey: ['delivery.metrics', since],
    queryFn: () => api('delivery.metrics', { since }),
    placeholderData: keepPreviousData,
  });
}
