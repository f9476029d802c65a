// The live health reading says what it judged: the canary page shows it with its window.
import { describe, expect, it } from 'vitest';
import { roomPerTest } from '../../../test/support/room-per-test';
import { START } from '../../../test/support/test-room';

const makeTestRoom = roomPerTest();

describe('the live health reading', () => {
  it('carries the five minutes it judged, ending when it was read', async () => {
    const t = makeTestRoom();
    expect(t.room.rollout('checkout-prod-eu').healthWindow).toBeUndefined();
    await t.room.refreshHealth();
    const r = t.room.rollout('checkout-prod-eu');
    expect(r.health).toBe('critical');
    expect(r.healthWindow).toEqual({
      from: new Date(START - 5 * 60_000).toISOString(),
      to: new Date(START).toISOString(),
    });
    expect(t.room.fleet().find((x) => x.id === 'simulator/checkout-prod-eu')?.healthWindow).toEqual(
      r.healthWindow,
    );
  });

  it('has no window where the phase decides the health', async () => {
    const t = makeTestRoom();
    await t.room.refreshHealth();
    expect(t.room.rollout('checkout-staging')).toMatchObject({ health: 'healthy' });
    expect(t.room.rollout('checkout-staging').healthWindow).toBeUndefined();
  });
});
