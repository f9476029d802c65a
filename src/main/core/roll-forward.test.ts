// Roll forward on the demo fleet: only to versions the backend knows, and each version's history
// (what the judge said, who rolled it back and why) is there to warn with.
import { describe, expect, it } from 'vitest';
import { dispatchApiCall } from './api/dispatch-api-call';
import { rolloutHandlers } from './api/rollout-handlers';
import type { ApiHandlers } from './api/api-handlers';
import { roomPerTest } from '../../../test/support/room-per-test';

const setup = roomPerTest();

const rollForward = (toVersion: string, idempotencyKey: string) =>
  ({ id: 'checkout-prod-eu', action: 'roll-forward', toVersion, idempotencyKey }) as const;

describe('roll forward', () => {
  it('refuses a version the backend does not know: 409 with the reason, recorded, nothing started', async () => {
    const { room, audit, sim } = setup();
    const before = sim.deployments.get('checkout-prod-eu');
    const answer = await dispatchApiCall(
      rolloutHandlers(room) as ApiHandlers,
      'rollout.act',
      rollForward('2.4.O', 'typo-key-1'),
      { role: 'operator', actor: 'alice' },
    );
    expect(answer).toMatchObject({ ok: false, error: { code: 'precondition-failed' } });
    expect(answer.ok ? '' : answer.error.message).toMatch(
      /^Cannot roll.forward simulator\/checkout-prod-eu: checkout has no version "2\.4\.O" that the deployment backend knows of \(known: 2\.4\.1, 2\.4\.0, 2\.3\.1, 2\.3\.0\)\. List them with: control-room rollouts versions simulator\/checkout-prod-eu$/,
    );
    expect(audit.records().at(-1)).toMatchObject({ kind: 'action.rejected', actor: 'alice' });
    const after = sim.deployments.get('checkout-prod-eu');
    expect(after?.canaryVersion).toBe('2.4.0');
    expect(after?.revision).toBe(before?.revision);
  });

  it('the simulator itself refuses an unknown version too, whoever asks', async () => {
    const { sim } = setup();
    await expect(
      sim.deployments.apply('checkout-prod-eu', { kind: 'roll-forward', actor: 'x', toVersion: '9.9.9' }),
    ).rejects.toThrow('checkout has no version 9.9.9');
  });

  it('starts a canary of a published version', async () => {
    const { room } = setup();
    const result = await room.act(rollForward('2.4.1', 'fix-key-1'), 'alice');
    expect(result.rollout).toMatchObject({ canaryVersion: '2.4.1', currentStepIndex: 0 });
  });
});

describe('the versions a rollout can roll forward to', () => {
  it("lists the service's published versions newest first, with what serves now", () => {
    const { room } = setup();
    expect(room.versions('checkout-prod-eu')).toEqual({
      id: 'simulator/checkout-prod-eu',
      service: 'checkout',
      environment: 'prod-eu',
      versions: [
        { version: '2.4.1' },
        { version: '2.4.0', serving: 'canary' },
        { version: '2.3.1', serving: 'stable' },
        { version: '2.3.0' },
      ],
    });
  });

  it("remembers the judge's automatic rollback of 2.4.0 with its reason, also after a restart", async () => {
    const t = setup();
    // checkout-prod-eu: 12 of 45 minutes baked, then a 5 minute analysis that fails.
    t.clock.advance(34 * 60_000);
    await t.room.tick();
    t.clock.advance(5 * 60_000);
    await t.room.tick();
    expect(t.room.rollout('checkout-prod-eu').phase).toBe('degraded');
    const failure = {
      verdict: 'fail',
      source: 'rollback',
      automatic: true,
      actor: 'judge',
      score: 0,
      reason: expect.stringMatching(/^Fail: .*error rate \+\d+%/),
    };
    const v240 = t.room.versions('checkout-prod-eu').versions.find((v) => v.version === '2.4.0');
    expect(v240).toMatchObject({ lastVerdict: failure, failure });
    expect(v240?.serving).toBeUndefined();

    const restarted = setup(t.dir);
    const again = restarted.room.versions('checkout-prod-eu').versions.find((v) => v.version === '2.4.0');
    expect(again?.failure).toEqual(v240?.failure);
  });

  it("names a person's abort and reason; a roll forward to the fix has no verdict yet", async () => {
    const { room } = setup();
    await room.act(
      { id: 'checkout-prod-eu', action: 'abort', idempotencyKey: 'abort-key-1', reason: 'p99' },
      'alice',
    );
    const versions = room.versions('checkout-prod-eu').versions;
    expect(versions.find((v) => v.version === '2.4.0')?.failure).toMatchObject({
      source: 'rollback',
      automatic: false,
      actor: 'alice',
      reason: 'p99',
    });
    expect(versions.find((v) => v.version === '2.4.1')?.lastVerdict).toBeUndefined();
  });

  it('is part of the API, with a clear error for an unknown rollout', async () => {
    const { room } = setup();
    const handlers = rolloutHandlers(room) as ApiHandlers;
    const ctx = { role: 'observer', actor: 'watcher' } as const;
    const answer = await dispatchApiCall(handlers, 'rollout.versions', { id: 'search-prod-us' }, ctx);
    expect(answer.ok && (answer.value as { versions: unknown[] }).versions.length).toBe(3);
    expect(await dispatchApiCall(handlers, 'rollout.versions', { id: 'nope' }, ctx)).toMatchObject({
      ok: false,
      error: { code: 'not-found' },
    });
    expect(await dispatchApiCall(handlers, 'rollout.versions', { id: 'x', extra: 1 }, ctx)).toMatchObject({
      ok: false,
      error: { code: 'invalid-input' },
    });
  });
});
