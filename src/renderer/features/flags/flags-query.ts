// The Flags view's filters as they live in the URL (`#/flags?env=production&changed=1h`), so "the
// flags changed in the last hour in production" can be sent as a link. Unknown values are dropped.

export const FLAG_CHANGED_WINDOWS = { '1h': 3600 } as const;
export type FlagChangedWindow = keyof typeof FLAG_CHANGED_WINDOWS;

export interface FlagsQuery {
  environment?: string;
  changed?: FlagChangedWindow;
}

export function parseFlagsQuery(search: string): FlagsQuery {
  const params = new URLSearchParams(search);
  const query: FlagsQuery = {};
  const environment = params.get('env')?.trim();
  if (environment) query.environment = environment;
  const changed = params.get('changed');
  if (changed && changed in FLAG_CHANGED_WINDOWS) query.changed = changed as FlagChangedWindow;
  return query;
}

/** The query without its `?`; '' when no filter is set. */
export function serialiseFlagsQuery(query: FlagsQuery): string {
  const params = new URLSearchParams();
  if (query.environment) params.set('env', query.environment);
  if (query.changed) params.set('changed', query.changed);
  return params.toString();
}

/** The flags.list input for a query: `changedWithinSec` from the window. */
export function flagsListInput(query: FlagsQuery): { environment?: string; changedWithinSec?: number } {
  return {
    ...(query.environment ? { environment: query.environment } : {}),
    ...(query.changed ? { changedWithinSec: FLAG_CHANGED_WINDOWS[query.changed] } : {}),
  };
}

/** The flag detail page (helper i12-flag-changes owns it); written here so each row links to it. */
export function flagDetailHref(environment: string, key: string): string {
  return `#/flags/${encodeURIComponent(environment)}/${encodeURIComponent(key)}`;
}
