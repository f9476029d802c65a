// When an action needs a second look. Buttons, shortcuts and the command palette all ask here, so
// a single key never does more than its button: promoting a canary that reads Critical, that a
// person holds, or whose analysis did not pass, and retrying what the judge rolled back, confirm.
import type { ActionName, AnalysisResult, RolloutDetail } from '../../../shared/domain';
import { formatClock } from '../../components/format-time';
import { HEALTH_WORDS } from '../../components/status-words';
import { ACTION_META } from './action-meta';

/** "Health now: Critical: Fail: score 0 …": said once per dialog, as a caution or as a consequence. */
export function healthLine(r: RolloutDetail): string {
  return `Health now: ${HEALTH_WORDS[r.health]}${r.healthReason ? ` (${r.healthReason})` : ''}.`;
}

export function healthIsCaution(r: RolloutDetail): boolean {
  return r.health === 'critical' || r.health === 'warning';
}

/** The newest judged analysis of this attempt, when it did not pass. */
function unpassedAnalysis(r: RolloutDetail): AnalysisResult | undefined {
  const attempt = r.analyses.filter((a) => a.startedAt >= r.startedAt && a.finishedAt !== undefined);
  const newest = attempt.at(-1);
  if (!newest || newest.score === undefined) return undefined;
  return newest.verdict === 'fail' || newest.verdict === 'inconclusive' ? newest : undefined;
}

function promoteCautions(r: RolloutDetail): string[] {
  const cautions: string[] = [];
  if (healthIsCaution(r)) cautions.push(healthLine(r));
  const held = r.pauseConditions.find((c) => c.reason === 'manual');
  if (held)
    cautions.push(
      `${held.actor ?? 'Someone'} paused this rollout at ${formatClock(held.since)} UTC: promoting lifts that pause.`,
    );
  const analysis = unpassedAnalysis(r);
  if (analysis)
    cautions.push(
      `The analysis at step ${analysis.stepIndex + 1} ${analysis.verdict === 'fail' ? 'failed' : 'did not pass'}: ${analysis.reason}`,
    );
  return cautions;
}

function retryCautions(r: RolloutDetail): string[] {
  if (r.phase !== 'degraded') return [];
  const failed = r.analyses.findLast((a) => a.verdict === 'fail');
  const verdict = failed ? failed.reason : r.message;
  return [
    `The judge rolled ${r.canaryVersion} back: ${verdict}. Retry overrides that verdict and sends traffic to ${r.canaryVersion} again.`,
  ];
}

/** Why this action deserves a second look now; empty when nothing stands out. */
export function cautionsFor(action: ActionName, r: RolloutDetail): string[] {
  switch (action) {
    case 'promote':
    case 'promote-full':
      return promoteCautions(r);
    case 'retry':
      return retryCautions(r);
    default:
      return [];
  }
}

/** The one rule for asking first: always for destructive actions, and whenever a caution applies. */
export function needsConfirmation(action: ActionName, r: RolloutDetail): boolean {
  return ACTION_META[action].confirm || cautionsFor(action, r).length > 0;
}
