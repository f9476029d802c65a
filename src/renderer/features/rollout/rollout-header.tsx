import { holdOf } from '../../../shared/attention-order';
import type { RolloutDetail } from '../../../shared/domain';
import { routeHref } from '../../app/routes';
import { HealthBadge, PhaseBadge } from '../../components/status-badge';
import { stepNumber } from '../../components/step-label';
import { WeightBar } from '../../components/weight-bar';
import { StatusIcon } from '../../components/status-icon';
import { STRATEGY_WORDS } from '../fleet/fleet-columns';
import { phaseDoubt } from './kubernetes-facts';
import { PauseStatus } from './pause-status';

export function RolloutHeader({ rollout: r, now }: { rollout: RolloutDetail; now: number }) {
  const inFlight = r.canaryVersion !== r.stableVersion;
  const doubt = r.kubernetes && phaseDoubt(r.kubernetes);
  return (
    <header className="rollout-header">
      <div className="rollout-title-row">
        <a className="back-link" href={routeHref({ name: 'fleet' })}>
          ← Fleet
        </a>
        <h1 className="view-title">
          {r.service} <span className="title-sep">·</span> {r.environment}
        </h1>
        <span className="tag">{STRATEGY_WORDS[r.strategy]}</span>
        <span className="versions tabular" data-testid="rollout-versions">
          {inFlight ? (
            <>
              <span className="muted">{r.stableVersion}</span> → <strong>{r.canaryVersion}</strong>
            </>
          ) : (
            <strong>{r.canaryVersion}</strong>
          )}
        </span>
      </div>
      <div className="rollout-status-row">
        <PhaseBadge phase={r.phase} hold={holdOf(r)} testId="rollout-phase" holdTestId="rollout-hold" large />
        {doubt && (
          <span className="status-item phase-doubt" data-testid="phase-not-observed" title={doubt}>
            <StatusIcon name="warning" />
            not yet observed
            <span className="visually-hidden">: {doubt}</span>
          </span>
        )}
        <HealthBadge health={r.health} reason={r.healthReason} testId="rollout-health" large />
        <span className="status-item tabular" data-testid="rollout-step">
          Step {stepNumber(r)}/{r.stepCount}
        </span>
        <span className="status-item">
          <span className="muted">Canary weight</span> <WeightBar weight={r.weight} testId="rollout-weight" />
        </span>
        <span className="status-item muted tabular" title="Changes on every update">
          rev {r.revision}
        </span>
      </div>
      <p className="rollout-message" data-testid="rollout-message">
        {r.message}
      </p>
      {r.kubernetes && (
        <PauseStatus
          conditions={r.pauseConditions}
          autoPromotes={r.kubernetes.blueGreen?.autoPromotionEnabled === true}
          now={now}
        />
      )}
      {r.health !== 'healthy' && r.healthReason && (
        <p className={`health-reason health-${r.health}`}>
          <strong>Health:</strong> {r.healthReason}
        </p>
      )}
    </header>
  );
}
