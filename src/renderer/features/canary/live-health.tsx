import type { RolloutDetail } from '../../../shared/domain';
import { formatAge } from '../../components/format-duration';
import { formatClock } from '../../components/format-time';
import { HealthBadge } from '../../components/status-badge';

/** What the live reading is, in words: which window the judge read and how long ago. */
export function liveReadingWindow(r: Pick<RolloutDetail, 'healthWindow' | 'health'>, now: number): string {
  const w = r.healthWindow;
  if (!w)
    return r.health === 'unknown' ? 'No reading yet.' : 'From the rollout’s phase: no canary takes traffic.';
  const span = formatAge(Date.parse(w.to) - Date.parse(w.from));
  return `The judge over the last ${span} (${formatClock(w.from)}–${formatClock(w.to)} UTC), read ${formatAge(now - Date.parse(w.to))} ago; not recorded as a run.`;
}

/**
 * The same live reading the fleet and the rollout header show, so this page never contradicts them:
 * the judge over the last minutes, re-read every few seconds, with its window.
 */
export function LiveHealth({ rollout, now }: { rollout: RolloutDetail; now: number }) {
  return (
    <section
      className="panel canary-live"
      aria-labelledby="canary-live-title"
      data-testid="canary-live-reading"
    >
      <h2 id="canary-live-title" className="panel-title">
        Live health
      </h2>
      <p className="canary-live-line">
        <HealthBadge
          health={rollout.health}
          reason={rollout.healthReason}
          testId="canary-live-health"
          large
        />
        <span className="canary-live-reason">{rollout.healthReason}</span>
      </p>
      <p className="muted tabular" data-testid="canary-live-window">
        {liveReadingWindow(rollout, now)}
      </p>
    </section>
  );
}
