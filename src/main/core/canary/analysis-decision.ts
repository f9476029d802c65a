// What a verdict does to a rollout. Analysis steps: pass continues, marginal pauses for a person,
// fail rolls back or pauses per policy. Background runs only act on fail; on-demand runs never act.
import type { AnalysisDecision, AnalysisTrigger } from '../../../shared/api/canary-api';
import type { Verdict } from '../../../shared/canary';
import type { CanaryConfig } from './canary-config';

export function decide(
  trigger: AnalysisTrigger,
  verdict: Verdict,
  onFail: CanaryConfig['onFail'],
): AnalysisDecision {
  if (trigger === 'manual') return 'none';
  if (verdict === 'fail') return onFail;
  if (trigger === 'background') return 'none';
  return verdict === 'pass' ? 'continue' : 'pause';
}

/** The analysis step's result as the deployment backend takes it; 'inconclusive' holds the rollout. */
export function stepVerdict(decision: AnalysisDecision): 'pass' | 'fail' | 'inconclusive' {
  return decision === 'continue' ? 'pass' : decision === 'abort' ? 'fail' : 'inconclusive';
}
