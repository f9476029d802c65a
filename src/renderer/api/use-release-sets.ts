import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { ApiInput } from '../../shared/api';
import type { ReleaseSetRun, ReleaseSetSummary } from '../../shared/release-sets';
import { api } from './client';
import { LIVE_META, queryKeys } from './query-keys';

/** Polled as a fallback to the change stream, like the migrations: gates follow the fleet. */
const SETS_POLL_MS = 3000;

/** `enabled: false` keeps an always-mounted caller (the command palette) from polling. */
export function useReleaseSetList(enabled = true) {
  return useQuery({
    queryKey: queryKeys.releaseSetList,
    queryFn: () => api('sets.list', {}),
    refetchInterval: SETS_POLL_MS,
    enabled,
    meta: LIVE_META,
  });
}

export function useReleaseSet(name: string) {
  return useQuery({
    queryKey: queryKeys.releaseSet(name),
    queryFn: () => api('sets.show', { set: name }),
    refetchInterval: SETS_POLL_MS,
    meta: LIVE_META,
  });
}

export type ReleaseSetMethod = 'sets.start' | 'sets.pause' | 'sets.resume' | 'sets.abort';
/** The four take the same input: the set, the environment, a reason and the intent's key. */
export interface ReleaseSetAction {
  method: ReleaseSetMethod;
  input: ApiInput<'sets.start'>;
}

function send({ method, input }: ReleaseSetAction): Promise<ReleaseSetRun> {
  switch (method) {
    case 'sets.start':
      return api(method, input);
    case 'sets.pause':
      return api(method, input);
    case 'sets.resume':
      return api(method, input);
    case 'sets.abort':
      return api(method, input);
  }
}

/** Every action answers with the run as it now stands: show it at once, then the rest follows. */
export function useReleaseSetAction() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: send,
    onSuccess: (run) => {
      queryClient.setQueryData<ReleaseSetSummary>(queryKeys.releaseSet(run.set), (old) =>
        old
          ? {
              ...old,
              runs: [...old.runs.filter((r) => r.environment !== run.environment), run],
            }
          : old,
      );
      void queryClient.invalidateQueries({ queryKey: queryKeys.releaseSetsAll });
      void queryClient.invalidateQueries({ queryKey: queryKeys.rolloutAll });
      void queryClient.invalidateQueries({ queryKey: queryKeys.auditAll });
    },
  });
}

/**
 * The audit records of one run, oldest first: those the run names by seq, read from the records that
 * mention the set (every set record does). Under the audit key, so an audit event refreshes it.
 */
export function useReleaseSetAudit(run: ReleaseSetRun | undefined) {
  const seqs = run?.auditSeqs ?? [];
  return useQuery({
    queryKey: [...queryKeys.auditAll, 'release-set', run?.set, run?.environment, seqs.join(',')],
    queryFn: async () => {
      const wanted = new Set(seqs);
      const page = await api('audit.list', { text: run?.set ?? '', limit: 10_000 });
      return page.records.filter((r) => wanted.has(r.seq)).sort((a, b) => a.seq - b.seq);
    },
    enabled: seqs.length > 0,
  });
}
