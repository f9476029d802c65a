import { describe, expect, it } from 'vitest';
import { parseRoute, routeHref } from './routes';

describe('hash routes', () => {
  it('parses the three screens, fleet by default', () => {
    expect(parseRoute('#/rollout/checkout-prod-eu')).toEqual({ name: 'rollout', id: 'checkout-prod-eu' });
    expect(parseRoute('#/audit')).toEqual({ name: 'audit' });
    expect(parseRoute('#/settings')).toEqual({ name: 'settings' });
    expect(routeHref({ name: 'settings' })).toBe('#/settings');
    expect(parseRoute('#/delivery')).toEqual({ name: 'delivery' });
    expect(routeHref({ name: 'delivery' })).toBe('#/delivery');
    expect(parseRoute('')).toEqual({ name: 'fleet' });
    expect(parseRoute('#/nonsense')).toEqual({ name: 'fleet' });
    expect(parseRoute('#/drill')).toEqual({ name: 'drill' });
    expect(routeHref({ name: 'drill' })).toBe('#/drill');
    // The drill history is another view.
    expect(parseRoute('#/drills').name).not.toBe('drill');
  });

  it('parses the canary analysis of a rollout: newest, one run, or the newest run of a step', () => {
    expect(parseRoute('#/rollout/checkout-prod-eu/canary')).toEqual({
      name: 'canary',
      id: 'checkout-prod-eu',
    });
    expect(parseRoute('#/rollout/checkout-prod-eu/canary/3')).toEqual({
      name: 'canary',
      id: 'checkout-prod-eu',
      analysis: 3,
    });
    expect(parseRoute('#/rollout/checkout-prod-eu/canary?step=2')).toEqual({
      name: 'canary',
      id: 'checkout-prod-eu',
      step: 2,
    });
    for (const route of [
      { name: 'canary', id: 'a.b_c-1' },
      { name: 'canary', id: 'a.b_c-1', analysis: 12 },
      { name: 'canary', id: 'a.b_c-1', step: 0 },
    ] as const)
      expect(parseRoute(routeHref(route))).toEqual(route);
  });

  it('round-trips rollout ids', () => {
    expect(parseRoute(routeHref({ name: 'rollout', id: 'a.b_c-1' }))).toEqual({
      name: 'rollout',
      id: 'a.b_c-1',
    });
  });

  it('keeps the what-changed filters in the URL: parse and serialise round-trip', () => {
    const route = {
      name: 'changes',
      query: {
        window: '24h',
        connection: 'prod cluster',
        environment: 'prod-eu',
        service: 'checkout',
        actor: 'ana&bo',
      },
    } as const;
    expect(routeHref(route)).toBe(
      '#/changes?window=24h&connection=prod+cluster&env=prod-eu&service=checkout&actor=ana%26bo',
    );
    expect(parseRoute(routeHref(route))).toEqual(route);
    // A bare link is the last hour; an unknown window or an empty filter is dropped, not an error.
    expect(parseRoute('#/changes')).toEqual({ name: 'changes', query: { window: '1h' } });
    expect(parseRoute('#/changes?window=2y&service=&env=prod-us')).toEqual({
      name: 'changes',
      query: { window: '1h', environment: 'prod-us' },
    });
  });
});

describe('the fleet filter in the URL', () => {
  it('round-trips search text, environments, connections and status', () => {
    for (const filter of [
      {},
      { q: 'checkout' },
      { env: ['prod-eu'] },
      {
        env: ['prod-eu', 'staging'],
        conn: ['simulator', 'k8s-eu'],
        status: 'attention',
        q: 'pay & ship, now?',
      },
      { env: ['a,b'], q: '50% #1 +x' },
    ])
      expect(parseRoute(routeHref({ name: 'fleet', filter }))).toEqual({ name: 'fleet', filter });
  });

  it('reads a hand-written URL, and a bare fleet keeps the last filter', () => {
    expect(parseRoute('#/fleet?env=prod-eu&q=checkout')).toEqual({
      name: 'fleet',
      filter: { env: ['prod-eu'], q: 'checkout' },
    });
    expect(routeHref({ name: 'fleet', filter: { env: ['prod-eu'], q: 'checkout' } })).toBe(
      '#/fleet?q=checkout&env=prod-eu',
    );
    expect(parseRoute('#/fleet?q=%E0%A4%A')).toEqual({ name: 'fleet', filter: { q: '%E0%A4%A' } });
    expect(parseRoute('#/fleet')).toEqual({ name: 'fleet' });
    expect(routeHref({ name: 'fleet' })).toBe('#/fleet');
  });
});
