// What each action does to a controlled rollout, the way the Argo Rollouts controller does it.
// Preconditions are checked by the core before a command gets here; these checks are the
// backend's own last line of defence and answer with the controller's reason.
import { isoTime } from '../../core/clock';
import { BackendRefusal, type BackendCommand } from '../../core/rollouts/deployment-backend';
import type { ChangeLog } from './rollout-machine';
import { abort, enterStep, stepLabel, type ControlledRollout } from './rollout-machine';

/** The controller's own refusal: the core's preconditions raced with a change (or were skipped). */
export class CommandRejected extends BackendRefusal {}

function requireActive(r: ControlledRollout, what: string): void {
  if (r.completed) throw new CommandRejected(`cannot ${what}: the rollout is complete`);
  if (r.aborted) throw new CommandRejected(`cannot ${what}: the rollout was aborted`);
}

/** Applies one command; returns what happened in words. */
export function applyCommand(
  r: ControlledRollout,
  command: BackendCommand,
  now: number,
  log: ChangeLog,
): string {
  const actor = command.actor;
  switch (command.kind) {
    case 'pause':
      requireActive(r, 'pause');
      if (r.manualPause) throw new CommandRejected('already paused');
      r.manualPause = { since: now, actor };
      log.record(r, now, 'paused', actor, `Paused at ${r.weight}%`);
      return `Paused ${r.id} at ${r.weight}% on ${r.canaryVersion}`;
    case 'resume':
      if (!r.manualPause) throw new CommandRejected('not paused by anyone');
      r.manualPause = undefined;
      log.record(r, now, 'resumed', actor, 'Resumed');
      return `Resumed ${r.id}`;
    case 'promote': {
      requireActive(r, 'promote');
      r.manualPause = undefined;
      const step = r.steps[r.currentStepIndex];
      const running = r.analyses.at(-1);
      if (
        step?.kind === 'analysis' &&
        running &&
        running.stepIndex === r.currentStepIndex &&
        !running.finishedAt
      )
        Object.assign(running, {
          verdict: 'inconclusive',
          finishedAt: isoTime(now),
          reason: `skipped by ${actor}`,
        });
      log.record(
        r,
        now,
        'step-completed',
        actor,
        `Promoted past ${step ? stepLabel(step) : 'the last step'}`,
      );
      enterStep(r, r.currentStepIndex + 1, now, log, actor);
      return r.completed
        ? `${r.canaryVersion} fully promoted in ${r.environment}`
        : `Promoted ${r.id} to step ${r.currentStepIndex + 1}/${r.steps.length}`;
    }
    case 'promote-full':
      requireActive(r, 'promote fully');
      r.manualPause = undefined;
      log.record(r, now, 'step-completed', actor, 'Promoted fully, skipping remaining steps');
      enterStep(r, r.steps.length, now, log, actor);
      return `${r.stableVersion} now serves all traffic in ${r.environment}`;
    case 'abort':
      requireActive(r, 'abort');
      abort(r, now, log, actor, false, 'aborted by operator');
      return `Traffic returned to ${r.stableVersion} in ${r.environment}`;
    case 'retry':
      if (!r.aborted) throw new CommandRejected('only an aborted rollout can be retried');
      r.retired.push({ version: r.canaryVersion, from: r.startedAt, to: r.aborted.at });
      r.aborted = undefined;
      r.startedAt = now;
      log.record(r, now, 'rollout-started', actor, `Retrying ${r.canaryVersion} from step 1`);
      enterStep(r, 0, now, log, actor);
      return `Retrying ${r.canaryVersion} in ${r.environment} from step 1`;
    case 'roll-forward': {
      if (command.toVersion === r.stableVersion && !r.aborted && r.completed)
        throw new CommandRejected(`${command.toVersion} already serves all traffic`);
      const replaced = r.completed ? undefined : r.canaryVersion;
      if (replaced !== undefined && replaced !== r.stableVersion)
        r.retired.push({ version: replaced, from: r.startedAt, to: r.aborted ? r.aborted.at : now });
      r.canaryVersion = command.toVersion;
      r.completed = false;
      r.aborted = undefined;
      r.manualPause = undefined;
      r.startedAt = now;
      r.analyses = [];
      if (r.weight !== 0) {
        r.weight = 0;
        r.weightHistory.push({ time: isoTime(now), weight: 0 });
      }
      log.record(
        r,
        now,
        'rollout-started',
        actor,
        `Rolling forward to ${command.toVersion}${replaced ? ` (replacing ${replaced})` : ''}`,
      );
      enterStep(r, 0, now, log, actor);
      return `Started a new rollout of ${command.toVersion} in ${r.environment} from step 1`;
    }
    case 'undo':
    case 'restart':
      // Revisions and pod restarts are a Kubernetes controller's; these rollouts have neither.
      throw new CommandRejected(`${command.kind} needs a backend with revisions and pods (Argo Rollouts)`);
    case 'reapply':
      // Only a backend that drives real traffic can drift; its own apply handles this first.
      throw new CommandRejected('nothing to re-apply: this backend cannot drift from its rollouts');
    case 'analysis-result': {
      const analysis = r.analyses.at(-1);
      if (!analysis || analysis.stepIndex !== command.stepIndex || analysis.finishedAt)
        throw new CommandRejected(`no analysis running at step ${command.stepIndex + 1}`);
      Object.assign(analysis, {
        verdict: command.verdict,
        score: command.score,
        reason: command.reason,
        finishedAt: isoTime(now),
      });
      log.record(
        r,
        now,
        'analysis-finished',
        actor,
        `Analysis ${command.verdict} (score ${command.score}): ${command.reason}`,
      );
      return `Analysis ${command.verdict}`;
    }
  }
}
