import type { QueryClient } from '@tanstack/react-query';
import type { RolloutDetail, RolloutSummary } from '../../shared/domain';
import { api } from './client';
import { queryKeys } from './query-keys';

/** The summary part of a detail: the fleet keeps rows, not whole rollouts. */
function summaryOf(d: RolloutDetail): RolloutSummary {
  const {
    steps: _s,
    startedAt: _a,
    weightHistory: _w,
    analyses: _n,
    timeline: _t,
    actions: _c,
    kubernetes: _k,
    ...row
  } = d;
  return row;
}

/**
 * One rollout changed: read it alone and put it into the fleet in place, so a watch event reaches
 * the screen in one small request instead of waiting for the next whole-fleet refresh. A row
 * already newer (by revision) is kept.
 */
export async function patchFleetRow(queryClient: QueryClient, id: string): Promise<void> {
  if (!queryClient.getQueryData(queryKeys.fleet)) return;
  let detail: RolloutDetail;
  try {
    detail = await api('rollout.get', { id });
  } catch {
    // Gone or unreachable: the next fleet refresh says which.
    return;
  }
  const rows = queryClient.getQueryData<RolloutSummary[]>(queryKeys.fleet);
  // A rollout the fleet does not show yet: the whole fleet is read again.
  if (rows && !rows.some((r) => r.id === detail.id)) {
    void queryClient.invalidateQueries({ queryKey: queryKeys.fleet }, { cancelRefetch: false });
    return;
  }
  queryClient.setQueryData<RolloutSummary[]>(queryKeys.fleet, (rows) => {
    if (!rows) return rows;
    const index = rows.findIndex((r) => r.id === detail.id);
    const current = rows[index];
    if (!current || current.revision > detail.revision) return rows;
    const next = rows.slice();
    next[index] = summaryOf(detail);
    return next;
  });
}
