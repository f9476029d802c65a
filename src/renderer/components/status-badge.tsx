import type { Health, RolloutPhase } from '../../shared/domain';
import { StatusIcon } from './status-icon';
import { HEALTH_ICONS, HEALTH_WORDS, PHASE_ICONS, PHASE_WORDS } from './status-words';

interface PhaseBadgeProps {
  phase: RolloutPhase;
  testId?: string;
  large?: boolean;
}

export function PhaseBadge({ phase, testId, large }: PhaseBadgeProps) {
  return (
    <span className={`badge phase-${phase}${large ? ' badge-large' : ''}`}>
      <StatusIcon name={PHASE_ICONS[phase]} />
      <span data-testid={testId}>{PHASE_WORDS[phase]}</span>
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
