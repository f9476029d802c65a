import { useEffect } from 'react';
import { routeHref, type Route } from './routes';

/**
 * A page opened by a bare local id (`checkout-prod`) moves to the rollout's full id
 * (`simulator/checkout-prod`) once it is known: change events and caches are keyed by the full id,
 * so a page left on the bare one would stop updating. Replaces the history entry, so Back still works.
 */
export function useCanonicalRoute(route: Extract<Route, { id: string }>, fullId: string | undefined): void {
  const href = fullId && fullId !== route.id ? routeHref({ ...route, id: fullId }) : undefined;
  useEffect(() => {
    if (href) window.location.replace(href);
  }, [href]);
}
