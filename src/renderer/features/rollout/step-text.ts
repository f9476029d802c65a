import type { AnalysisResult, RolloutDetail, RolloutStep } from '../../../shared/domain';
import { stepTitle as sharedStepTitle } from '../../../shared/step-words';
import { formatSpan } from '../../components/format-duration';

export type StepState = 'done' | 'current' | 'pending' | 'aborted';

export function stepTitle(step: RolloutStep): string {
  return sharedStepTitle(step, formatSpan);
}

export function stepState(r: RolloutDetail, index: number): StepState {
  if (r.phase === 'completed') return 'done';
  if (index < r.currentStepIndex) return 'done';
  if (index === r.currentStepIndex) return r.phase === 'aborted' ? 'aborted' : 'current';
  return 'pending';
}

/** The latest analysis run for a step, if any. */
export function latestAnalysis(r: RolloutDetail, index: number): AnalysisResult | undefined {
  let latest: AnalysisResult | undefined;
  for (const a of r.analyses) {
    if (a.stepIndex === index && (!latest || a.startedAt >= latest.startedAt)) latest = a;
  }
  return latest;
}
