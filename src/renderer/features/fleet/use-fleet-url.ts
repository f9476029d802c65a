// The fleet's filters live in the URL (`#/fleet?env=prod-eu&q=checkout`): a copied URL opens the
// same view, and Back undoes a filter change. A bare `#/fleet` keeps the filters the store has.
import { useEffect, useRef } from 'react';
import { ROLLOUT_PHASES } from '../../../shared/domain';
import { parseRoute, routeHref, type FleetQuery } from '../../app/routes';
import { useRoute } from '../../app/use-route';
import { useFleetFilterStore, type StatusFilter } from '../../store/fleet-filter-store';

const STATUSES: ReadonlySet<string> = new Set<string>(['all', 'attention', ...ROLLOUT_PHASES]);

function statusOf(text: string | undefined): StatusFilter {
  return text !== undefined && STATUSES.has(text) ? (text as StatusFilter) : 'all';
}

export function useFleetUrl(): void {
  const route = useRoute();
  const text = useFleetFilterStore((s) => s.text);
  const environments = useFleetFilterStore((s) => s.environments);
  const connections = useFleetFilterStore((s) => s.connections);
  const status = useFleetFilterStore((s) => s.status);
  const hash = route.name === 'fleet' ? window.location.hash : '';
  const seen = useRef<string | null>(null);

  useEffect(() => {
    if (route.name !== 'fleet') return;
    if (hash !== seen.current) {
      // A URL opened, pasted, or reached by Back: it says what to show.
      seen.current = hash;
      if (route.filter) {
        useFleetFilterStore.setState({
          text: route.filter.q ?? '',
          environments: route.filter.env ?? [],
          connections: route.filter.conn ?? [],
          status: statusOf(route.filter.status),
        });
        return;
      }
    }
    const filter: FleetQuery = {
      ...(text === '' ? {} : { q: text }),
      ...(environments.length === 0 ? {} : { env: environments }),
      ...(connections.length === 0 ? {} : { conn: connections }),
      ...(status === 'all' ? {} : { status }),
    };
    // No filter: the plain `#/fleet`, which a fresh window opens unfiltered too.
    const href = routeHref(Object.keys(filter).length === 0 ? { name: 'fleet' } : { name: 'fleet', filter });
    if (window.location.hash === href) return;
    // Typing replaces the entry; choosing a filter adds one, so Back undoes it.
    const before = parseRoute(window.location.hash);
    const beforeFilter = before.name === 'fleet' ? before.filter : undefined;
    const { q: _q, ...rest } = beforeFilter ?? {};
    const onlyText =
      routeHref({ name: 'fleet', filter: { ...rest, ...(filter.q ? { q: filter.q } : {}) } }) === href;
    const url = `${window.location.pathname}${window.location.search}${href}`;
    if (onlyText || !beforeFilter) window.history.replaceState(window.history.state, '', url);
    else window.history.pushState(window.history.state, '', url);
    seen.current = href;
    // pushState/replaceState tell no one: without this the route would keep the old hash, and Back
    // to it would look like no change.
    window.dispatchEvent(new PopStateEvent('popstate', { state: window.history.state }));
  }, [route, hash, text, environments, connections, status]);
}
