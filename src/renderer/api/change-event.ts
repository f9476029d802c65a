import type { ChangeEvent } from '../../shared/domain';

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
  if (o.type === 'incident' && typeof o.id === 'string') return { type: 'incident', id: o.id };
  return null;
}
