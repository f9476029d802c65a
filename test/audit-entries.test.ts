// The audit view's grouping over a log the real control room wrote: each action (its request, the
// simulator's changes and its outcome) is one entry, whatever the controller did around it.
import { afterEach, describe, expect, it } from 'vitest';
import { groupAuditEntries, type ActionEntry } from '../src/renderer/features/audit/audit-entries';
import { makeTestRoom } from './support/test-room';

let cleanup: (() => void) | undefined;
afterEach(() => cleanup?.());

describe('audit entries from a real control room', () => {
  it('groups pause, abort and a refused promote into three entries with their outcomes', async () => {
    const t = makeTestRoom();
    cleanup = t.cleanup;
    const id = 'checkout-prod-eu';
    await t.room.act({ id, action: 'pause', idempotencyKey: 'entry-pause' }, 'alice');
    t.clock.advance(40_000);
    await t.room.tick(); // the controller moves other rollouts meanwhile
    await t.room.act({ id, action: 'abort', idempotencyKey: 'entry-abort', reason: 'p99' }, 'alice');
    await expect(
      t.room.act({ id, action: 'promote', idempotencyKey: 'entry-promote' }, 'bob'),
    ).rejects.toThrow();

    const { records } = t.room.auditList({ limit: 10_000 });
    const actions = groupAuditEntries(records).filter((e): e is ActionEntry => e.type === 'action');
    expect(actions.map((e) => [e.key, e.outcome, e.records.map((r) => r.kind)])).toEqual([
      ['entry-promote', 'rejected', ['action.rejected']],
      ['entry-abort', 'succeeded', ['action.requested', 'rollout.aborted', 'action.succeeded']],
      ['entry-pause', 'succeeded', ['action.requested', 'rollout.paused', 'action.succeeded']],
    ]);
    // Every record is in exactly one entry.
    const grouped = groupAuditEntries(records).flatMap((e) => (e.type === 'action' ? e.records : [e.record]));
    expect(grouped.map((r) => r.seq).sort((a, b) => a - b)).toEqual(records.map((r) => r.seq).reverse());
  });
});
