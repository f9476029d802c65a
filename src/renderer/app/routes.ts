export type Route = { name: 'fleet' } | { name: 'rollout'; id: string } | { name: 'audit' };

export function parseRoute(hash: string): Route {
  const path = hash.replace(/^#/, '');
  const rollout = /^\/rollout\/([^/?#]+)/.exec(path);
  if (rollout?.[1]) return { name: 'rollout', id: decodeURIComponent(rollout[1]) };
  if (path.startsWith('/audit')) return { name: 'audit' };
  return { name: 'fleet' };
}

export function routeHref(route: Route): string {
  switch (route.name) {
    case 'fleet':
      return '#/fleet';
    case 'audit':
      return '#/audit';
    case 'rollout':
      return `#/rollout/${encodeURIComponent(route.id)}`;
  }
}

export function navigate(route: Route): void {
  const href = routeHref(route);
  if (window.location.hash !== href) window.location.hash = href;
}

export function routeKey(route: Route): string {
  return route.name === 'rollout' ? `rollout:${route.id}` : route.name;
}
