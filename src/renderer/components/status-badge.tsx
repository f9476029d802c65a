import { holdWords, type Hold } from '../../shared/attention-order';
import type { Health, RolloutPhase } from '../../shared/domain';
import { StatusIcon } from './status-icon';
import { HEALTH_ICONS, HEALTH_WORDS, PHASE_ICONS, PHASE_WORDS } from './status-words';

interface PhaseBadgeProps {
  phase: RolloutPhase;
  /** Who or what the rollout waits for: "Paused" alone does not tell judgment from a person's hold. */
  hold?: Hold;
  testId?: string;
  holdTestId?: string;
  large?: boolean;
}

export function PhaseBadge({ phase, hold, testId, holdTestId, large }: PhaseBadgeProps) {
  // "Awaiting promotion" already says what it waits for.
  const detail = hold && phase !== 'awaiting-promotion' ? holdWords(hold) : undefined;
  return (
    <span
      className={`badge phase-${phase}${large ? ' badge-large' : ''}`}
      title={detail ? `${PHASE_WORDS[phase]}, ${detail}` : undefined}
    >
      <StatusIcon name={PHASE_ICONS[phase]} />
      <span data-testid={testId}>{PHASE_WORDS[phase]}</span>
      {detail && (
        <>
          <span className="badge-sep" aria-hidden="true">
            ·
          </span>
          <span className="visually-hidden">, </span>
          <span className="badge-detail" data-testid={holdTestId}>
            {detail}
          </span>
        </>
      )}
    </span>
  );
}

interface HealthBadgeProps {
  health: Health;
  reason?: string;
  testId?: string;
  large?: boolean;
}

export function HealthBadge({ health, reason, testId, large }: HealthBadgeProps) {
  return (
    <span
      className={`badge health-${health}${large ? ' badge-large' : ''}`}
      title={reason ? `${HEALTH_WORDS[health]}: ${reason}` : HEALTH_WORDS[health]}
    >
      <StatusIcon name={HEALTH_ICONS[health]} />
      <span data-testid={testId}>{HEALTH_WORDS[health]}</span>
    </span>
  );
}
