import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { makeTestRoom } from '../../../../test/support/test-room';
import { makeTestMigrations } from '../../../../test/support/test-migrations';
import { dispatchApiCall } from './dispatch-api-call';
import { migrationHandlers } from './migration-handlers';
import { rolloutHandlers } from './rollout-handlers';

const rooms: ReturnType<typeof makeTestRoom>[] = [];
afterEach(() => rooms.splice(0).forEach((t) => t.cleanup()));

function setup() {
  const t = makeTestRoom();
  rooms.push(t);
  const handlers = { ...rolloutHandlers(t.room), ...migrationHandlers(makeTestMigrations(t)) };
  const call = (method: string, input: unknown) =>
    dispatchApiCall(handlers as never, method, input, { role: 'operator', actor: 'tester' });
  const auditLines = () => readFileSync(t.auditPath, 'utf8').split('\n').filter(Boolean).length;
  return { ...t, call, auditLines };
}

describe('ill-formed text at the boundary', () => {
  it('answers a reason holding a lone surrogate as bad input naming the field, and does nothing', async () => {
    const t = setup();
    const before = t.auditLines();
    const answer = await t.call('rollout.act', {
      id: 'search-prod-us',
      action: 'pause',
      idempotencyKey: 'lone-surrogate-pause',
      reason: 'bad deploy \ud800',
    });
    expect(answer).toMatchObject({
      ok: false,
      error: { code: 'invalid-input', field: 'reason', message: expect.stringMatching(/surrogate/) },
    });
    expect(t.auditLines()).toBe(before);
    const rollout = await t.call('rollout.get', { id: 'search-prod-us' });
    expect(JSON.stringify(rollout)).not.toContain('"reason":"manual"');
    // The same intent with well-formed text (an emoji is a surrogate *pair*) is applied.
    expect(
      await t.call('rollout.act', {
        id: 'search-prod-us',
        action: 'pause',
        idempotencyKey: 'lone-surrogate-pause',
        reason: 'bad deploy 🚨',
      }),
    ).toMatchObject({ ok: true, value: { applied: true } });
    expect(JSON.stringify(await t.call('rollout.get', { id: 'search-prod-us' }))).toContain(
      '"reason":"manual"',
    );
  });

  it('names the field for notes, waiver reasons and filters too', async () => {
    const t = setup();
    const tick = await t.call('migrations.tick', {
      id: 'orders-customer-id',
      phase: 'P3',
      item: 'backfill-started',
      note: 'started \udfff',
    });
    expect(tick).toMatchObject({ ok: false, error: { code: 'invalid-input', field: 'note' } });
    const filter = await t.call('audit.list', { text: '\ud83d' });
    expect(filter).toMatchObject({ ok: false, error: { code: 'invalid-input', field: 'text' } });
  });
});
