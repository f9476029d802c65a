import type { Freeze } from '../../../shared/incidents';
import { useFreezeStatus } from '../../api/use-incidents';
import { useSimNow } from '../../components/use-now';
import { zonedWhen } from '../../../shared/zoned-time';
import { StatusIcon } from '../../components/status-icon';
import { routeHref } from '../../app/routes';

/** "until Mon 08:00 Europe/Berlin (in 2 d 14 h)": in the window's own zone, as it was written. */
function reopens(freeze: Freeze, now: number): string {
  if (freeze.until) return `until ${zonedWhen(freeze.until, freeze.timezone ?? 'UTC', now)}`;
  return freeze.source.kind === 'incident' ? 'until resolved with a root cause' : 'until it ends';
}

/** On every screen while anything is frozen: what holds releases, and when they reopen. */
export function FreezeBanner() {
  const status = useFreezeStatus();
  const now = useSimNow(15_000);
  const freezes = status.data?.freezes ?? [];
  if (freezes.length === 0) return null;
  return (
    <div className="banner banner-warning freeze-banner" role="status" data-testid="freeze-banner">
      <StatusIcon name="hand" />
      <span>
        <strong>Releases frozen</strong>
        {freezes.map((f) => (
          <span key={f.source.kind === 'incident' ? f.source.id : f.source.name} className="freeze-item">
            {' — '}
            {f.source.kind === 'incident' ? (
              <a href={routeHref({ name: 'incident', id: f.source.id })}>{f.source.id}</a>
            ) : (
              <a href={routeHref({ name: 'settings' })}>window “{f.source.name}”</a>
            )}
            {f.environments ? ` in ${f.environments.join(', ')}` : ' everywhere'}, {reopens(f, now)}
          </span>
        ))}
        . Promote, resume, retry and roll forward are refused; pause, abort and undo stay allowed.
      </span>
    </div>
  );
}
