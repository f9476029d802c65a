// A rollout's timeline shows the flag changes on its service in its environment, as they are
// recorded, and none of another service or environment.
import { afterEach, describe, expect, it } from 'vitest';
import { flagChangedEntry } from '../../../../test/support/flag-audit-entry';
import { makeTestRoom, START } from '../../../../test/support/test-room';

let cleanup: (() => void) | undefined;
afterEach(() => cleanup?.());

const MIN = 60_000;

describe('flag changes on a rollout timeline', () => {
  it('merges the flips of flags touching the rollout’s service here, in time order, as they land', () => {
    const t = makeTestRoom();
    cleanup = t.cleanup;
    const flip = (environment: string, services: string[], reason = '') =>
      t.room.writer.write([
        flagChangedEntry({
          flag: 'new-checkout',
          environment,
          services,
          change: 'enable',
          before: { enabled: false },
          after: { enabled: true },
          reason,
        }),
      ]);
    t.clock.set(START + 2 * MIN);
    flip('prod-eu', ['checkout', 'payments'], 'launch');
    flip('prod-us', ['checkout']);
    flip('prod-eu', ['search']);
    const flagEvents = () =>
      t.room.rollout('checkout-prod-eu').timeline.filter((e) => e.kind === 'flag-changed');
    expect(flagEvents()).toEqual([
      {
        time: new Date(START + 2 * MIN).toISOString(),
        kind: 'flag-changed',
        actor: 'dana',
        message: 'new-checkout in prod-eu: off → on — “launch”',
        flag: 'new-checkout',
      },
    ]);
    t.clock.set(START + 5 * MIN);
    t.room.writer.write([
      flagChangedEntry({
        flag: 'new-checkout',
        environment: 'prod-eu',
        services: ['checkout'],
        change: 'disable',
        before: { enabled: true },
        after: { enabled: false },
      }),
    ]);
    const timeline = t.room.rollout('checkout-prod-eu').timeline;
    expect(flagEvents().map((e) => e.message)).toEqual([
      'new-checkout in prod-eu: off → on — “launch”',
      'new-checkout in prod-eu: on → off',
    ]);
    const times = timeline.map((e) => e.time);
    expect(times).toEqual([...times].sort());
  });
});
