import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { CanaryAnalysis } from '../../shared/api/canary-api';
import { api } from './client';
import { queryKeys } from './query-keys';

/** Every analysis run of the rollout, newest first. */
export function useCanaryAnalyses(id: string) {
  return useQuery({
    queryKey: queryKeys.canaryAnalyses(id),
    queryFn: () => api('canary.analyses', { id }),
    refetchInterval: 5000,
  });
}

export interface JudgeWindow {
  windowSec: number;
  /** End of the window (ISO); now when absent. */
  to?: string;
}

/** Judges a window now; the new run joins the list at once. */
export function useCanaryJudge(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (window: JudgeWindow) => api('canary.judge', { id, ...window }),
    onSuccess: (analysis) => {
      queryClient.setQueryData<CanaryAnalysis[]>(queryKeys.canaryAnalyses(id), (current) =>
        current ? [analysis, ...current.filter((a) => a.index !== analysis.index)] : [analysis],
      );
    },
    onSettled: () => {
      void queryClient.invalidateQueries({ queryKey: queryKeys.canaryAnalyses(id) });
      void queryClient.invalidateQueries({ queryKey: queryKeys.auditAll });
    },
  });
}
