import { afterEach, describe, expect, it, vi } from 'vitest';
import { makeTestRoom, type TestRoom } from '../../../../test/support/test-room';
import { INCIDENT_AUDIT_KINDS } from '../../../shared/incidents';
import { inFlightIn } from '../../../shared/in-flight';
import { PauseAll } from './pause-all';

let cleanup: (() => void) | undefined;
afterEach(() => cleanup?.());

function setup(options: { timeoutMs?: number } = {}) {
  const t = makeTestRoom();
  cleanup = t.cleanup;
  const pauseAll = new PauseAll({ room: t.room, history: () => t.audit.history(), ...options });
  return { ...t, pauseAll };
}

function kinds(t: TestRoom, kind: string) {
  return t.audit.records().filter((r) => r.kind === kind);
}

describe('pause everything', () => {
  it('pauses every in-flight rollout, one action record each and one bulk record with the outcomes', async () => {
    const t = setup();
    const inFlight = inFlightIn(t.room.fleet(), {});
    expect(inFlight.length).toBeGreaterThan(3);
    const result = await t.pauseAll.run({ idempotencyKey: 'bulk-all-1', reason: 'INC-1 p99' }, 'alice');
    expect(result.results.map((r) => r.id).sort()).toEqual(inFlight.map((r) => r.id).sort());
    expect(result.counts.failed).toBe(0);
    for (const r of t.room.fleet().filter((r) => inFlight.some((f) => f.id === r.id)))
      expect(r.pauseConditions.some((c) => c.reason === 'manual')).toBe(true);
    // Finished rollouts are left alone.
    const finished = t.room.fleet().filter((r) => ['completed', 'aborted', 'degraded'].includes(r.phase));
    for (const r of finished) expect(result.results.some((x) => x.id === r.id)).toBe(false);
    expect(kinds(t, 'action.succeeded')).toHaveLength(result.counts.paused);
    for (const rec of kinds(t, 'action.succeeded'))
      expect(rec).toMatchObject({ actor: 'alice', reason: 'INC-1 p99' });
    const [bulk, ...more] = kinds(t, INCIDENT_AUDIT_KINDS.pauseAll);
    expect(more).toHaveLength(0);
    expect(bulk).toMatchObject({ actor: 'alice', target: 'fleet', reason: 'INC-1 p99' });
    expect(bulk?.details).toMatchObject({ counts: result.counts, results: result.results });
    // The intent is recorded before any rollout is paused.
    const requested = kinds(t, `${INCIDENT_AUDIT_KINDS.pauseAll}.requested`)[0];
    expect(requested?.seq).toBeLessThan(kinds(t, 'action.requested')[0]?.seq ?? 0);
  });

  it('lists a rollout a person paused as already paused, with no refusal record', async () => {
    const t = setup();
    await t.room.act({ id: 'checkout-prod-eu', action: 'pause', idempotencyKey: 'by-hand-1' }, 'bob');
    const result = await t.pauseAll.run({ environment: 'prod-eu', idempotencyKey: 'bulk-eu-1' }, 'alice');
    expect(result.results.find((r) => r.id === 'simulator/checkout-prod-eu')).toMatchObject({
      outcome: 'already-paused',
    });
    expect(result.counts['already-paused']).toBe(1);
    expect(kinds(t, 'action.rejected')).toHaveLength(0);
  });

  it('acts only on the scope: one environment, one connection', async () => {
    const t = setup();
    const eu = await t.pauseAll.run({ environment: 'prod-eu', idempotencyKey: 'bulk-eu-2' }, 'alice');
    expect(eu.results.length).toBeGreaterThan(0);
    expect(eu.results.every((r) => r.environment === 'prod-eu')).toBe(true);
    const staging = t.room.fleet().filter((r) => r.environment === 'staging');
    expect(staging.some((r) => r.pauseConditions.some((c) => c.reason === 'manual'))).toBe(false);
    const none = await t.pauseAll.run({ connection: 'elsewhere', idempotencyKey: 'bulk-none-1' }, 'alice');
    expect(none.results).toEqual([]);
    expect(kinds(t, INCIDENT_AUDIT_KINDS.pauseAll)[1]).toMatchObject({ target: 'connection:elsewhere' });
  });

  it('pauses the others when one fails, and lists the failure with its cause', async () => {
    const t = setup();
    const apply = t.fleet.apply.bind(t.fleet);
    vi.spyOn(t.fleet, 'apply').mockImplementation((id, command) =>
      id === 'simulator/search-prod-us'
        ? Promise.reject(new Error('connection reset by peer'))
        : apply(id, command),
    );
    const result = await t.pauseAll.run({ idempotencyKey: 'bulk-partial-1' }, 'alice');
    const failed = result.results.filter((r) => r.outcome === 'failed');
    expect(failed).toHaveLength(1);
    expect(failed[0]).toMatchObject({ id: 'simulator/search-prod-us' });
    expect(failed[0]?.message).toContain('connection reset by peer');
    expect(result.counts.paused).toBe(result.results.length - 1);
    expect(kinds(t, INCIDENT_AUDIT_KINDS.pauseAll)[0]?.details).toMatchObject({ counts: { failed: 1 } });
  });

  it('does not wait for a connection that never answers: its rollout fails, the others pause', async () => {
    const t = setup({ timeoutMs: 50 });
    const apply = t.fleet.apply.bind(t.fleet);
    vi.spyOn(t.fleet, 'apply').mockImplementation((id, command) =>
      id === 'simulator/cart-staging' ? new Promise(() => {}) : apply(id, command),
    );
    const result = await t.pauseAll.run({ idempotencyKey: 'bulk-hang-1' }, 'alice');
    expect(result.results.find((r) => r.id === 'simulator/cart-staging')).toMatchObject({
      outcome: 'failed',
    });
    expect(result.results.find((r) => r.id === 'simulator/cart-staging')?.message).toContain('no answer');
    expect(result.counts.paused).toBe(result.results.length - 1);
  });

  it('applies a retried bulk request once, also after a restart', async () => {
    const t = setup();
    const events: unknown[] = [];
    t.room.onChange((e) => e.type === 'bulk' && events.push(e));
    const first = await t.pauseAll.run({ idempotencyKey: 'bulk-retry-1' }, 'alice');
    expect(events.length).toBe(first.results.length + 1);
    const before = t.audit.records().length;
    const again = await t.pauseAll.run({ idempotencyKey: 'bulk-retry-1' }, 'alice');
    expect(again).toMatchObject({ applied: false, counts: first.counts, auditSeq: first.auditSeq });
    expect(t.audit.records().length).toBe(before);
    const fresh = new PauseAll({ room: t.room, history: () => t.audit.history() });
    expect((await fresh.run({ idempotencyKey: 'bulk-retry-1' }, 'alice')).applied).toBe(false);
    expect(kinds(t, INCIDENT_AUDIT_KINDS.pauseAll)).toHaveLength(1);
  });
});
