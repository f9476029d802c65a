import { useQuery } from '@tanstack/react-query';
import { api } from './client';

/** The drills' keys, under one prefix: a finished drill refreshes the history and its reports. */
export const drillKeys = {
  all: ['drills'] as const,
  scenarios: ['drills', 'scenarios'] as const,
  history: ['drills', 'history'] as const,
  report: (id: string) => ['drills', 'report', id] as const,
};

/** A drill ends in another window or the CLI without an event here: the history is re-read. */
const HISTORY_POLL_MS = 15_000;

export function useDrillScenarios(enabled = true) {
  return useQuery({
    queryKey: drillKeys.scenarios,
    queryFn: () => api('drills.scenarios', {}),
    enabled,
  });
}

export function useDrillHistory(enabled = true) {
  return useQuery({
    queryKey: drillKeys.history,
    queryFn: () => api('drills.history', {}),
    refetchInterval: HISTORY_POLL_MS,
    enabled,
  });
}

/** A finished run's report never changes: read once. */
export function useDrillReport(id: string) {
  return useQuery({
    queryKey: drillKeys.report(id),
    queryFn: () => api('drills.report', { id }),
    staleTime: Infinity,
    retry: false,
  });
}
