// The main process checks a route against src/shared/app-hash-routes.ts before pointing the window
// at it (a clicked OS notification); this keeps that list and the router here in step.
import { describe, expect, it } from 'vitest';
import type { NotificationLink } from '../../shared/api/notifications-api';
import { APP_HASH_ROUTES, isAppHashRoute, notificationHref } from '../../shared/app-hash-routes';
import { parseRoute, routeHref, type Route } from './routes';

/** Typed by route name: a route added to the router needs a line here, or this does not compile. */
const SAMPLES: { [N in Route['name']]: Array<Extract<Route, { name: N }>> } = {
  fleet: [
    { name: 'fleet' },
    { name: 'fleet', filter: {} },
    { name: 'fleet', filter: { q: 'check out', env: ['prod-eu', 'a,b'], conn: ['k8s'], status: 'paused' } },
  ],
  rollout: [
    { name: 'rollout', id: 'checkout-prod-eu' },
    { name: 'rollout', id: 'k8s/shop/checkout' },
  ],
  canary: [
    { name: 'canary', id: 'checkout-prod-eu' },
    { name: 'canary', id: 'checkout-prod-eu', analysis: 3 },
    { name: 'canary', id: 'checkout-prod-eu', step: 2 },
  ],
  changes: [
    { name: 'changes', query: { window: '1h' } },
    { name: 'changes', query: { window: '24h', environment: 'prod-eu', actor: 'dana o’neil' } },
  ],
  audit: [{ name: 'audit' }],
  migrations: [{ name: 'migrations' }],
  flags: [
    { name: 'flags', query: {} },
    { name: 'flags', query: { environment: 'production', changed: '1h' } },
    { name: 'flags', query: { environment: 'prod eu/ß' } },
  ],
  migration: [{ name: 'migration', id: 'orders-customer-id' }],
  settings: [{ name: 'settings' }],
  alerts: [{ name: 'alerts' }],
  delivery: [{ name: 'delivery' }],
  notifications: [{ name: 'notifications' }],
  incidents: [{ name: 'incidents' }],
  incident: [{ name: 'incident', id: 'INC-12' }],
  drills: [{ name: 'drills' }],
  'drill-run': [{ name: 'drill-run', id: 'canary-error-rate-2' }],
  drill: [{ name: 'drill' }],
  flag: [
    { name: 'flag', environment: 'production', key: 'checkout-v2' },
    { name: 'flag', environment: 'prod eu', key: 'team:new.search' },
  ],
  sets: [{ name: 'sets' }],
  set: [
    { name: 'set', id: 'checkout-2-4' },
    { name: 'set', id: 'orders.v5_release' },
  ],
};

describe('the hash routes main may open', () => {
  it('lists every route of the router, by its name, and accepts each as the router writes it', () => {
    expect(Object.keys(APP_HASH_ROUTES).sort()).toEqual(Object.keys(SAMPLES).sort());
    for (const [name, routes] of Object.entries(SAMPLES))
      for (const route of routes) {
        const href = routeHref(route);
        expect(APP_HASH_ROUTES[name as Route['name']].test(href), href).toBe(true);
        expect(isAppHashRoute(href), href).toBe(true);
        expect(parseRoute(href).name, href).toBe(name);
      }
  });

  it('refuses what the router would not show as written: other pages, schemes, unknown views', () => {
    for (const hash of [
      '',
      '#',
      '#/',
      '#/nonsense',
      '/rollout/a',
      'https://evil.example/#/audit',
      'file:///etc/passwd',
      '#/rollout/a/b',
      '#/rollout/a b',
      '#/audit/../../x',
      '#/incidents/INC-1?x=<script>',
    ])
      expect(isAppHashRoute(hash), hash).toBe(false);
  });

  it('sends each notification to the view it is about', () => {
    const cases: Array<[NotificationLink, Route]> = [
      [
        { view: 'rollout', id: 'k8s/shop/checkout' },
        { name: 'rollout', id: 'k8s/shop/checkout' },
      ],
      [
        { view: 'incident', id: 'INC-4' },
        { name: 'incident', id: 'INC-4' },
      ],
      [{ view: 'alerts', id: 'am/abc' }, { name: 'alerts' }],
      [{ view: 'settings', connection: 'prom-eu' }, { name: 'settings' }],
    ];
    for (const [link, route] of cases) {
      const href = notificationHref(link);
      expect(isAppHashRoute(href), href).toBe(true);
      expect(parseRoute(href)).toEqual(route);
    }
  });
});
