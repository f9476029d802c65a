// One flag in one environment and its comparison around a flip. Under the `flags` key, so the
// `{type:'flags'}` event that refreshes the Flags view refreshes this page too.
import { useQuery } from '@tanstack/react-query';
import { api } from '../../api/client';

export function useFlagDetail(environment: string, key: string) {
  return useQuery({
    queryKey: ['flags', 'detail', environment, key] as const,
    queryFn: () => api('flags.show', { flag: key, environment }),
    refetchInterval: 10_000,
  });
}

/** `auditSeq` absent: around the flag's last recorded change. */
export function useFlagComparison(environment: string, key: string, auditSeq: number | undefined) {
  return useQuery({
    queryKey: ['flags', 'compare', environment, key, auditSeq ?? 'last'] as const,
    queryFn: () =>
      api('flags.compare', {
        flag: key,
        environment,
        windowSec: 600,
        ...(auditSeq === undefined ? {} : { auditSeq }),
      }),
    refetchInterval: 15_000,
  });
}
