import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { ChangesQuery } from '../features/changes/changes-query';
import { api } from './client';
import { LIVE_META } from './query-keys';

/** The window slides with time, and changes arrive from every connection: read again this often. */
const REFRESH_MS = 5_000;

export function useChanges(query: ChangesQuery) {
  return useQuery({
    queryKey: ['changes', query] as const,
    queryFn: () =>
      api('changes.list', {
        window: query.window,
        connection: query.connection,
        environment: query.environment,
        service: query.service,
        actor: query.actor,
      }),
    placeholderData: keepPreviousData,
    refetchInterval: REFRESH_MS,
    meta: LIVE_META,
  });
}
