import type { RolloutSummary } from '../../shared/domain';

/** 1-based number of the step the rollout is on (all steps when completed). */
export function stepNumber(r: Pick<RolloutSummary, 'currentStepIndex' | 'stepCount' | 'phase'>): number {
  if (r.stepCount === 0) return 0;
  if (r.phase === 'completed') return r.stepCount;
  return Math.min(Math.max(r.currentStepIndex + 1, 1), r.stepCount);
}

/** "3/8" */
export function stepFraction(r: Pick<RolloutSummary, 'currentStepIndex' | 'stepCount' | 'phase'>): string {
  return `${stepNumber(r)}/${r.stepCount}`;
}
