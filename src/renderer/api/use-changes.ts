import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { ChangesQuery } from '../features/changes/changes-query';
import { api } from './client';
import { LIVE_META, queryKeys } from './query-keys';

/**
 * The window slides with time, and changes arrive from every connection: read again this often. A
 * day's window moves a pixel a minute and may carry 10,000 changes, so it is read less often. Not on
 * each audit record: the controller writes one per step, and reading 10,000 changes every few seconds
 * is a long task in the middle of a scroll (the bench caught it).
 */
const REFRESH_MS: Record<ChangesQuery['window'], number> = {
  '15m': 5_000,
  '1h': 5_000,
  '6h': 15_000,
  '24h': 30_000,
};

export function useChanges(query: ChangesQuery) {
  return useQuery({
    queryKey: queryKeys.changes(query),
    queryFn: () =>
      api('changes.list', {
        window: query.window,
        connection: query.connection,
        environment: query.environment,
        service: query.service,
        actor: query.actor,
      }),
    placeholderData: keepPreviousData,
    refetchInterval: REFRESH_MS[query.window],
    // Each answer is new (the window moved): comparing 10,000 changes to keep old objects costs more than it saves.
    structuralSharing: false,
    meta: LIVE_META,
  });
}
