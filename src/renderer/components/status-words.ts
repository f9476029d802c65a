import type { Health, RolloutPhase } from '../../shared/domain';
import type { IconName } from './status-icon';

/** The visible words for each phase; e2e tests read these from data-testid="rollout-phase". */
export const PHASE_WORDS: Record<RolloutPhase, string> = {
  progressing: 'Progressing',
  paused: 'Paused',
  'awaiting-promotion': 'Awaiting promotion',
  degraded: 'Degraded',
  aborted: 'Aborted',
  completed: 'Completed',
};

export const PHASE_ICONS: Record<RolloutPhase, IconName> = {
  progressing: 'play',
  paused: 'pause',
  'awaiting-promotion': 'hand',
  degraded: 'warning',
  aborted: 'cross',
  completed: 'check',
};

export const HEALTH_WORDS: Record<Health, string> = {
  healthy: 'Healthy',
  warning: 'Warning',
  critical: 'Critical',
  unknown: 'Unknown',
};

export const HEALTH_ICONS: Record<Health, IconName> = {
  healthy: 'check',
  warning: 'warning',
  critical: 'critical',
  unknown: 'unknown',
};
