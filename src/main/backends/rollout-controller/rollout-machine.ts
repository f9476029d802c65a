// A rollout controller's step semantics, those of Argo Rollouts, for every backend whose controller
// is the control room (the simulator, HAProxy fleets): a setWeight step waits until its weight is in
// place (the backend says when), timed pauses resume by themselves, untimed pauses wait for
// promotion, analysis steps wait for the core's verdict, abort returns traffic to stable.
import type {
  AnalysisResult,
  PauseCondition,
  RolloutPhase,
  RolloutStep,
  Strategy,
  TimelineEvent,
  TimelineEventKind,
  WeightPoint,
} from '../../../shared/domain';
import { isoTime } from '../../core/clock';
import { stepPhrase } from '../../../shared/step-words';
import type { BackendChange, RolloutSnapshot } from '../../core/rollouts/deployment-backend';

const TIMELINE_LIMIT = 500;
const WEIGHT_HISTORY_LIMIT = 1000;

/**
 * When the current setWeight or switch step's traffic is in place (the simulator: a settle time after
 * the step began; HAProxy: when the weights were read back), or undefined while it is not yet.
 */
export type StepReadiness = (r: ControlledRollout) => number | undefined;

export interface ControlledRollout {
  id: string;
  service: string;
  environment: string;
  strategy: Strategy;
  steps: RolloutStep[];
  stableVersion: string;
  canaryVersion: string;
  currentStepIndex: number;
  weight: number;
  manualPause?: { since: number; actor: string };
  /** Set when traffic went back to stable; `byAnalysis` marks the rollout degraded. */
  aborted?: { at: number; actor: string; byAnalysis: boolean; reason: string };
  completed: boolean;
  /** When the stable version began serving; with `retired`, tells when each version served. */
  stableSince: number;
  retired: { version: string; from: number; to: number }[];
  startedAt: number;
  stepStartedAt: number;
  updatedAt: number;
  revision: number;
  weightHistory: WeightPoint[];
  analyses: AnalysisResult[];
  timeline: TimelineEvent[];
}

/** Collects the changes one operation makes, so the backend can report them after it. */
export class ChangeLog {
  readonly changes: BackendChange[] = [];
  record(r: ControlledRollout, now: number, kind: TimelineEventKind, actor: string, message: string): void {
    r.revision++;
    r.updatedAt = now;
    const stepIndex = r.currentStepIndex;
    r.timeline.push({ time: isoTime(now), kind, actor, message, stepIndex });
    if (r.timeline.length > TIMELINE_LIMIT) r.timeline.splice(0, r.timeline.length - TIMELINE_LIMIT);
    this.changes.push({ id: r.id, revision: r.revision, kind, actor, message, version: r.canaryVersion });
  }
}

const CONTROLLER = 'controller';

export function stepLabel(step: RolloutStep): string {
  return stepPhrase(step, formatSeconds);
}

export function formatSeconds(sec: number): string {
  if (sec % 3600 === 0) return `${sec / 3600}h`;
  if (sec % 60 === 0) return `${sec / 60}m`;
  return `${sec}s`;
}

function setWeight(r: ControlledRollout, weight: number, now: number): void {
  if (r.weight === weight) return;
  r.weight = weight;
  r.weightHistory.push({ time: isoTime(now), weight });
  if (r.weightHistory.length > WEIGHT_HISTORY_LIMIT) r.weightHistory.shift();
}

function runningAnalysis(r: ControlledRollout): AnalysisResult | undefined {
  const last = r.analyses.at(-1);
  return last && last.stepIndex === r.currentStepIndex && !last.finishedAt ? last : undefined;
}

function currentAnalysis(r: ControlledRollout): AnalysisResult | undefined {
  const last = r.analyses.at(-1);
  return last && last.stepIndex === r.currentStepIndex ? last : undefined;
}

/** Enters step `index` at time `at`, with the entry effects of that step. */
export function enterStep(
  r: ControlledRollout,
  index: number,
  at: number,
  log: ChangeLog,
  actor = CONTROLLER,
): void {
  r.currentStepIndex = index;
  r.stepStartedAt = at;
  const step = r.steps[index];
  if (!step) {
    complete(r, at, log, actor);
    return;
  }
  log.record(r, at, 'step-started', actor, `Step ${index + 1}/${r.steps.length}: ${stepLabel(step)}`);
  if (step.kind === 'setWeight') setWeight(r, step.weight, at);
  if (step.kind === 'switch') setWeight(r, 100, at);
  if (step.kind === 'analysis') {
    r.analyses.push({
      stepIndex: index,
      startedAt: isoTime(at),
      verdict: 'running',
      reason: 'collecting samples',
    });
    log.record(r, at, 'analysis-started', actor, `Analysis started for ${formatSeconds(step.durationSec)}`);
  }
  if (step.kind === 'pause' && step.durationSec === undefined) {
    const what =
      r.strategy === 'blueGreen'
        ? `Preview ${r.canaryVersion} is ready`
        : `${r.weight}% on ${r.canaryVersion}`;
    log.record(r, at, 'paused', actor, `${what}: waiting for promotion`);
  }
}

function complete(r: ControlledRollout, at: number, log: ChangeLog, actor: string): void {
  setWeight(r, 100, at);
  r.currentStepIndex = r.steps.length;
  r.completed = true;
  const previous = r.stableVersion;
  if (previous !== r.canaryVersion) r.retired.push({ version: previous, from: r.stableSince, to: at });
  r.stableVersion = r.canaryVersion;
  r.stableSince = r.startedAt;
  log.record(r, at, 'completed', actor, `${r.canaryVersion} serves all traffic (was ${previous})`);
}

/** When a version served traffic in this rollout's service and environment. */
export function servingSpans(r: ControlledRollout, version: string): { from: number; to: number }[] {
  const spans = r.retired.filter((s) => s.version === version).map(({ from, to }) => ({ from, to }));
  if (version === r.stableVersion) spans.push({ from: r.stableSince, to: Number.POSITIVE_INFINITY });
  if (version === r.canaryVersion && !r.completed)
    spans.push({ from: r.startedAt, to: r.aborted ? r.aborted.at : Number.POSITIVE_INFINITY });
  return spans;
}

/**
 * When the rollout next moves by itself (a settled weight, a timed pause ending, a verdict to act
 * on), or undefined while it waits for a person or a verdict, or is done.
 */
export function nextMoveAt(r: ControlledRollout, now: number, readyAt: StepReadiness): number | undefined {
  if (r.completed || r.aborted || r.manualPause) return undefined;
  const step = r.steps[r.currentStepIndex];
  if (!step) return now;
  switch (step.kind) {
    case 'setWeight':
    case 'switch':
      return readyAt(r);
    case 'pause':
      return step.durationSec === undefined ? undefined : r.stepStartedAt + step.durationSec * 1000;
    case 'analysis': {
      const analysis = currentAnalysis(r);
      if (analysis?.verdict === 'pass') return Math.min(now, Date.parse(analysis.finishedAt ?? isoTime(now)));
      return analysis?.verdict === 'fail' ? now : undefined;
    }
  }
}

/** Moves the rollout as far as time `now` allows. */
export function advance(r: ControlledRollout, now: number, readyAt: StepReadiness, log: ChangeLog): void {
  // Bounded: each iteration enters a later step or returns.
  for (let guard = 0; guard <= r.steps.length + 1; guard++) {
    const dueAt = nextMoveAt(r, now, readyAt);
    if (dueAt === undefined || dueAt > now) return;
    const step = r.steps[r.currentStepIndex];
    if (!step) {
      complete(r, now, log, CONTROLLER);
      return;
    }
    if (abortOnFailedAnalysis(r, now, log)) return;
    if (step.kind === 'pause') log.record(r, dueAt, 'resumed', CONTROLLER, 'Timed pause ended');
    enterStep(r, r.currentStepIndex + 1, dueAt, log);
  }
}

/** A failed analysis step aborts the rollout, even where nothing else may move it (drift). */
export function abortOnFailedAnalysis(r: ControlledRollout, now: number, log: ChangeLog): boolean {
  if (r.completed || r.aborted || r.steps[r.currentStepIndex]?.kind !== 'analysis') return false;
  const analysis = currentAnalysis(r);
  if (analysis?.verdict !== 'fail') return false;
  abort(r, now, log, 'judge', true, analysis.reason);
  return true;
}

export function abort(
  r: ControlledRollout,
  now: number,
  log: ChangeLog,
  actor: string,
  byAnalysis: boolean,
  reason: string,
): void {
  r.aborted = { at: now, actor, byAnalysis, reason };
  r.manualPause = undefined;
  const running = runningAnalysis(r);
  if (running)
    Object.assign(running, { verdict: 'inconclusive', finishedAt: isoTime(now), reason: 'rollout aborted' });
  setWeight(r, 0, now);
  log.record(
    r,
    now,
    'aborted',
    actor,
    `Traffic returned to ${r.stableVersion}; ${r.canaryVersion} receives none`,
  );
}

export function derivePhase(r: ControlledRollout): { phase: RolloutPhase; message: string } {
  const stepCount = r.steps.length;
  if (r.completed) return { phase: 'completed', message: `${r.stableVersion} serves all traffic` };
  if (r.aborted) {
    return r.aborted.byAnalysis
      ? {
          phase: 'degraded',
          message: `Analysis failed, rolled back to ${r.stableVersion}: ${r.aborted.reason}`,
        }
      : { phase: 'aborted', message: `Aborted by ${r.aborted.actor}: traffic on ${r.stableVersion}` };
  }
  if (r.manualPause) return { phase: 'paused', message: `Paused by ${r.manualPause.actor} at ${r.weight}%` };
  const step = r.steps[r.currentStepIndex];
  const where = `step ${r.currentStepIndex + 1}/${stepCount}`;
  if (!step) return { phase: 'progressing', message: 'Finishing' };
  switch (step.kind) {
    case 'pause':
      if (step.durationSec !== undefined)
        return { phase: 'progressing', message: `Baking at ${r.weight}% (${where}, timed pause)` };
      return r.strategy === 'blueGreen'
        ? {
            phase: 'awaiting-promotion',
            message: `Preview ${r.canaryVersion} ready: promote to switch traffic`,
          }
        : { phase: 'paused', message: `Waiting for judgment at ${r.weight}% (${where})` };
    case 'analysis': {
      const analysis = currentAnalysis(r);
      if (analysis?.verdict === 'inconclusive')
        return { phase: 'paused', message: `Analysis inconclusive: ${analysis.reason}` };
      return { phase: 'progressing', message: `Analysis running at ${r.weight}% (${where})` };
    }
    case 'setWeight':
      return { phase: 'progressing', message: `Shifting to ${stepLabel(step)} (${where})` };
    case 'switch':
      return { phase: 'progressing', message: `Switching traffic to ${r.canaryVersion}` };
    default:
      // Steps of controllers that run themselves (Argo Rollouts) never reach this machine.
      return { phase: 'progressing', message: `${stepLabel(step)} (${where})` };
  }
}

function pauseConditions(r: ControlledRollout): PauseCondition[] {
  const conditions: PauseCondition[] = [];
  if (r.manualPause)
    conditions.push({ reason: 'manual', since: isoTime(r.manualPause.since), actor: r.manualPause.actor });
  if (r.completed || r.aborted) return conditions;
  const step = r.steps[r.currentStepIndex];
  if (step?.kind === 'pause') {
    const since = isoTime(r.stepStartedAt);
    if (step.durationSec !== undefined)
      conditions.push({
        reason: 'pause-step',
        since,
        until: isoTime(r.stepStartedAt + step.durationSec * 1000),
      });
    else
      conditions.push({ reason: r.strategy === 'blueGreen' ? 'blue-green-promotion' : 'pause-step', since });
  }
  if (step?.kind === 'analysis' && currentAnalysis(r)?.verdict === 'inconclusive')
    conditions.push({ reason: 'analysis-inconclusive', since: isoTime(r.stepStartedAt) });
  return conditions;
}

export function snapshot(r: ControlledRollout): RolloutSnapshot {
  const { phase, message } = derivePhase(r);
  return {
    id: r.id,
    service: r.service,
    environment: r.environment,
    strategy: r.strategy,
    stableVersion: r.stableVersion,
    canaryVersion: r.canaryVersion,
    phase,
    message,
    currentStepIndex: r.currentStepIndex,
    stepCount: r.steps.length,
    weight: r.weight,
    stepStartedAt: isoTime(r.stepStartedAt),
    updatedAt: isoTime(r.updatedAt),
    revision: r.revision,
    steps: r.steps,
    pauseConditions: pauseConditions(r),
    startedAt: isoTime(r.startedAt),
    weightHistory: [...r.weightHistory],
    analyses: r.analyses.map((a) => ({ ...a })),
    timeline: [...r.timeline],
  };
}
