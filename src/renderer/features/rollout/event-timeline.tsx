import { useMemo, useState } from 'react';
import type { TimelineEvent, TimelineEventKind } from '../../../shared/domain';
import { formatClock, formatDateTime } from '../../components/format-time';
import { routeHref } from '../../app/routes';
import { StatusIcon, type IconName } from '../../components/status-icon';

const KIND: Record<TimelineEventKind, { word: string; icon: IconName }> = {
  'rollout-started': { word: 'Started', icon: 'play' },
  'step-started': { word: 'Step started', icon: 'play' },
  'step-completed': { word: 'Step done', icon: 'check' },
  paused: { word: 'Paused', icon: 'pause' },
  resumed: { word: 'Resumed', icon: 'play' },
  'analysis-started': { word: 'Analysis', icon: 'clock' },
  'analysis-finished': { word: 'Analysis done', icon: 'check' },
  aborted: { word: 'Aborted', icon: 'cross' },
  completed: { word: 'Completed', icon: 'check' },
  action: { word: 'Action', icon: 'hand' },
  drift: { word: 'Drift', icon: 'warning' },
  'flag-changed': { word: 'Flag', icon: 'flag' },
};

const INITIAL_LIMIT = 200;

/** `environment` is the rollout's: a flag event opens that flag in it. */
export function EventTimeline({ events, environment }: { events: TimelineEvent[]; environment?: string }) {
  const [showAll, setShowAll] = useState(false);
  const newestFirst = useMemo(
    () =>
      events
        .map((e, i) => ({ e, i }))
        .sort((a, b) => b.e.time.localeCompare(a.e.time) || b.i - a.i)
        .map(({ e }) => e),
    [events],
  );
  const shown = showAll ? newestFirst : newestFirst.slice(0, INITIAL_LIMIT);

  return (
    <section className="panel events-panel" aria-labelledby="events-title">
      <h2 id="events-title" className="panel-title">
        Events <span className="panel-count tabular">{events.length}</span>
      </h2>
      {events.length === 0 ? (
        <p className="muted">No events yet.</p>
      ) : (
        <ol className="events" data-testid="rollout-events">
          {shown.map((e, i) => {
            const kind = KIND[e.kind] ?? { word: e.kind, icon: 'dot' as const };
            return (
              <li key={`${e.time}-${i}`} className={`event event-${e.kind}`}>
                <time
                  className="event-time tabular"
                  dateTime={e.time}
                  title={`${formatDateTime(e.time)} UTC`}
                >
                  {formatClock(e.time)}
                </time>
                <span className="event-kind">
                  <StatusIcon name={kind.icon} />
                  {kind.word}
                </span>
                <span className="event-actor" title="Actor">
                  {e.actor}
                </span>
                <span className="event-message">
                  {e.flag && environment ? (
                    <a href={routeHref({ name: 'flag', environment, key: e.flag })}>{e.message}</a>
                  ) : (
                    e.message
                  )}
                </span>
              </li>
            );
          })}
        </ol>
      )}
      {!showAll && newestFirst.length > INITIAL_LIMIT && (
        <button type="button" className="btn btn-small" onClick={() => setShowAll(true)}>
          Show all {newestFirst.length} events
        </button>
      )}
    </section>
  );
}
