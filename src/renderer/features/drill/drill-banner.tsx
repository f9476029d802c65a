import type { DrillStatus } from '../../../shared/drills';
import { useDrillStatus } from '../../api/use-drill';
import { useSession } from '../../api/use-session';
import { formatClock } from '../../components/format-time';
import { StatusIcon } from '../../components/status-icon';
import { useWallNow } from '../../components/use-now';
import { routeHref } from '../../app/routes';
import { selectStale, useFreshnessStore } from '../../store/freshness-store';
import { DRILL_STATE_ICONS, DRILL_STATE_WORDS, drillClockAt, offsetWords } from './drill-words';
import './drill.css';

/**
 * The drill's clock, moving on between reads while it runs; while the data is stale it stands at
 * the last reading rather than run on from what may no longer be true.
 */
export function useDrillClock(status: DrillStatus | undefined, readAt: number) {
  const stale = useFreshnessStore(selectStale);
  const wallNow = useWallNow(status?.state === 'running' && !stale ? 1000 : null);
  if (!status) return undefined;
  return drillClockAt(status, readAt, stale ? readAt : Math.max(wallNow, readAt));
}

/**
 * On every screen of a drill room, above everything: nobody may take the simulated fleet for the
 * real one. It takes its own row (layout, not overlay), so it hides nothing.
 */
export function DrillBanner() {
  const mark = useSession().data?.drill;
  const drill = useDrillStatus();
  const status = drill.data ?? undefined;
  const clock = useDrillClock(status, drill.dataUpdatedAt);
  if (!mark) return null;
  const state = status?.state ?? mark.state;
  return (
    // A landmark, not a live region: only the state is announced, not the clock every second.
    <section className="drill-banner" aria-label="Drill" data-testid="drill-banner">
      <span className="drill-banner-tag">
        <StatusIcon name="warning" />
        DRILL
      </span>
      <span className="drill-banner-text">
        <strong data-testid="drill-banner-title">{status?.scenario.title ?? mark.title}</strong>
        <span className="drill-banner-state" aria-live="polite" data-testid="drill-banner-state">
          <StatusIcon name={DRILL_STATE_ICONS[state]} />
          {DRILL_STATE_WORDS[state]}
        </span>
        {status && clock && (
          <span className="drill-banner-clock" data-testid="drill-banner-clock">
            simulated {formatClock(clock.time)} UTC · {offsetWords(clock.offset)} of{' '}
            {offsetWords(status.durationMs).slice(1)}
            {state === 'running' ? ` · ${status.speed}×` : ''}
          </span>
        )}
        <span className="drill-banner-note">Simulated fleet: nothing here touches a real system.</span>
      </span>
      <a className="drill-banner-link" href={routeHref({ name: 'drill' })}>
        Drill room
      </a>
    </section>
  );
}
