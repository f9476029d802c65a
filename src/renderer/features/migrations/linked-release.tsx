import type { LinkedRelease as Release } from '../../../shared/migrations';
import { routeHref } from '../../app/routes';
import { StatusIcon } from '../../components/status-icon';

/** The release that goes with a phase, per environment, each linking to its rollout. */
export function LinkedRelease({ release }: { release: Release }) {
  return (
    <div className="linked-release" data-testid="linked-release">
      <p>
        <strong>
          {release.service} {release.version}
        </strong>
      </p>
      <ul className="release-envs">
        {release.environments.map((e) => (
          <li key={e.environment}>
            <a href={routeHref({ name: 'rollout', id: e.rolloutId })}>{e.environment}</a>
            <span className={`badge mstate-${e.atFull ? 'passed' : 'pending'}`}>
              <StatusIcon name={e.atFull ? 'check' : 'clock'} />
              {e.atFull ? 'At 100%' : 'Not yet'}
            </span>
            <span className="muted tabular">
              {e.serving.map((s) => `${s.version} ${s.share}%`).join(' · ')}
            </span>
          </li>
        ))}
      </ul>
    </div>
  );
}
