import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { ApiInput, MigrationActionResult } from '../../shared/api';
import type { MigrationDetail } from '../../shared/migrations';
import { api } from './client';
import { LIVE_META, queryKeys } from './query-keys';

/** Polled as a fallback to the change stream, like the fleet. */
const MIGRATIONS_POLL_MS = 3000;

/** `enabled: false` keeps an always-mounted caller (the command palette) from polling. */
export function useMigrationList(enabled = true) {
  return useQuery({
    queryKey: queryKeys.migrationList,
    queryFn: () => api('migrations.list', {}),
    refetchInterval: MIGRATIONS_POLL_MS,
    enabled,
    meta: LIVE_META,
  });
}

export function useMigration(id: string) {
  return useQuery({
    queryKey: queryKeys.migration(id),
    queryFn: () => api('migrations.get', { id }),
    refetchInterval: MIGRATIONS_POLL_MS,
    meta: LIVE_META,
  });
}

type MigrationAction =
  | { method: 'migrations.tick'; input: ApiInput<'migrations.tick'> }
  | { method: 'migrations.waive'; input: ApiInput<'migrations.waive'> }
  | { method: 'migrations.advance'; input: ApiInput<'migrations.advance'> }
  | { method: 'migrations.rollback'; input: ApiInput<'migrations.rollback'> };

/** Every change to a plan answers with the plan as it now stands: show it at once. */
function useShowPlan() {
  const queryClient = useQueryClient();
  return (migration: MigrationDetail) => {
    queryClient.setQueryData(queryKeys.migration(migration.id), migration);
    void queryClient.invalidateQueries({ queryKey: queryKeys.migrationList });
    void queryClient.invalidateQueries({ queryKey: queryKeys.auditAll });
  };
}

export function useMigrationAction() {
  const show = useShowPlan();
  return useMutation({
    mutationFn: (action: MigrationAction): Promise<MigrationActionResult> => {
      switch (action.method) {
        case 'migrations.tick':
          return api(action.method, action.input);
        case 'migrations.waive':
          return api(action.method, action.input);
        case 'migrations.advance':
          return api(action.method, action.input);
        case 'migrations.rollback':
          return api(action.method, action.input);
      }
    },
    onSuccess: (result) => show(result.migration),
  });
}

export function useRunChecks() {
  const show = useShowPlan();
  return useMutation({
    mutationFn: (input: ApiInput<'migrations.check'>) => api('migrations.check', input),
    onSuccess: (result) => show(result.migration),
  });
}

export function useStorePassword() {
  return useMutation({
    mutationFn: (input: ApiInput<'databases.storePassword'>) => api('databases.storePassword', input),
  });
}
