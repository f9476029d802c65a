import { describe, expect, it } from 'vitest';
import { parseRoute, routeHref } from './routes';

describe('hash routes', () => {
  it('parses the three screens, fleet by default', () => {
    expect(parseRoute('#/rollout/checkout-prod-eu')).toEqual({ name: 'rollout', id: 'checkout-prod-eu' });
    expect(parseRoute('#/audit')).toEqual({ name: 'audit' });
    expect(parseRoute('')).toEqual({ name: 'fleet' });
    expect(parseRoute('#/nonsense')).toEqual({ name: 'fleet' });
  });

  it('round-trips rollout ids', () => {
    expect(parseRoute(routeHref({ name: 'rollout', id: 'a.b_c-1' }))).toEqual({
      name: 'rollout',
      id: 'a.b_c-1',
    });
  });
});
