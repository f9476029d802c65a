import { describe, expect, it } from 'vitest';
import type { AuditRecord } from '../../../shared/domain';
import { groupAuditEntries, type ActionEntry } from './audit-entries';

let seq = 0;
const record = (kind: string, over: Partial<AuditRecord> = {}): AuditRecord => ({
  seq: ++seq,
  time: `2026-11-27T12:00:${String(seq).padStart(2, '0')}.000Z`,
  actor: 'alice',
  kind,
  target: 'checkout-prod-eu',
  reason: '',
  details: {},
  prev: '',
  hash: '',
  ...over,
});
const action = (kind: string, key: string, name: string, over: Partial<AuditRecord> = {}) =>
  record(kind, { ...over, details: { action: name, idempotencyKey: key, revision: 3, ...over.details } });
const newestFirst = (records: AuditRecord[]) => [...records].reverse();

describe('grouping audit records into entries', () => {
  it('makes one entry of a request, its backend changes and its outcome', () => {
    seq = 0;
    const records = [
      record('rollout.step-started', { actor: 'controller' }),
      action('action.requested', 'k1', 'abort', { reason: 'p99' }),
      record('rollout.aborted', { details: { message: 'Traffic returned', revision: 4 } }),
      action('action.succeeded', 'k1', 'abort', { reason: 'p99' }),
      record('analysis.verdict', { actor: 'judge' }),
    ];
    const entries = groupAuditEntries(newestFirst(records));
    expect(entries.map((e) => e.type)).toEqual(['record', 'action', 'record']);
    const abort = entries[1] as ActionEntry;
    expect(abort).toMatchObject({ seq: 2, key: 'k1', action: 'abort', outcome: 'succeeded' });
    expect(abort.records.map((r) => r.kind)).toEqual([
      'action.requested',
      'rollout.aborted',
      'action.succeeded',
    ]);
  });

  it('keeps a controller change on the same rollout during the action out of it', () => {
    seq = 0;
    const entries = groupAuditEntries(
      newestFirst([
        action('action.requested', 'k2', 'promote'),
        record('rollout.step-started', { actor: 'controller' }),
        record('rollout.step-completed'),
        action('action.succeeded', 'k2', 'promote'),
        record('rollout.resumed'),
      ]),
    );
    expect(entries.map((e) => (e.type === 'action' ? e.records.length : e.record.kind))).toEqual([
      'rollout.resumed',
      'rollout.step-started',
      2 + 1,
    ]);
  });

  it('joins a change record that names the key to its action, wherever it stands', () => {
    seq = 0;
    const entries = groupAuditEntries(
      newestFirst([
        action('action.requested', 'x', 'promote'),
        action('action.requested', 'y', 'pause'),
        record('rollout.step-completed', { details: { idempotencyKey: 'x', revision: 5 } }),
        record('rollout.paused', { details: { idempotencyKey: 'y', revision: 6 } }),
        action('action.succeeded', 'y', 'pause'),
        action('action.succeeded', 'x', 'promote'),
      ]),
    ) as ActionEntry[];
    expect(entries.map((e) => [e.key, e.records.map((r) => r.seq)])).toEqual([
      ['y', [2, 4, 5]],
      ['x', [1, 3, 6]],
    ]);
  });

  it('groups interleaved actions on two rollouts each to its own', () => {
    seq = 0;
    const other = { target: 'payments-prod-us' };
    const entries = groupAuditEntries(
      newestFirst([
        action('action.requested', 'a', 'pause'),
        action('action.requested', 'b', 'pause', other),
        record('rollout.paused', other),
        record('rollout.paused'),
        action('action.succeeded', 'b', 'pause', other),
        action('action.failed', 'a', 'pause'),
      ]),
    ) as ActionEntry[];
    expect(entries.map((e) => [e.key, e.outcome, e.records.map((r) => r.seq)])).toEqual([
      ['b', 'succeeded', [2, 3, 5]],
      ['a', 'failed', [1, 4, 6]],
    ]);
  });

  it('shows a refusal and an interrupted request as the outcome, with whether it applied', () => {
    seq = 0;
    const entries = groupAuditEntries(
      newestFirst([
        action('action.rejected', 'r', 'promote', { details: { refused: 'aborted' } }),
        action('action.requested', 'i', 'roll-forward'),
        action('action.interrupted', 'i', 'roll-forward', {
          actor: 'control-room',
          details: { applied: false },
        }),
        action('action.requested', 'p', 'resume'),
        action('action.requested', 'u', 'abort'),
        action('action.interrupted', 'u', 'abort', { details: { applied: 'unknown' } }),
      ]),
    ) as ActionEntry[];
    expect(entries.map((e) => [e.key, e.outcome, e.applied, e.records.length])).toEqual([
      ['u', 'interrupted', 'unknown', 2],
      ['p', 'pending', undefined, 1],
      ['i', 'interrupted', false, 2],
      ['r', 'rejected', undefined, 1],
    ]);
  });

  it('groups 100,000 records in one pass (timed in bench/audit-view.bench.ts)', () => {
    seq = 0;
    const records: AuditRecord[] = [];
    for (let i = 0; i < 25_000; i++) {
      const key = `key-${i}`;
      records.push(action('action.requested', key, 'pause', { target: `r-${i % 50}` }));
      records.push(record('rollout.paused', { target: `r-${i % 50}` }));
      records.push(action('action.succeeded', key, 'pause', { target: `r-${i % 50}` }));
      records.push(record('rollout.step-started', { actor: 'controller' }));
    }
    const entries = groupAuditEntries(newestFirst(records));
    expect(entries).toHaveLength(50_000);
    expect(entries.filter((e) => e.type === 'action').every((e) => e.records.length === 3)).toBe(true);
  });
});
