import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { ApiInput } from '../../shared/api';
import type { Incident } from '../../shared/incidents';
import { api } from './client';
import { LIVE_META, queryKeys } from './query-keys';

/** A fallback to the change stream: a freeze window opens by the clock, not by an event. */
const FREEZE_POLL_MS = 5000;

export function useIncidentList(enabled = true) {
  return useQuery({
    queryKey: queryKeys.incidentList,
    queryFn: () => api('incidents.list', {}),
    refetchInterval: FREEZE_POLL_MS,
    enabled,
    meta: LIVE_META,
  });
}

export function useIncident(id: string) {
  return useQuery({
    queryKey: queryKeys.incident(id),
    queryFn: () => api('incidents.get', { id }),
    refetchInterval: FREEZE_POLL_MS,
    meta: LIVE_META,
  });
}

export function useFreezeStatus() {
  return useQuery({
    queryKey: queryKeys.freezeStatus,
    queryFn: () => api('freeze.status', {}),
    refetchInterval: FREEZE_POLL_MS,
  });
}

/** Declared or resolved: the incident as it now stands, and the freeze and buttons it changes. */
function useShowIncident() {
  const queryClient = useQueryClient();
  return (incident: Incident) => {
    queryClient.setQueryData(queryKeys.incident(incident.id), incident);
    void queryClient.invalidateQueries({ queryKey: queryKeys.incidentsAll });
    void queryClient.invalidateQueries({ queryKey: queryKeys.rolloutAll });
    void queryClient.invalidateQueries({ queryKey: queryKeys.auditAll });
  };
}

export function useDeclareIncident() {
  const show = useShowIncident();
  return useMutation({
    mutationFn: (input: ApiInput<'incidents.declare'>) => api('incidents.declare', input),
    onSuccess: show,
  });
}

export function useResolveIncident() {
  const show = useShowIncident();
  return useMutation({
    mutationFn: (input: ApiInput<'incidents.resolve'>) => api('incidents.resolve', input),
    onSuccess: show,
  });
}
