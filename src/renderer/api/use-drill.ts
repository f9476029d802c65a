// The live drill of a drill room: its status (refreshed by {type:'drill'} events, see
// use-change-stream) and the facilitator's controls. A room that is not a drill's answers null.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { ApiInput } from '../../shared/api';
import type { DrillStatus } from '../../shared/drills';
import { api } from './client';
import { LIVE_META, queryKeys } from './query-keys';
import { useSession } from './use-session';
import { useSimClockStore } from '../store/sim-clock-store';

/** A fallback to the change stream, which is what keeps the drill current within a second. */
const DRILL_POLL_MS = 5000;

/** The drill's status, asked only while the session says this room is a drill's. */
export function useDrillStatus() {
  const inDrill = useSession().data?.drill !== undefined;
  return useQuery({
    queryKey: queryKeys.drillStatus,
    queryFn: async () => {
      const status = await api('drill.status', {});
      // Every clock on screen follows the drill's: it moves only while the drill runs.
      if (status)
        useSimClockStore
          .getState()
          .sync(status.simulatedTime, status.state === 'running' ? status.speed : 0, true);
      return status;
    },
    enabled: inDrill,
    refetchInterval: DRILL_POLL_MS,
    meta: LIVE_META,
  });
}

/** Every control answers with the drill as it now stands: shown at once, not after the next event. */
function useShowStatus() {
  const queryClient = useQueryClient();
  return (status: DrillStatus) => {
    queryClient.setQueryData(queryKeys.drillStatus, status);
    // The DRILL banner's state and the fleet the drill drives change with it.
    void queryClient.invalidateQueries({ queryKey: queryKeys.session });
    void queryClient.invalidateQueries({ queryKey: queryKeys.fleet });
  };
}

export function useDrillControl() {
  const show = useShowStatus();
  return useMutation({
    mutationFn: (input: ApiInput<'drill.control'>) => api('drill.control', input),
    onSuccess: show,
  });
}

export function useDrillSpeed() {
  const show = useShowStatus();
  return useMutation({
    mutationFn: (input: ApiInput<'drill.speed'>) => api('drill.speed', input),
    onSuccess: show,
  });
}

export function useDrillInject() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: ApiInput<'drill.inject'>) => api('drill.inject', input),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: queryKeys.drillStatus }),
  });
}

/** The ended drill's entry in the workspace's drill history (its score), once it is saved there. */
export function useDrillRun(runId: string | undefined) {
  return useQuery({
    queryKey: queryKeys.drillRun(runId),
    queryFn: async () => {
      const history = await api('drills.history', {});
      return history.runs.find((r) => r.id === runId) ?? null;
    },
    enabled: runId !== undefined,
    // Saved a moment after the end: asked again until it is there.
    refetchInterval: (query) => (query.state.data ? false : 2000),
  });
}

/** A participant reverts a config push the drill made (the fix has no deploy either). */
export function useRevertConfig() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: ApiInput<'drill.revertConfig'>) => api('drill.revertConfig', input),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: queryKeys.drillStatus });
      void queryClient.invalidateQueries({ queryKey: queryKeys.fleet });
      void queryClient.invalidateQueries({ queryKey: queryKeys.auditAll });
    },
  });
}
