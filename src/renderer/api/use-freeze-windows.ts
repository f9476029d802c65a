import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { ApiInput } from '../../shared/api';
import type { FreezeWindowChangeResult } from '../../shared/freeze-windows';
import { api } from './client';
import { queryKeys } from './query-keys';

/** The windows in config.yaml with their state now; polled, since a window opens by the clock. */
export function useFreezeWindowList(enabled = true) {
  return useQuery({
    queryKey: queryKeys.freezeWindows,
    queryFn: () => api('freezeWindows.list', {}),
    refetchInterval: 5_000,
    enabled,
  });
}

/** A saved or removed window changes the banner and every rollout's buttons. */
function useChange<I>(call: (input: I) => Promise<FreezeWindowChangeResult>) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: call,
    onSuccess: (result) => {
      client.setQueryData(queryKeys.freezeWindows, result.list);
      void client.invalidateQueries({ queryKey: queryKeys.incidentsAll });
      void client.invalidateQueries({ queryKey: queryKeys.rolloutAll });
      void client.invalidateQueries({ queryKey: queryKeys.auditAll });
    },
  });
}

export const useSaveFreezeWindow = () =>
  useChange((input: ApiInput<'freezeWindows.save'>) => api('freezeWindows.save', input));

export const useRemoveFreezeWindow = () => useChange((name: string) => api('freezeWindows.remove', { name }));
