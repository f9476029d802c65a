import { afterEach, describe, expect, it, vi } from 'vitest';
import { makeTestRoom } from '../../../test/support/test-room';
import { ApiError } from './api/api-error';
import { verifyAuditFile } from './audit/verify-audit';

let cleanup: (() => void) | undefined;
afterEach(() => cleanup?.());

function setup() {
  const t = makeTestRoom();
  cleanup = t.cleanup;
  return t;
}

describe('actions', () => {
  it('records the request before the backend acts and the outcome after, with actor and reason', async () => {
    const { room, audit } = setup();
    const result = await room.act(
      { id: 'checkout-prod-eu', action: 'abort', idempotencyKey: 'key-abort-1', reason: 'p99 regression' },
      'alice',
    );
    expect(result).toMatchObject({ applied: true, outcome: 'succeeded' });
    expect(result.rollout.phase).toBe('aborted');
    const kinds = audit.records().map((r) => r.kind);
    expect(kinds.indexOf('action.requested')).toBeLessThan(kinds.indexOf('rollout.aborted'));
    expect(kinds.indexOf('rollout.aborted')).toBeLessThan(kinds.indexOf('action.succeeded'));
    const done = audit.records().find((r) => r.kind === 'action.succeeded');
    expect(done).toMatchObject({
      actor: 'alice',
      target: 'simulator/checkout-prod-eu',
      reason: 'p99 regression',
    });
    expect(done?.seq).toBe(result.auditSeq);
  });

  it('applies a repeated idempotency key once, also when both requests arrive together', async () => {
    const { room, sim } = setup();
    const request = { id: 'payments-prod-us', action: 'promote' as const, idempotencyKey: 'double-click-1' };
    const before = sim.deployments.get('payments-prod-us')?.currentStepIndex ?? -1;
    const [first, second] = await Promise.all([room.act(request, 'bob'), room.act(request, 'bob')]);
    const third = await room.act(request, 'bob');
    expect(sim.deployments.get('payments-prod-us')?.currentStepIndex).toBe(before + 1);
    expect([first.applied, second.applied, third.applied]).toEqual([true, false, false]);
    expect(third.auditSeq).toBe(first.auditSeq);
  });

  it('remembers applied keys across a restart, from the audit log', async () => {
    const first = setup();
    const request = {
      id: 'payments-prod-us',
      action: 'promote' as const,
      idempotencyKey: 'retried-after-crash',
    };
    await first.room.act(request, 'bob');
    const again = makeTestRoom(first.dir);
    const result = await again.room.act(request, 'bob');
    expect(result.applied).toBe(false);
    expect(again.sim.deployments.get('payments-prod-us')?.currentStepIndex).toBe(3);
  });

  it('refuses a key reused for a different action', async () => {
    const { room } = setup();
    await room.act({ id: 'search-prod-us', action: 'pause', idempotencyKey: 'reused-key' }, 'x');
    await expect(
      room.act({ id: 'search-prod-us', action: 'resume', idempotencyKey: 'reused-key' }, 'x'),
    ).rejects.toThrow(/already used for pause/);
  });

  it('enforces preconditions with a clear message and records the refusal', async () => {
    const { room, audit } = setup();
    await room.act({ id: 'checkout-prod-eu', action: 'abort', idempotencyKey: 'abort-first' }, 'x');
    const attempt = room.act(
      { id: 'checkout-prod-eu', action: 'promote', idempotencyKey: 'promote-after' },
      'x',
    );
    await expect(attempt).rejects.toMatchObject({ code: 'precondition-failed' });
    await expect(attempt).rejects.toThrow(/Aborted rollouts cannot be promoted/);
    expect(audit.records().at(-1)?.kind).toBe('action.rejected');
  });

  it('does nothing when the audit record cannot be written', async () => {
    const { room, audit, sim } = setup();
    vi.spyOn(audit, 'appendBatch').mockImplementation(() => {
      throw new Error('ENOSPC: no space left on device');
    });
    await expect(
      room.act({ id: 'search-prod-us', action: 'pause', idempotencyKey: 'disk-full' }, 'x'),
    ).rejects.toThrow(/audit log could not be written.*nothing was done/);
    expect(sim.deployments.get('search-prod-us')?.phase).toBe('progressing');
  });

  it('names an unknown rollout', async () => {
    const { room } = setup();
    expect(() => room.rollout('nope')).toThrow(ApiError);
    expect(() => room.rollout('nope')).toThrow(/No rollout with id "nope"/);
  });

  it('offers only valid actions, with the reason for the others', () => {
    const { room } = setup();
    const actions = room.rollout('checkout-staging').actions;
    expect(actions.find((a) => a.action === 'abort')).toMatchObject({ enabled: false });
    expect(actions.find((a) => a.action === 'abort')?.reason).toMatch(/complete/);
    expect(actions.find((a) => a.action === 'roll-forward')?.enabled).toBe(true);
  });
});

describe('health and analysis', () => {
  it('flags the regressing canary critical and the healthy one healthy', async () => {
    const { room } = setup();
    await room.refreshHealth();
    const fleet = room.fleet();
    expect(fleet.find((r) => r.id === 'simulator/checkout-prod-eu')?.health).toBe('critical');
    expect(fleet.find((r) => r.id === 'simulator/checkout-prod-eu')?.healthReason).toMatch(
      /error rate \+\d+%/,
    );
    expect(fleet.find((r) => r.id === 'simulator/search-prod-us')?.health).toBe('healthy');
  });

  it('judges a due analysis step, records the verdict as the judge, and rolls back a failing canary', async () => {
    const { room, clock, audit, auditPath } = setup();
    // checkout-prod-eu: 12 of 45 minutes baked, then a 5 minute analysis.
    clock.advance(34 * 60_000);
    await room.tick();
    expect(
      room.rollout('checkout-prod-eu').steps[room.rollout('checkout-prod-eu').currentStepIndex]?.kind,
    ).toBe('analysis');
    clock.advance(5 * 60_000);
    await room.tick();
    const r = room.rollout('checkout-prod-eu');
    expect(r.phase).toBe('degraded');
    expect(r.weight).toBe(0);
    expect(r.analyses.at(-1)).toMatchObject({ verdict: 'fail', score: 0 });
    const verdict = audit
      .records()
      .find((x) => x.kind === 'analysis.verdict' && x.target === 'simulator/checkout-prod-eu');
    expect(verdict).toMatchObject({ actor: 'judge', details: { verdict: 'fail', score: 0 } });
    expect(verifyAuditFile(auditPath).ok).toBe(true);
  });

  it('serves baseline and canary series for charts', async () => {
    const { room } = setup();
    const [errorRate] = await room.metrics({
      id: 'checkout-prod-eu',
      windowSec: 1800,
      metrics: ['errorRate'],
    });
    expect(errorRate?.points.length).toBeGreaterThan(100);
    const last = errorRate?.points.at(-1);
    expect(last?.baseline).toBeGreaterThan(0);
    expect(last?.canary).toBeGreaterThan(last?.baseline ?? 1);
  });
});
