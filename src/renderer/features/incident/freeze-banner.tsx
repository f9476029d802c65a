import type { Freeze } from '../../../shared/incidents';
import { useFreezeStatus } from '../../api/use-incidents';
import { formatClock } from '../../components/format-time';
import { StatusIcon } from '../../components/status-icon';
import { routeHref } from '../../app/routes';

function reopens(freeze: Freeze): string {
  if (freeze.until) return `until ${formatClock(freeze.until)} UTC`;
  return freeze.source.kind === 'incident' ? 'until resolved with a root cause' : 'until it ends';
}

/** On every screen while anything is frozen: what holds releases, and when they reopen. */
export function FreezeBanner() {
  const status = useFreezeStatus();
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
              <span>window “{f.source.name}”</span>
            )}
            {f.environments ? ` in ${f.environments.join(', ')}` : ' everywhere'}, {reopens(f)}
          </span>
        ))}
        . Promote, resume, retry and roll forward are refused; pause, abort and undo stay allowed.
      </span>
    </div>
  );
}
