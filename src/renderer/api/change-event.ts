import type { PauseAllRolloutResult } from '../../shared/api';
import type { ChangeEvent } from '../../shared/domain';

function isPauseResult(raw: unknown): raw is PauseAllRolloutResult {
  if (typeof raw !== 'object' || raw === null) return false;
  const r = raw as Record<string, unknown>;
  return (
    ['id', 'service', 'environment', 'connection', 'message'].every((k) => typeof r[k] === 'string') &&
    (r.outcome === 'paused' || r.outcome === 'already-paused' || r.outcome === 'failed')
  );
}

/** Accepts only the ChangeEvent shapes of the contract; anything else is ignored. */
export function parseChangeEvent(raw: unknown): ChangeEvent | null {
  if (typeof raw !== 'object' || raw === null) return null;
  const o = raw as Record<string, unknown>;
  if (o.type === 'rollout' && typeof o.id === 'string' && typeof o.revision === 'number') {
    return { type: 'rollout', id: o.id, revision: o.revision };
  }
  if (o.type === 'audit' && typeof o.seq === 'number') return { type: 'audit', seq: o.seq };
  if (o.type === 'migration' && typeof o.id === 'string') return { type: 'migration', id: o.id };
  if (o.type === 'tick' && typeof o.time === 'string') return { type: 'tick', time: o.time };
  if (o.type === 'session') return { type: 'session' };
  if (
    o.type === 'bulk' &&
    typeof o.id === 'string' &&
    typeof o.done === 'number' &&
    typeof o.total === 'number'
  )
    return {
      type: 'bulk',
      id: o.id,
      done: o.done,
      total: o.total,
      ...(isPauseResult(o.result) ? { result: o.result } : {}),
    };
  if (o.type === 'notification') return { type: 'notification' };
  if (o.type === 'incident' && typeof o.id === 'string') return { type: 'incident', id: o.id };
  if (o.type === 'freeze-windows') return { type: 'freeze-windows' };
  if (o.type === 'drill') return { type: 'drill' };
  if (o.type === 'flags') return { type: 'flags' };
  if (o.type === 'release-set' && typeof o.set === 'string' && typeof o.environment === 'string')
    return { type: 'release-set', set: o.set, environment: o.environment };
  return null;
}
