// The simulator's alerting rules on the demo fleet: the regressing checkout canary fires
// HighErrorRate with the words a person needs; the healthy ones stay quiet; an abort ends it; a
// silence holds it.
import { afterEach, describe, expect, it } from 'vitest';
import { SimulatedAlerts } from '../src/main/backends/simulator/simulated-alerts';
import { makeTestRoom, type TestRoom } from './support/test-room';

let t: TestRoom;
afterEach(() => t?.cleanup());

describe('simulator alerts', () => {
  it('fires HighErrorRate for the regressing checkout canary only, and resolves it after an abort', async () => {
    t = makeTestRoom();
    const alerts = new SimulatedAlerts('simulator', t.fleet, t.sim.metrics, t.clock);
    const firing = await alerts.list();
    const errors = firing.filter((a) => a.name === 'HighErrorRate');
    expect(errors.map((a) => `${a.service}/${a.environment}`)).toEqual(['checkout/prod-eu']);
    expect(errors[0]).toMatchObject({ state: 'firing', severity: 'critical', labels: { version: '2.4.0' } });
    expect(errors[0]?.annotations.summary).toMatch(
      /checkout 2\.4\.0 in prod-eu: error rate \d+\.\d% against/,
    );

    await t.room.act(
      { id: 'simulator/checkout-prod-eu', action: 'abort', idempotencyKey: 'k-abort', reason: 'test' },
      'dana',
    );
    t.clock.advance(3 * 60_000);
    await t.room.tick();
    expect((await alerts.list()).filter((a) => a.service === 'checkout')).toEqual([]);
  });

  it('holds a silenced alert as silenced until the silence ends', async () => {
    t = makeTestRoom();
    const alerts = new SimulatedAlerts('simulator', t.fleet, t.sim.metrics, t.clock);
    const [first] = (await alerts.list()).filter((a) => a.name === 'HighErrorRate');
    await alerts.silence({
      matchers: Object.entries(first?.labels ?? {}).map(([name, value]) => ({
        name,
        value,
        isRegex: false,
        isEqual: true,
      })),
      startsAt: new Date(t.clock.now()).toISOString(),
      endsAt: new Date(t.clock.now() + 60_000).toISOString(),
      createdBy: 'dana',
      comment: 'known',
    });
    expect((await alerts.list()).find((a) => a.id === first?.id)?.state).toBe('silenced');
  });
});
