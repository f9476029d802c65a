// Health is a reading of one rollout generation (canary version + start): after a roll forward or a
// retry, the previous generation's verdict is never shown as the new one's.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { parse, stringify } from 'yaml';
import { makeTestRoom } from '../../../test/support/test-room';
import { findResourcesDir } from '../resources-dir';

let cleanup: (() => void) | undefined;
afterEach(() => cleanup?.());

/** The demo fleet, where checkout also has a good 2.4.1 to roll forward to. */
function setup() {
  const dir = mkdtempSync(join(tmpdir(), 'control-room-health-'));
  const fleet = parse(readFileSync(join(findResourcesDir(), 'demo-fleet.yaml'), 'utf8')) as {
    services: { checkout: { versions: Record<string, object> } };
  };
  fleet.services.checkout.versions['2.4.1'] = {};
  const fleetFile = join(dir, 'fleet.yaml');
  writeFileSync(fleetFile, stringify(fleet));
  const t = makeTestRoom(join(dir, 'workspace'), { fleetFile });
  cleanup = () => rmSync(dir, { recursive: true, force: true });
  return t;
}

const ID = 'simulator/checkout-prod-eu';
let keys = 0;
const act = (t: ReturnType<typeof setup>, action: 'abort' | 'retry' | 'roll-forward', toVersion?: string) =>
  t.room.act({ id: ID, action, idempotencyKey: `health-test-${++keys}`, toVersion }, 'tester');

describe('health readings are keyed by canary version and rollout generation', () => {
  it('after rolling a Critical canary forward, reads unknown until the new version is read', async () => {
    const t = setup();
    await t.room.refreshHealth();
    expect(t.room.rollout(ID)).toMatchObject({ canaryVersion: '2.4.0', health: 'critical' });

    const result = await act(t, 'roll-forward', '2.4.1');
    expect(result.rollout).toMatchObject({ canaryVersion: '2.4.1', health: 'unknown' });
    expect(result.rollout.healthReason).toBe('2.4.1 not read yet');
    expect(t.room.fleet().find((r) => r.id === ID)).toMatchObject({ health: 'unknown' });

    // Read soon: at the next tick, not when the 5 s refresh comes round.
    t.clock.advance(1000);
    await t.room.tick();
    expect(t.room.rollout(ID).healthReason).not.toBe('2.4.1 not read yet');

    t.clock.advance(3 * 60_000);
    await t.room.tick();
    expect(t.room.rollout(ID)).toMatchObject({ canaryVersion: '2.4.1', health: 'healthy' });
  });

  it('does not keep a reading of the old version that finished after the roll forward', async () => {
    const t = setup();
    await t.room.refreshHealth();
    t.clock.advance(10_000);
    // The refresh judges 2.4.0 while the roll forward lands.
    const refresh = t.room.refreshHealth();
    await act(t, 'roll-forward', '2.4.1');
    await refresh;
    expect(t.room.rollout(ID)).toMatchObject({ canaryVersion: '2.4.1', health: 'unknown' });
  });

  it('after a retry, the run before the abort does not colour the new run', async () => {
    const t = setup();
    await t.room.refreshHealth();
    expect(t.room.rollout(ID).health).toBe('critical');
    await act(t, 'abort');
    t.clock.advance(60_000);
    await t.room.tick();
    const retried = await act(t, 'retry');
    expect(retried.rollout).toMatchObject({ canaryVersion: '2.4.0', health: 'unknown' });
    expect(retried.rollout.healthReason).toBe('2.4.0 not read yet');
  });
});
