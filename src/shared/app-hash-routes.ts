// The hash routes the renderer knows (src/renderer/app/routes.ts parses them; a test there keeps the
// two in step), so the main process can check a route before it points the window at it.
import type { NotificationLink } from './api/notifications-api';

/** One path segment as encodeURIComponent writes it: nothing that could end or leave the route. */
const SEGMENT = "[A-Za-z0-9\\-_.!~*'()%]+";
/** The fleet's filters as writeQuery writes them. */
const QUERY = "[A-Za-z0-9\\-_.!~*'()%=&+,]*";

const route = (pattern: string) => new RegExp(`^#/${pattern}$`);

/** Every route by the renderer's name for it. */
export const APP_HASH_ROUTES = {
  fleet: route(`fleet(?:\\?${QUERY})?`),
  rollout: route(`rollout/${SEGMENT}`),
  canary: route(`rollout/${SEGMENT}/canary(?:/\\d+|\\?step=\\d+)?`),
  changes: route(`changes(?:\\?${QUERY})?`),
  audit: route('audit'),
  migrations: route('migrations'),
  migration: route(`migrations/${SEGMENT}`),
  settings: route('settings'),
  alerts: route('alerts'),
  delivery: route('delivery'),
  notifications: route('notifications'),
  incidents: route('incidents'),
  incident: route(`incidents/${SEGMENT}`),
  drills: route('drills'),
  'drill-run': route(`drills/${SEGMENT}`),
  drill: route('drill'),
  flags: route(`flags(?:\\?${QUERY})?`),
  flag: route(`flags/${SEGMENT}/${SEGMENT}`),
  sets: route('sets'),
  set: route(`sets/${SEGMENT}`),
} as const;

/** Longer than any route the app writes; a longer one is not ours. */
const MAX_ROUTE_LENGTH = 2048;

export function isAppHashRoute(hash: string): boolean {
  return (
    hash.length <= MAX_ROUTE_LENGTH && Object.values(APP_HASH_ROUTES).some((pattern) => pattern.test(hash))
  );
}

/** Where a notification leads, as the hash route of its view. */
export function notificationHref(link: NotificationLink): string {
  switch (link.view) {
    case 'rollout':
      return `#/rollout/${encodeURIComponent(link.id)}`;
    case 'incident':
      return `#/incidents/${encodeURIComponent(link.id)}`;
    // The alerts and settings views have no route per alert or connection: the view itself.
    case 'alerts':
      return '#/alerts';
    case 'settings':
      return '#/settings';
  }
}
