import { describe, expect, it } from 'vitest';
import { parseRoute, routeHref } from './routes';

describe('hash routes', () => {
  it('parses the three screens, fleet by default', () => {
    expect(parseRoute('#/rollout/checkout-prod-eu')).toEqual({ name: 'rollout', id: 'checkout-prod-eu' });
    expect(parseRoute('#/audit')).toEqual({ name: 'audit' });
    expect(parseRoute('#/settings')).toEqual({ name: 'settings' });
    expect(routeHref({ name: 'settings' })).toBe('#/settings');
    expect(parseRoute('')).toEqual({ name: 'fleet' });
    expect(parseRoute('#/nonsense')).toEqual({ name: 'fleet' });
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
