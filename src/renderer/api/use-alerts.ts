import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { ApiInput } from '../../shared/api';
import { api } from './client';
import { LIVE_META, queryKeys } from './query-keys';

/** A fallback to the change stream's `alerts` events, like the fleet's poll. */
const ALERTS_POLL_MS = 5000;

/** `enabled: false` keeps an always-mounted caller (the top bar, the palette) cheap. */
export function useAlerts(enabled = true) {
  return useQuery({
    queryKey: queryKeys.alerts,
    queryFn: () => api('alerts.list', {}),
    refetchInterval: ALERTS_POLL_MS,
    enabled,
    meta: LIVE_META,
  });
}

export function useSilence() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: ApiInput<'alerts.silence'>) => api('alerts.silence', input),
    onSettled: () => {
      void queryClient.invalidateQueries({ queryKey: queryKeys.alerts });
      void queryClient.invalidateQueries({ queryKey: queryKeys.auditAll });
    },
  });
}
