import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { ApiInput } from '../../shared/api';
import { api } from './client';

/** Drill rooms this app started: their own processes, so one that ends is seen by polling. */
export const drillServerKeys = { running: ['drills', 'running'] as const };
const RUNNING_POLL_MS = 5_000;

export function useRunningDrills(enabled = true) {
  return useQuery({
    queryKey: drillServerKeys.running,
    queryFn: () => api('drills.running', {}),
    refetchInterval: RUNNING_POLL_MS,
    enabled,
  });
}

export function useStartDrill() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (input: ApiInput<'drills.start'>) => api('drills.start', input),
    onSettled: () => void client.invalidateQueries({ queryKey: drillServerKeys.running }),
  });
}

export function useStopDrill() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (pid: number) => api('drills.stop', { pid }),
    onSettled: () => void client.invalidateQueries({ queryKey: drillServerKeys.running }),
  });
}
