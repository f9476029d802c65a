import { hashQuery, readQuery, writeQuery } from './route-query';

/** The fleet's filters as its URL carries them: search text, environments, connections, status. */
export interface FleetQuery {
  q?: string;
  env?: string[];
  conn?: string[];
  status?: string;
}

const FLEET_QUERY_FIELDS = { lists: ['env', 'conn'], values: ['q', 'status'] } as const;
import {
  parseChangesQuery,
  serialiseChangesQuery,
  type ChangesQuery,
} from '../features/changes/changes-query';
import { parseFlagsQuery, serialiseFlagsQuery, type FlagsQuery } from '../features/flags/flags-query';

export type Route =
  /** `filter` absent: the fleet as it was last filtered; present: exactly this filter. */
  | { name: 'fleet'; filter?: FleetQuery }
  | { name: 'rollout'; id: string }
  /** One rollout's canary analysis: a run by its index, or the newest run of a step, or the newest. */
  | { name: 'canary'; id: string; analysis?: number; step?: number }
  | { name: 'audit' }
  /** What changed, its filters in the URL so the view can be sent. */
  | { name: 'changes'; query: ChangesQuery }
  | { name: 'migrations' }
  /** Every flag per environment, its filters in the URL (environment, changed in the last hour). */
  | { name: 'flags'; query: FlagsQuery }
  | { name: 'migration'; id: string }
  | { name: 'settings' }
  | { name: 'alerts' }
  | { name: 'delivery' }
  | { name: 'notifications' }
  | { name: 'incidents' }
  | { name: 'incident'; id: string }
  | { name: 'drills' }
  /** One finished drill's after-action report, by its run id (its folder under drills/). */
  | { name: 'drill-run'; id: string }
  /** The live drill of a drill room (the facilitator's panel, or what participants see). */
  | { name: 'drill' }
  /** One flag in one environment: its state, its recorded changes, its before/after comparison. */
  | { name: 'flag'; environment: string; key: string }
  | { name: 'sets' }
  /** One release set by its name; the environment is picked in the view. */
  | { name: 'set'; id: string };

export function parseRoute(hash: string): Route {
  const path = hash.replace(/^#/, '');
  const canary = /^\/rollout\/([^/?#]+)\/canary(?:\/(\d+))?\/?(?:\?(.*))?$/.exec(path);
  if (canary?.[1]) {
    const step = new URLSearchParams(canary[3] ?? '').get('step');
    return {
      name: 'canary',
      id: decodeURIComponent(canary[1]),
      ...(canary[2] ? { analysis: Number(canary[2]) } : {}),
      ...(step && /^\d+$/.test(step) ? { step: Number(step) } : {}),
    };
  }
  const rollout = /^\/rollout\/([^/?#]+)/.exec(path);
  if (rollout?.[1]) return { name: 'rollout', id: decodeURIComponent(rollout[1]) };
  if (path.startsWith('/audit')) return { name: 'audit' };
  const changes = /^\/changes\/?(?:\?(.*))?$/.exec(path);
  if (changes) return { name: 'changes', query: parseChangesQuery(changes[1] ?? '') };
  // Before any `/flags` list route: `/flags/<env>/<key>` is one flag.
  const flag = /^\/flags\/([^/?#]+)\/([^/?#]+)\/?$/.exec(path);
  if (flag?.[1] && flag[2])
    return { name: 'flag', environment: decodeURIComponent(flag[1]), key: decodeURIComponent(flag[2]) };
  // Exactly `/flags` (with its query): `/flags/<env>/<key>` is one flag's page.
  const flags = /^\/flags\/?(?:\?(.*))?$/.exec(path);
  if (flags) return { name: 'flags', query: parseFlagsQuery(flags[1] ?? '') };
  const migration = /^\/migrations\/([^/?#]+)/.exec(path);
  if (migration?.[1]) return { name: 'migration', id: decodeURIComponent(migration[1]) };
  if (path.startsWith('/migrations')) return { name: 'migrations' };
  if (path.startsWith('/settings')) return { name: 'settings' };
  if (path.startsWith('/alerts')) return { name: 'alerts' };
  if (path.startsWith('/delivery')) return { name: 'delivery' };
  if (path.startsWith('/notifications')) return { name: 'notifications' };
  const incident = /^\/incidents\/([^/?#]+)/.exec(path);
  if (incident?.[1]) return { name: 'incident', id: decodeURIComponent(incident[1]) };
  if (path.startsWith('/incidents')) return { name: 'incidents' };
  const drillRun = /^\/drills\/([^/?#]+)/.exec(path);
  if (drillRun?.[1]) return { name: 'drill-run', id: decodeURIComponent(drillRun[1]) };
  if (path.startsWith('/drills')) return { name: 'drills' };
  // Exactly `/drill`: `/drills` is the drill history.
  if (/^\/drill\/?$/.test(path)) return { name: 'drill' };
  const set = /^\/sets\/([^/?#]+)/.exec(path);
  if (set?.[1]) return { name: 'set', id: decodeURIComponent(set[1]) };
  if (path.startsWith('/sets')) return { name: 'sets' };
  if (!/^\/fleet\/?\?/.test(path)) return { name: 'fleet' };
  return { name: 'fleet', filter: readQuery(hashQuery(path), FLEET_QUERY_FIELDS) as FleetQuery };
}

export function routeHref(route: Route): string {
  switch (route.name) {
    case 'fleet': {
      const f = route.filter;
      // An empty filter is still written (`?`), so the link clears the fleet's filters.
      if (!f) return '#/fleet';
      return `#/fleet${writeQuery({ q: f.q, env: f.env, conn: f.conn, status: f.status }) || '?'}`;
    }
    case 'audit':
      return '#/audit';
    case 'changes':
      return `#/changes?${serialiseChangesQuery(route.query)}`;
    case 'migrations':
      return '#/migrations';
    case 'flags': {
      const query = serialiseFlagsQuery(route.query);
      return query ? `#/flags?${query}` : '#/flags';
    }
    case 'settings':
      return '#/settings';
    case 'alerts':
      return '#/alerts';
    case 'delivery':
      return '#/delivery';
    case 'notifications':
      return '#/notifications';
    case 'incidents':
      return '#/incidents';
    case 'incident':
      return `#/incidents/${encodeURIComponent(route.id)}`;
    case 'drills':
      return '#/drills';
    case 'drill-run':
      return `#/drills/${encodeURIComponent(route.id)}`;
    case 'drill':
      return '#/drill';
    case 'flag':
      return `#/flags/${encodeURIComponent(route.environment)}/${encodeURIComponent(route.key)}`;
    case 'migration':
      return `#/migrations/${encodeURIComponent(route.id)}`;
    case 'sets':
      return '#/sets';
    case 'set':
      return `#/sets/${encodeURIComponent(route.id)}`;
    case 'rollout':
      return `#/rollout/${encodeURIComponent(route.id)}`;
    case 'canary': {
      const base = `#/rollout/${encodeURIComponent(route.id)}/canary`;
      if (route.analysis !== undefined) return `${base}/${route.analysis}`;
      return route.step !== undefined ? `${base}?step=${route.step}` : base;
    }
  }
}

export function navigate(route: Route): void {
  const href = routeHref(route);
  if (window.location.hash !== href) window.location.hash = href;
}

export function routeKey(route: Route): string {
  if (route.name === 'canary') return `canary:${route.id}`;
  if (route.name === 'migration') return `migration:${route.id}`;
  if (route.name === 'incident') return `incident:${route.id}`;
  if (route.name === 'flag') return `flag:${route.environment}/${route.key}`;
  if (route.name === 'drill-run') return `drill-run:${route.id}`;
  if (route.name === 'set') return `set:${route.id}`;
  return route.name === 'rollout' ? `rollout:${route.id}` : route.name;
}
