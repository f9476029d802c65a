// Freeze windows through the API as the Settings screen and the CLI call it, on a test room with a
// manual clock (Friday 2026-11-27 12:00 UTC): saved to config.yaml, in force by the clock, refusing
// promote with the window named while pause goes through, overrides listed on the window.
import { readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { makeTestHandlers } from '../../../../test/support/test-handlers';
import { makeTestRoom } from '../../../../test/support/test-room';
import type { ApiInput, ApiMethod } from '../../../shared/api';
import { dispatchApiCall } from '../api/dispatch-api-call';

let cleanup: (() => void) | undefined;
afterEach(() => cleanup?.());

function setup() {
  const t = makeTestRoom();
  cleanup = t.cleanup;
  const handlers = makeTestHandlers(t);
  const call = <M extends ApiMethod>(method: M, input: ApiInput<M>) =>
    dispatchApiCall(handlers, method, input, { role: 'operator', actor: 'dana' });
  let key = 0;
  const act = (id: string, action: string, extra: Record<string, string> = {}) =>
    call('rollout.act', { id, action, idempotencyKey: `window-test-${++key}`, ...extra } as never);
  return { ...t, call, act, config: join(t.dir, 'config.yaml') };
}

const WEEKEND = {
  name: 'weekend',
  environments: ['prod-us'],
  timezone: 'Europe/Berlin',
  weekly: { from: 'Fri 12:00', to: 'Mon 08:00' },
};

describe('freeze windows through the API', () => {
  it('a window in force refuses promote naming it and its reopen time, allows pause, and records an override on the window', async () => {
    const t = setup();
    writeFileSync(t.config, "# the team's settings\nactor: dana\n");
    const saved = await t.call('freezeWindows.save', { window: WEEKEND });
    expect(saved).toMatchObject({
      ok: true,
      value: { message: expect.stringContaining('Releases are frozen now') },
    });
    const file = readFileSync(t.config, 'utf8');
    expect(file).toContain("# the team's settings");
    expect(file).toMatch(/weekly: \{ from: Fri 12:00, to: Mon 08:00 \}/);
    expect(statSync(t.config).mode & 0o777).toBe(0o600);

    const status = await t.call('freeze.status', {});
    expect(status).toMatchObject({
      ok: true,
      value: {
        frozen: true,
        freezes: [
          {
            source: { kind: 'window', name: 'weekend' },
            until: '2026-11-30T07:00:00.000Z',
            timezone: 'Europe/Berlin',
            environments: ['prod-us'],
          },
        ],
      },
    });

    const promote = await t.act('payments-prod-us', 'promote');
    expect(promote).toMatchObject({ ok: false, error: { code: 'precondition-failed' } });
    const message = promote.ok ? '' : promote.error.message;
    expect(message).toContain('Releases are frozen in prod-us by the freeze window “weekend”');
    expect(message).toContain('until Mon 08:00 Europe/Berlin');
    expect((await t.act('payments-prod-us', 'pause')).ok).toBe(true);
    // Another environment is not frozen.
    expect((await t.act('checkout-prod-eu', 'promote')).ok).toBe(true);

    const through = await t.act('search-prod-us', 'promote', { overrideFreeze: 'the fix for the outage' });
    expect(through.ok).toBe(true);
    const override = t.audit.records().find((r) => r.kind === 'freeze.overridden');
    expect(override).toMatchObject({
      actor: 'dana',
      reason: 'the fix for the outage',
      details: { window: 'weekend', action: 'promote' },
    });
    const list = await t.call('freezeWindows.list', {});
    expect(list).toMatchObject({
      ok: true,
      value: {
        windows: [
          {
            name: 'weekend',
            state: 'in-force',
            until: '2026-11-30T07:00:00.000Z',
            nextStart: '2026-12-04T11:00:00.000Z',
            schedule: 'every week, Fri 12:00 → Mon 08:00 (Europe/Berlin)',
            overrides: [
              { actor: 'dana', reason: 'the fix for the outage', rollout: 'simulator/search-prod-us' },
            ],
          },
        ],
      },
    });

    // Monday 08:00 in Berlin: releases reopen by the clock.
    t.clock.set(Date.parse('2026-11-30T07:00:00Z'));
    expect(await t.call('freeze.status', {})).toMatchObject({ ok: true, value: { frozen: false } });
    expect((await t.act('payments-prod-us', 'resume')).ok).toBe(true);
  });

  it('a refused edit names the field and writes nothing; rename and remove take effect at once', async () => {
    const t = setup();
    await t.call('freezeWindows.save', { window: WEEKEND });
    const before = readFileSync(t.config, 'utf8');

    const bad = await t.call('freezeWindows.save', {
      window: { ...WEEKEND, weekly: { from: 'Fri 25:00', to: 'Mon 08:00' } },
      editing: 'weekend',
    });
    expect(bad).toMatchObject({ ok: false, error: { code: 'invalid-input', field: 'window.weekly.from' } });
    expect(bad.ok ? '' : bad.error.message).toMatch(/"25:00" is not a time of day.*Nothing was written/);
    const endless = await t.call('freezeWindows.save', {
      window: { name: 'forever', start: '2026-11-27T00:00' },
    });
    expect(endless).toMatchObject({ ok: false, error: { field: 'window.end' } });
    expect(endless.ok ? '' : endless.error.message).toContain('a freeze window that never ends is refused');
    const twice = await t.call('freezeWindows.save', { window: { ...WEEKEND, name: 'Weekend' } });
    expect(twice).toMatchObject({ ok: false, error: { field: 'window.name' } });
    expect(readFileSync(t.config, 'utf8')).toBe(before);

    const renamed = await t.call('freezeWindows.save', {
      window: { ...WEEKEND, name: 'weekend-eu', environments: ['prod-eu'] },
      editing: 'weekend',
    });
    expect(renamed.ok).toBe(true);
    expect((await t.act('payments-prod-us', 'promote')).ok).toBe(true);
    expect((await t.act('checkout-prod-eu', 'promote')).ok).toBe(false);

    const removed = await t.call('freezeWindows.remove', { name: 'weekend-eu' });
    expect(removed).toMatchObject({
      ok: true,
      value: { message: expect.stringContaining('Releases are open now') },
    });
    expect(readFileSync(t.config, 'utf8')).not.toContain('weekend');
    expect((await t.act('checkout-prod-eu', 'promote')).ok).toBe(true);
    expect(t.audit.records().map((r) => r.kind)).toEqual(
      expect.arrayContaining(['freeze-window.saved', 'freeze-window.removed']),
    );
    expect(await t.call('freezeWindows.remove', { name: 'weekend-eu' })).toMatchObject({
      ok: false,
      error: { code: 'not-found' },
    });
  });
});
