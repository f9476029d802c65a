import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { ApiInput, ConnectionChangeResult } from '../../shared/api';
import { api } from './client';
import { queryKeys } from './query-keys';

/** Every connection as config.yaml has it, with its health line; polled like the top bar's. */
export function useConnectionList() {
  return useQuery({
    queryKey: queryKeys.connectionList,
    queryFn: () => api('connections.list', {}),
    refetchInterval: 5_000,
    staleTime: 2_000,
  });
}

/** A test changes the health line: the list and the top bar both read again. */
export function useTestConnection() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (name: string) => api('connections.test', { name }),
    onSettled: () => client.invalidateQueries({ queryKey: queryKeys.connections }),
  });
}

function useChange<I>(call: (input: I) => Promise<ConnectionChangeResult>) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: call,
    onSuccess: (result) => {
      client.setQueryData(queryKeys.connectionList, result.list);
      void client.invalidateQueries({ queryKey: queryKeys.connections });
    },
  });
}

export const useSaveConnection = () =>
  useChange((input: ApiInput<'connections.save'>) => api('connections.save', input));

export const useRemoveConnection = () => useChange((name: string) => api('connections.remove', { name }));

/** Metric names a saved Prometheus connection knows; asked for only once a person wants them. */
export function useMetricNames(name: string | undefined, enabled: boolean) {
  return useQuery({
    queryKey: [...queryKeys.connectionList, 'suggest', name ?? ''],
    queryFn: () => api('connections.suggest', { name: name ?? '' }),
    enabled: enabled && name !== undefined,
    staleTime: 60_000,
    retry: false,
  });
}
