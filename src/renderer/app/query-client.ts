import { QueryClient } from '@tanstack/react-query';
import { ApiError } from '../api/api-error';

export function createQueryClient(): QueryClient {
  return new QueryClient({
    defaultOptions: {
      queries: {
        staleTime: 1000,
        // Polling and the change stream retry for us; do not pile retries on a slow backend.
        retry: (failures, error) =>
          failures < 1 &&
          !(error instanceof ApiError && error.code !== 'network' && error.code !== 'internal'),
        retryDelay: 500,
        refetchOnWindowFocus: true,
      },
      mutations: { retry: false },
    },
  });
}
