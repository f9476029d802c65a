// The what-changed view's filters as they live in the URL (`#/changes?window=1h&env=prod-eu&…`), so a
// commander can send "this view". Unknown or empty parameters are dropped; the window defaults to 1 h.
import { CHANGE_WINDOWS, type ChangeWindow } from '../../../shared/api/changes-api';

export interface ChangesQuery {
  window: ChangeWindow;
  connection?: string;
  environment?: string;
  service?: string;
  actor?: string;
}

/** Field → URL parameter, in the order they are written. */
const PARAMS = [
  ['connection', 'connection'],
  ['environment', 'env'],
  ['service', 'service'],
  ['actor', 'actor'],
] as const;

export function parseChangesQuery(search: string): ChangesQuery {
  const params = new URLSearchParams(search);
  const window = params.get('window');
  const query: ChangesQuery = {
    window: (CHANGE_WINDOWS as readonly string[]).includes(window ?? '') ? (window as ChangeWindow) : '1h',
  };
  for (const [field, param] of PARAMS) {
    const value = params.get(param)?.trim();
    if (value) query[field] = value;
  }
  return query;
}

export function serialiseChangesQuery(query: ChangesQuery): string {
  const params = new URLSearchParams({ window: query.window });
  for (const [field, param] of PARAMS) {
    const value = query[field];
    if (value) params.set(param, value);
  }
  return params.toString();
}
