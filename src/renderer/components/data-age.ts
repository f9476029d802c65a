import type { QueryCache } from '@tanstack/react-query';

/**
 * The age of what is on screen: the oldest successful update among the active queries marked
 * live (fleet, open rollout). 0 when none has data yet; -1 when no live query is on screen.
 */
export function oldestLiveUpdate(cache: QueryCache): number {
  let oldest = Number.POSITIVE_INFINITY;
  let anyLive = false;
  for (const query of cache.findAll({ type: 'active' })) {
    if (query.meta?.live !== true) continue;
    anyLive = true;
    oldest = Math.min(oldest, query.state.dataUpdatedAt);
  }
  if (!anyLive) return -1;
  return oldest;
}
