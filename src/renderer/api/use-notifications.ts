import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { ApiInput } from '../../shared/api';
import { api } from './client';
import { queryKeys } from './query-keys';

/** The caller's notifications, newest first; refreshed by the `notification` change event. */
export function useNotifications() {
  return useQuery({
    queryKey: queryKeys.notifications,
    queryFn: () => api('notifications.list', {}),
    staleTime: 30_000,
  });
}

export function useMarkRead() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: ApiInput<'notifications.markRead'>) => api('notifications.markRead', input),
    onSettled: () => queryClient.invalidateQueries({ queryKey: queryKeys.notifications }),
  });
}
