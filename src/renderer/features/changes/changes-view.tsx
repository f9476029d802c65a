// What changed: the first screen in an incident. Every change in the window on one time axis per
// service and environment, with the error-rate burn and firing alerts, the suspect change marked,
// and the list below. Its filters live in the URL, so "this view" can be sent to someone.
import { useCallback, useMemo } from 'react';
import { CHANGE_WINDOWS, type ChangeWindow } from '../../../shared/api/changes-api';
import type { Change } from '../../../shared/changes';
import { errorMessage } from '../../api/api-error';
import { useChanges } from '../../api/use-changes';
import { formatAge } from '../../components/format-duration';
import { formatClock } from '../../components/format-time';
import { useWallNow } from '../../components/use-now';
import { navigate } from '../../app/routes';
import { ChangeLanes } from './change-lanes';
import { ChangeList } from './change-list';
import type { ChangesQuery } from './changes-query';
import { KIND_LOOK } from './change-kind-words';
import './changes.css';

export const WINDOW_WORDS: Record<ChangeWindow, string> = {
  '15m': '15 min',
  '1h': '1 h',
  '6h': '6 h',
  '24h': '24 h',
};

const FILTERS = [
  ['connection', 'Connection', 'connections'],
  ['environment', 'Environment', 'environments'],
  ['service', 'Service', 'services'],
] as const;

export function ChangesView({ query }: { query: ChangesQuery }) {
  const result = useChanges(query);
  const data = result.data;
  const now = useWallNow(result.isError ? 1000 : null);
  const set = useCallback(
    (patch: Partial<ChangesQuery>) => navigate({ name: 'changes', query: { ...query, ...patch } }),
    [query],
  );
  const open = useCallback((c: Change) => {
    if (c.rollout) navigate({ name: 'rollout', id: c.rollout });
    else if (c.flag && c.environment) navigate({ name: 'flag', environment: c.environment, key: c.flag });
  }, []);
  const suspects = useMemo(
    () =>
      new Map((data?.lanes ?? []).flatMap((l) => (l.suspect ? [[l.suspect.changeId, l.suspect.why]] : []))),
    [data],
  );
  const kindsShown = useMemo(() => [...new Set((data?.changes ?? []).map((c) => c.kind))], [data]);

  return (
    <section className="changes-view" aria-labelledby="changes-title">
      <div className="view-head">
        <h1 id="changes-title" className="view-title">
          What changed
        </h1>
        <div className="window-buttons" role="group" aria-label="Time window">
          {CHANGE_WINDOWS.map((w) => (
            <button
              key={w}
              type="button"
              className="button"
              aria-pressed={query.window === w}
              onClick={() => set({ window: w })}
            >
              {WINDOW_WORDS[w]}
            </button>
          ))}
        </div>
        <span className="muted tabular" aria-live="polite" data-testid="changes-count">
          {data
            ? `${data.changes.length.toLocaleString('en-US')} changes · ${formatClock(data.from)}–${formatClock(data.to)} UTC`
            : ''}
        </span>
      </div>
      <div className="changes-filters">
        {FILTERS.map(([field, label, facet]) => (
          <span key={field} className="changes-filter">
            <label htmlFor={`changes-filter-${field}`}>{label}</label>
            <select
              id={`changes-filter-${field}`}
              value={query[field] ?? ''}
              onChange={(e) => set({ [field]: e.target.value || undefined })}
            >
              <option value="">all</option>
              {[...new Set([...(data?.facets[facet] ?? []), ...(query[field] ? [query[field]] : [])])].map(
                (v) => (
                  <option key={v} value={v}>
                    {v}
                  </option>
                ),
              )}
            </select>
          </span>
        ))}
        <span className="changes-filter">
          <label htmlFor="changes-filter-actor">Actor</label>
          <select
            id="changes-filter-actor"
            value={query.actor ?? ''}
            onChange={(e) => set({ actor: e.target.value || undefined })}
          >
            <option value="">anyone</option>
            {[...new Set([...(data?.actors ?? []), ...(query.actor ? [query.actor] : [])])].map((v) => (
              <option key={v} value={v}>
                {v}
              </option>
            ))}
          </select>
        </span>
        <span className="changes-legend muted" aria-label="Marks">
          {kindsShown.map((k) => (
            <span key={k}>
              <span aria-hidden="true" style={{ color: `var(${KIND_LOOK[k].color})` }}>
                {KIND_LOOK[k].glyph}
              </span>{' '}
              {KIND_LOOK[k].word}
            </span>
          ))}
          <span>┅ stable / ─ canary error rate</span>
          <span>▮ alert firing</span>
        </span>
      </div>
      {result.isError && (
        <p className="banner banner-error" role="alert">
          What changed could not be read: {errorMessage(result.error)}
          {data ? ` — showing what was read ${formatAge(Math.max(0, now - result.dataUpdatedAt))} ago.` : ''}
        </p>
      )}
      {data?.alertsUnavailable && (
        <p className="banner banner-warning" role="status">
          ⚠ Alerts could not be read ({data.alertsUnavailable}): lanes may be missing firing alerts.
        </p>
      )}
      {data?.truncated && (
        <p className="muted">
          Showing the newest {data.truncated.kept.toLocaleString('en-US')} of{' '}
          {data.truncated.total.toLocaleString('en-US')} changes; narrow the window or the filters.
        </p>
      )}
      {data ? (
        <>
          <ChangeLanes data={data} onOpen={open} />
          <ChangeList changes={data.changes} suspects={suspects} onOpen={open} />
        </>
      ) : (
        !result.isError && <p className="loading">Reading what changed…</p>
      )}
    </section>
  );
}
