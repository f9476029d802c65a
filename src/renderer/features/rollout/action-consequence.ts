import type { ActionName, RolloutDetail } from '../../../shared/domain';
import { healthIsCaution, healthLine } from './action-caution';
import { kubernetesConsequence } from './kubernetes-consequence';
import { stepTitle } from './step-text';

export interface Consequence {
  title: string;
  /** Exactly what will happen, in plain sentences built from the rollout's data. */
  lines: string[];
}

/** What the person chose in the dialog: the version (an image or tag on Kubernetes), container, revision. */
export interface ActionTarget {
  toVersion?: string;
  container?: string;
  toRevision?: number;
}

function remainingSteps(r: RolloutDetail): string {
  const rest = r.steps.slice(Math.max(0, r.currentStepIndex));
  const analyses = rest.filter((s) => s.kind === 'analysis').length;
  const pauses = rest.filter((s) => s.kind === 'pause').length;
  const parts: string[] = [];
  if (analyses > 0) parts.push(`${analyses} ${analyses === 1 ? 'analysis' : 'analyses'}`);
  if (pauses > 0) parts.push(`${pauses} ${pauses === 1 ? 'pause' : 'pauses'}`);
  const count = `${rest.length} remaining ${rest.length === 1 ? 'step' : 'steps'}`;
  return parts.length > 0 ? `${count} (including ${parts.join(' and ')})` : count;
}

export function describeConsequence(
  action: ActionName,
  r: RolloutDetail,
  target: ActionTarget = {},
): Consequence {
  const kubernetes = r.kubernetes && kubernetesConsequence(action, r, r.kubernetes, target);
  if (kubernetes) return kubernetes;
  const where = `${r.service} in ${r.environment}`;
  const { toVersion } = target;
  switch (action) {
    case 'abort': {
      const subject = r.strategy === 'rolling' ? 'All instances return' : 'Traffic returns';
      return {
        title: `Abort the rollout of ${r.service} ${r.canaryVersion}?`,
        lines: [
          `${subject} to ${r.stableVersion} in ${r.environment}. ${r.service} ${r.canaryVersion} stops receiving traffic.`,
          `Right now ${r.weight}% of traffic is on ${r.canaryVersion}.`,
        ],
      };
    }
    case 'promote-full':
      return {
        title: `Promote ${r.service} ${r.canaryVersion} fully?`,
        lines: [
          `${r.service} ${r.canaryVersion} receives 100% of traffic in ${r.environment} now (from ${r.weight}%). ${r.stableVersion} stops receiving traffic.`,
          `This skips the ${remainingSteps(r)}.`,
          // A worrying health is the dialog's first caution; otherwise it is said here.
          ...(healthIsCaution(r) ? [] : [healthLine(r)]),
        ],
      };
    case 'promote': {
      const next = r.steps[r.currentStepIndex + 1];
      const to = r.currentStepIndex + 2;
      return {
        title: `Promote ${r.service} ${r.canaryVersion} past step ${r.currentStepIndex + 1}?`,
        lines: [
          next
            ? `${r.service} ${r.canaryVersion} in ${r.environment} moves on to step ${to}/${r.stepCount}: ${stepTitle(next)}.`
            : `${r.service} ${r.canaryVersion} takes all traffic in ${r.environment}: this was the last step.`,
        ],
      };
    }
    case 'retry':
      return {
        title: `Retry ${r.service} ${r.canaryVersion} in ${r.environment}?`,
        lines: [
          `Starts ${r.service} ${r.canaryVersion} again from step 1 in ${r.environment}; ${r.stableVersion} keeps the stable traffic until it is promoted.`,
        ],
      };
    case 'roll-forward': {
      const target = toVersion && toVersion.length > 0 ? toVersion : '…';
      const lines = [`Starts a new canary of ${r.service} ${target} in ${r.environment} from step 1.`];
      const canaryServes =
        r.canaryVersion !== r.stableVersion && r.phase !== 'aborted' && r.phase !== 'degraded';
      if (canaryServes) {
        lines.push(
          `It replaces ${r.canaryVersion}; ${r.stableVersion} keeps the stable traffic until the new canary is promoted.`,
        );
      } else {
        lines.push(`${r.stableVersion} keeps the stable traffic until the new canary is promoted.`);
      }
      return { title: `Roll ${where} forward?`, lines };
    }
    case 'reapply':
      return {
        title: `Re-apply the traffic split of ${where}?`,
        lines: [
          `Writes ${r.weight}% to ${r.canaryVersion} and the rest to ${r.stableVersion} into the backend again.`,
          `It differs now: ${r.drift ?? 'no drift is reported any more'}.`,
        ],
      };
    default:
      return { title: `${action} ${where}?`, lines: [] };
  }
}
